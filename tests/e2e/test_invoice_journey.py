"""An invoice from issue to paid, through a real browser (AUD-6): the company sees it and downloads its PDF,
staff find it in the list of issued invoices and record the payment, and it reads paid for both."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from audits.invoices.services import invoice_for_audit
from audits.models import Audit
from audits.tool.selectors import audit_tool_on
from tests.e2e.navigating import follow_menu
from tests.factories import MembershipFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_invoice_from_issue_to_paid(new_page, sign_in, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    employer = MembershipFactory(company__legal_name="Prairie Sky Plumbing Ltd.").user
    company = employer.membership.company
    staff = StaffFactory()
    today = timezone.localdate()
    audit = Audit.objects.create(
        company=company,
        kind=Audit.Kind.BASELINE,
        purpose=Audit.Purpose.BASELINE,
        tool=audit_tool_on(today),
        auditor=staff,
        scheduled_on=today - timedelta(days=1),
        location="1 Victoria Avenue, Regina",
        scheduled_by=staff,
        state=Audit.State.COMPLETED,
        completed_on=today,
        achieved=True,
    )
    invoice = invoice_for_audit(audit=audit, actor=staff)

    page = new_page()
    sign_in(page, employer.email)
    follow_menu(page, "Invoices")
    row = page.locator("#invoices tr[data-state='issued']")
    expect(row).to_contain_text(invoice.reference)
    expect(row).to_contain_text("$1575.00")
    with page.expect_download() as download:
        row.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename == f"scsa-invoice-{invoice.reference}.pdf"

    office = new_page()
    sign_in(office, staff.email)
    follow_menu(office, "Invoices")
    office.get_by_label("State").select_option(label="Issued")
    office.get_by_role("button", name="Show").click()
    office.get_by_role("link", name=invoice.reference).click()
    office.get_by_label("Paid by").select_option(label="Cheque")
    office.get_by_label("cheque number").fill("Cheque 4471")
    office.get_by_role("button", name="Record the payment").click()
    expect(office.get_by_role("alert")).to_contain_text(f"Payment of invoice {invoice.reference} recorded.")
    expect(office.locator("h1 [data-state='paid']")).to_be_visible()

    page.reload()
    expect(page.locator("#invoices tr[data-state='paid']")).to_contain_text(invoice.reference)
