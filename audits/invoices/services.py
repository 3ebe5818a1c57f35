"""Invoices (ELIG-7, AUD-6): the registration fee of a non-member when its application is accepted, and each
audit's fee when it is completed; numbered in sequence, issued as a PDF once; paid or void, never deleted."""

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audits import events
from audits.invoices import notices, rules
from audits.invoices.models import Invoice, InvoiceCounter, PaymentCorrection
from companies.models import Application, Company
from secor import hooks
from secor.core.models import ProgramSettings, User
from secor.dates import long_date
from secor.documents.services import document_issue_pdf

if TYPE_CHECKING:  # audits.audit completes an audit with this service: it imports this package, not the reverse
    from audits.audit.models import Audit


def _next_number() -> int:
    counter, _ = InvoiceCounter.objects.select_for_update().get_or_create(pk=1)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _issue_pdf(invoice: Invoice, *, actor) -> None:
    """The invoice's PDF as it stands: issued, then again marked paid once paid (and once the payment is
    corrected). Each is kept; the invoice points to the latest."""
    paid = invoice.state == Invoice.State.PAID
    invoice.document = document_issue_pdf(
        company=invoice.company,
        kind="invoice",
        name=f"scsa-invoice-{invoice.reference}{'-paid' if paid else ''}",
        template="pdf/invoice.html",
        context={"invoice": invoice, "company": invoice.company, "program": ProgramSettings.current()},
        actor=actor,
    )
    invoice.save(update_fields=["document"])


def _issue(
    *, company: Company, kind: str, amount: Decimal, description: str, actor, notify: bool = True, **subject
) -> Invoice:
    program = ProgramSettings.current()
    rate = program.tax_rate_percent
    tax = rules.invoice_tax(amount, rate)
    today = timezone.localdate()
    invoice = Invoice.objects.create(
        number=_next_number(),
        company=company,
        kind=kind,
        description=description,
        amount=amount,
        tax_rate_percent=rate,
        tax=tax,
        total=amount + tax,
        issued_on=today,
        due_on=rules.invoice_due_on(today, program.invoice_payment_days),
        **subject,
    )
    _issue_pdf(invoice, actor=actor)
    events.audit_event(
        company=company,
        actor=actor,
        subject=invoice,
        summary=f"Invoice {invoice.reference} issued: {description}, ${invoice.total}",
    )
    if notify:
        notices.invoice_issued_send(invoice)
    return invoice


@transaction.atomic
def invoice_on_registration(*, company: Company, actor: User) -> Invoice | None:
    """ELIG-7: the registration fee the company was told when it applied (a non-member's), invoiced as its
    application is accepted (the hook of companies' acceptance, whose email tells the invoice: one email);
    once per application."""
    application = (
        company.applications.filter(decision=Application.Decision.ACCEPTED).order_by("-decided_at", "-pk").first()
    )
    if (
        application is None
        or application.registration_fee <= 0
        or Invoice.objects.filter(application=application).exists()
    ):
        return None
    invoice = _issue(
        company=company,
        kind=Invoice.Kind.REGISTRATION,
        amount=application.registration_fee,
        description="SECOR registration fee",
        actor=actor,
        notify=False,
        application=application,
    )
    hooks.changed(hooks.Topic.AUDITS, company_ids=[company.pk])
    return invoice


@transaction.atomic
def invoice_for_audit(*, audit: "Audit", actor: User) -> Invoice | None:
    """AUD-6: the audit's fee (the program settings' schedule), invoiced when it is completed."""
    fee = ProgramSettings.current().audit_fee(audit.kind)
    if fee <= 0:
        return None
    invoice = _issue(
        company=audit.company,
        kind=Invoice.Kind.AUDIT,
        amount=fee,
        description=f"SECOR {audit.get_kind_display().lower()} of {long_date(audit.completed_on)}",
        actor=actor,
        audit=audit,
    )
    hooks.changed(hooks.Topic.AUDITS, company_ids=[audit.company_id])
    return invoice


def _locked(invoice: Invoice) -> Invoice:
    return Invoice.objects.select_for_update(of=("self",)).select_related("company").get(pk=invoice.pk)


