"""Invoices (ELIG-7, AUD-6): the registration fee and the audit fees, numbered in sequence, paid or void."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audits.invoices import rules, services
from audits.models import Audit, Invoice
from audits.tool.selectors import audit_tool_on
from companies.models import Company
from companies.services import application_accept
from secor.core.models import ProgramSettings
from tests.clock import on
from tests.factories import ApplicationFactory, MembershipFactory
from tests.pdfs import pdf_text

pytestmark = pytest.mark.django_db


def accepted(staff, *, member: bool, day=date(2026, 3, 10)):
    application = ApplicationFactory(
        company__status=Company.Status.APPLIED,
        company__is_scsa_member=member,
        registration_fee=ProgramSettings.current().registration_fee(is_scsa_member=member),
    )
    MembershipFactory(company=application.company, user=application.submitted_by)
    with on(day):
        application_accept(application=application, actor=staff)
    return application


def completed_audit(company, staff, kind="baseline", day=date(2026, 8, 11)):
    return Audit.objects.create(
        company=company,
        kind=kind,
        purpose="baseline",
        tool=audit_tool_on(day),
        auditor=staff,
        scheduled_on=day,
        location="1 Victoria Avenue",
        scheduled_by=staff,
        state="completed",
        completed_on=day,
        achieved=True,
    )


def test_aud_6_tax_is_rounded_to_the_cent_half_up():
    assert rules.invoice_tax(Decimal("250.00"), Decimal("5.00")) == Decimal("12.50")
    assert rules.invoice_tax(Decimal("0.10"), Decimal("5.00")) == Decimal("0.01")  # 0.005 rounds up
    assert rules.invoice_tax(Decimal("0.09"), Decimal("5.00")) == Decimal("0.00")


def test_elig_7_a_non_member_is_invoiced_its_registration_fee_on_acceptance_a_member_is_not(staff_user, mailoutbox):
    application = accepted(staff_user, member=False)
    invoice = Invoice.objects.get(company=application.company)
    assert (invoice.kind, invoice.amount, invoice.tax, invoice.total) == (
        "registration",
        Decimal("250.00"),
        Decimal("12.50"),
        Decimal("262.50"),
    )
    assert invoice.issued_on == date(2026, 3, 10) and invoice.application == application
    text = pdf_text(invoice.document.file)
    assert invoice.reference in text and "$262.50" in text and application.company.legal_name in text
    member = accepted(staff_user, member=True)
    assert not Invoice.objects.filter(company=member.company).exists()


def test_aud_6_invoice_numbers_follow_each_other_and_an_audit_is_invoiced_its_fee(company, staff_user):
    first = services.invoice_for_audit(audit=completed_audit(company, staff_user), actor=staff_user)
    second = services.invoice_for_audit(
        audit=completed_audit(company, staff_user, kind="limited_scope", day=date(2026, 9, 1)), actor=staff_user
    )
    assert second.number == first.number + 1
    assert (first.amount, second.amount) == (Decimal("1500.00"), Decimal("750.00"))
    assert "limited scope audit of September 1, 2026" in second.description


def test_aud_6_staff_record_a_payment_or_void_with_a_reason_and_nothing_is_deleted(company, staff_user):
    with on(date(2026, 8, 11)):
        invoice = services.invoice_for_audit(audit=completed_audit(company, staff_user), actor=staff_user)
        other = services.invoice_for_audit(audit=completed_audit(company, staff_user), actor=staff_user)
    with on(date(2026, 8, 20)):
        with pytest.raises(ValidationError, match="Choose a date between August 11, 2026 and August 20, 2026"):
            services.invoice_pay(invoice=invoice, actor=staff_user, paid_on=date(2026, 8, 21), method="cheque")
        pay = {"paid_on": date(2026, 8, 19), "method": "eft", "reference": "T-1"}
        services.invoice_pay(invoice=invoice, actor=staff_user, **pay)
        with pytest.raises(ValidationError, match="only an issued one is voided"):
            services.invoice_void(invoice=invoice, actor=staff_user, reason="Duplicate")
        with pytest.raises(ValidationError, match="Say why"):
            services.invoice_void(invoice=other, actor=staff_user, reason="")
        services.invoice_void(invoice=other, actor=staff_user, reason="Booked twice by mistake")
    invoice.refresh_from_db()
    assert (invoice.state, invoice.paid_on, invoice.payment_reference) == ("paid", date(2026, 8, 19), "T-1")
    assert Invoice.objects.filter(company=company).count() == 2


def test_aud_6_an_invoice_says_when_it_is_due_how_to_pay_and_scsas_gst_number(company, employer, staff_user, login):
    program = ProgramSettings.current()
    program.invoice_payment_days = 45
    program.invoice_payment_instructions = "Pay by EFT to SCSA, transit 00011."
    program.gst_registration_number = "123456789 RT0001"
    program.save()
    with on(date(2026, 8, 11)):
        invoice = services.invoice_for_audit(audit=completed_audit(company, staff_user), actor=staff_user)
    assert invoice.due_on == date(2026, 9, 25)
    text = pdf_text(invoice.document.file)
    for shown in ("Due: September 25, 2026", "123456789 RT0001", "Pay by EFT to SCSA, transit 00011."):
        assert shown in text
    page = login(employer).get(reverse("audits:invoice", args=[company.pk, invoice.pk])).text
    assert "September 25, 2026" in page and "123456789 RT0001" in page and "transit 00011" in page
    assert 'id="paid-mark"' not in page
    # A change of the setting applies to invoices issued after it.
    program.invoice_payment_days = 10
    program.save()
    invoice.refresh_from_db()
    assert invoice.due_on == date(2026, 9, 25)


def test_aud_6_a_paid_invoice_is_marked_paid_on_its_page_and_its_pdf(company, employer, staff_user, login):
    with on(date(2026, 8, 11)):
        invoice = services.invoice_for_audit(audit=completed_audit(company, staff_user), actor=staff_user)
    issued_document = invoice.document
    with on(date(2026, 8, 20)):
        response = login(staff_user).post(
            reverse("audits:invoice_pay", args=[company.pk, invoice.pk]),
            {"paid_on": "2026-08-19", "method": "cheque", "reference": "1042"},
        )
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.document != issued_document  # the issued PDF is kept; the invoice points to the paid one
    text = pdf_text(invoice.document.file)
    assert "PAID" in text and "Paid on August 19, 2026" in text and "Payable" not in text
    page = login(employer).get(reverse("audits:invoice", args=[company.pk, invoice.pk])).text
    assert 'id="paid-mark"' in page and "How to pay" not in page


def test_aud_6_staff_correct_a_payment_with_a_reason_and_the_correction_is_kept(company, employer, staff_user, login):
    with on(date(2026, 8, 11)):
        invoice = services.invoice_for_audit(audit=completed_audit(company, staff_user), actor=staff_user)
    with on(date(2026, 8, 20)):
        services.invoice_pay(invoice=invoice, actor=staff_user, paid_on=date(2026, 8, 19), method="cheque")
        correct = {"paid_on": date(2026, 8, 18), "method": "eft", "reference": "T-7"}
        with pytest.raises(ValidationError, match="Say why"):
            services.invoice_payment_correct(invoice=invoice, actor=staff_user, reason=" ", **correct)
        with pytest.raises(ValidationError, match="as recorded"):
            services.invoice_payment_correct(
                invoice=invoice, actor=staff_user, paid_on=date(2026, 8, 19), method="cheque", reason="Typo"
            )
        client = login(staff_user)
        url = reverse("audits:invoice_payment_correct", args=[company.pk, invoice.pk])
        client.post(url, {"paid_on": "2026-08-21", "method": "eft", "reason": "Typo"})
        invoice.refresh_from_db()
        assert invoice.paid_on == date(2026, 8, 19)  # refused: a payment is not dated after today
        client.post(url, {**correct, "paid_on": "2026-08-18", "reason": "Paid by transfer, not cheque"})
    invoice.refresh_from_db()
    assert (invoice.paid_on, invoice.payment_method, invoice.payment_reference) == (date(2026, 8, 18), "eft", "T-7")
    correction = invoice.payment_corrections.get()
    assert (correction.previous_paid_on, correction.previous_method, correction.corrected_by) == (
        date(2026, 8, 19),
        "cheque",
        staff_user,
    )
    assert "Paid on August 18, 2026" in pdf_text(invoice.document.file)
    staff_page = client.get(reverse("audits:invoice", args=[company.pk, invoice.pk])).text
    assert "it was paid on August 19, 2026 (Cheque)" in staff_page and "Paid by transfer, not cheque" in staff_page
    employer_page = login(employer).get(reverse("audits:invoice", args=[company.pk, invoice.pk])).text
    assert "Paid by transfer, not cheque" not in employer_page and "Correct the payment" not in employer_page


def test_aud_6_staff_list_and_export_invoices_by_state_and_period(company, staff_user, login):
    for day in (date(2026, 8, 11), date(2026, 9, 2)):
        with on(day):
            services.invoice_for_audit(audit=completed_audit(company, staff_user, day=day), actor=staff_user)
    client = login(staff_user)
    listed = client.get(reverse("audits:invoice_list"), {"since": "2026-09-01", "state": "issued"}).context["page"]
    assert [invoice.issued_on for invoice in listed] == [date(2026, 9, 2)]
    csv = b"".join(client.get(reverse("audits:invoice_export"), {"until": "2026-08-31"}).streaming_content).decode()
    assert csv.count("\n") == 2 and "1575.00" in csv and "Alice Roofing Ltd." in csv


def test_an_employer_sees_the_company_invoices_an_auditor_does_not(company, employer, auditor, staff_user, login):
    services.invoice_for_audit(audit=completed_audit(company, staff_user), actor=staff_user)
    url = reverse("audits:invoices", args=[company.pk])
    assert "SCSA-" in login(employer).get(url).content.decode()
    assert login(auditor).get(url).status_code == 404
