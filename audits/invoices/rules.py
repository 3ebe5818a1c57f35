"""Invoices' arithmetic (AUD-6, ELIG-7). Pure: no database."""

from decimal import ROUND_HALF_UP, Decimal


def invoice_tax(amount: Decimal, rate_percent: Decimal) -> Decimal:
    """The tax of an invoice, to the cent, half a cent rounded up (as the Canada Revenue Agency rounds)."""
    return (amount * rate_percent / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