@transaction.atomic
def invoice_pay(*, invoice: Invoice, actor: User, paid_on: date, method: str, reference: str = "") -> Invoice:
    """Staff record the payment of an issued invoice: its date, how it was paid and its reference."""
    invoice = _locked(invoice)
    if invoice.state != Invoice.State.ISSUED:
        raise ValidationError(f"This invoice is {invoice.get_state_display().lower()}: only an issued one is paid.")
    _check_payment_date(invoice, paid_on)
    invoice.state, invoice.paid_on = Invoice.State.PAID, paid_on
    invoice.payment_method, invoice.payment_reference = method, reference.strip()
    invoice.decided_by, invoice.decided_at = actor, timezone.now()
    invoice.save()
    _issue_pdf(invoice, actor=actor)
    events.audit_event(
        company=invoice.company,
        actor=actor,
        subject=invoice,
        summary=f"Invoice {invoice.reference} paid on {long_date(paid_on)} ({invoice.get_payment_method_display()})",
    )
    hooks.changed(hooks.Topic.AUDITS, company_ids=[invoice.company_id])
    return invoice


def _check_payment_date(invoice: Invoice, paid_on: date) -> None:
    if problem := rules.payment_date_problem(paid_on, issued_on=invoice.issued_on, today=timezone.localdate()):
        raise ValidationError({"paid_on": f"A payment is dated from the invoice's issue to today. {problem}"})


@transaction.atomic
def invoice_payment_correct(
    *, invoice: Invoice, actor: User, paid_on: date, method: str, reference: str = "", reason: str
) -> Invoice:
    """Staff correct a recorded payment (its date, method or reference) with a reason: the payment as it was,
    who corrected it and why are kept (PaymentCorrection), and the paid PDF is issued again."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the payment is corrected; it is kept with the invoice."})
    invoice = _locked(invoice)
    if invoice.state != Invoice.State.PAID:
        raise ValidationError(f"This invoice is {invoice.get_state_display().lower()}: only a paid one is corrected.")
    reference = reference.strip()
    if (paid_on, method, reference) == (invoice.paid_on, invoice.payment_method, invoice.payment_reference):
        raise ValidationError("This is the payment as recorded: change its date, method or reference.")
    _check_payment_date(invoice, paid_on)
    PaymentCorrection.objects.create(
        invoice=invoice,
        previous_paid_on=invoice.paid_on,
        previous_method=invoice.payment_method,
        previous_reference=invoice.payment_reference,
        reason=reason.strip(),
        corrected_by=actor,
        corrected_at=timezone.now(),
    )
    invoice.paid_on, invoice.payment_method, invoice.payment_reference = paid_on, method, reference
    invoice.save(update_fields=["paid_on", "payment_method", "payment_reference"])
    _issue_pdf(invoice, actor=actor)
    events.audit_event(
        company=invoice.company,
        actor=actor,
        subject=invoice,
        summary=f"Payment of invoice {invoice.reference} corrected: paid on {long_date(paid_on)} "
        f"({invoice.get_payment_method_display()})",
        detail=reason.strip(),
    )
    hooks.changed(hooks.Topic.AUDITS, company_ids=[invoice.company_id])
    return invoice


@transaction.atomic
def invoice_void(*, invoice: Invoice, actor: User, reason: str) -> Invoice:
    """Staff void an issued invoice with a reason; it stays listed, void, with its number."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the invoice is void; it stays in the list with your reason."})
    invoice = _locked(invoice)
    if invoice.state != Invoice.State.ISSUED:
        raise ValidationError(f"This invoice is {invoice.get_state_display().lower()}: only an issued one is voided.")
    invoice.state, invoice.void_reason = Invoice.State.VOID, reason.strip()
    invoice.decided_by, invoice.decided_at = actor, timezone.now()
    invoice.save()
    events.audit_event(
        company=invoice.company,
        actor=actor,
        subject=invoice,
        summary=f"Invoice {invoice.reference} void",
        detail=invoice.void_reason,
    )
    hooks.changed(hooks.Topic.AUDITS, company_ids=[invoice.company_id])
    return invoice
