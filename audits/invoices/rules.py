"""Invoices' arithmetic (AUD-6, ELIG-7). Pure: no database."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from secor.dates import outside_dates_problem


def invoice_tax(amount: Decimal, rate_percent: Decimal) -> Decimal:
    """The tax of an invoice, to the cent, half a cent rounded up (as the Canada Revenue Agency rounds)."""
    return (amount * rate_percent / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def invoice_due_on(issued_on: date, payment_days: int) -> date:
    """The day an invoice's payment is due: the program settings' days after its issue [decision]."""
    return issued_on + timedelta(days=payment_days)


def payment_date_problem(paid_on: date, *, issued_on: date, today: date) -> str | None:
    """A payment is dated from the invoice's issue to today."""
    return outside_dates_problem(paid_on, earliest=issued_on, latest=today)
