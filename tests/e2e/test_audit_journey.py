"""The audit journey, through a real browser (AUD-4, AUD-5, CERT-1): the program auditor enters the score
sheet, completes the audit, the company downloads its certificate, and anyone verifies it at the address its
QR code carries, without signing in."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from audits.certificates import rules
from audits.models import Audit
from audits.tool.selectors import audit_tool_on, sections_of
from secor.dates import long_date
from tests.e2e.navigating import follow_menu
from tests.factories import AuditorAssignmentFactory, AuditorFactory, MembershipFactory
from tests.pdfs import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_score_entry_issues_a_certificate_that_anyone_verifies_by_its_qr_address(new_page, sign_in, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    employer = MembershipFactory(company__legal_name="Lakeview Electric Ltd.").user
    company = employer.membership.company
    auditor = AuditorFactory(first_name="Marc", last_name="Lavoie")
    AuditorAssignmentFactory(company=company, auditor=auditor)
    today = timezone.localdate()
    audit = Audit.objects.create(
        company=company,
        kind=Audit.Kind.BASELINE,
        purpose=Audit.Purpose.BASELINE,
        tool=audit_tool_on(today),
        auditor=auditor,
        scheduled_on=today - timedelta(days=1),
        location="1 Victoria Avenue, Regina",
        scheduled_by=auditor,
    )
    sections = sections_of(audit.tool)

    # The auditor enters the score sheet: one section under 50% first, so the page says the standard is not met.
    page = new_page()
    sign_in(page, auditor.email)
    page.goto(f"/companies/{company.pk}/audits/{audit.pk}/")
    for section in sections:
        page.get_by_label(f"Available points, {section}").fill("20")
        page.get_by_label(f"Actual points, {section}").fill("9" if section.number == 9 else "17")
    page.get_by_role("button", name="Save the scores").click()
    expect(page.locator("#outcome")).to_contain_text("under 50% in 9. Inspections")
    page.get_by_label("Actual points, 9. Inspections").fill("10")  # exactly 50%
    page.get_by_role("button", name="Save the scores").click()
    expect(page.locator("#outcome")).to_have_attribute("data-achieved", "yes")
    page.get_by_role("button", name="Complete the audit").click()
    page.get_by_role("button", name="Yes, complete the audit").click()
    expect(page.locator("#outcome")).to_contain_text("Completed")

    # The company downloads its certificate; its QR code and printed address lead to its public page.
    company_page = new_page()
    sign_in(company_page, employer.email)
    follow_menu(company_page, "Audits")
    card = company_page.locator("[data-certificate-status='valid']")
    expect(card).to_contain_text("SECOR certificate SECOR-")
    with company_page.expect_download() as download:
        card.get_by_role("link", name="the certificate (PDF)").click()
    text = pdf_text(download.value.path(), wrapped="")  # its address wraps over lines
    address = re.search(r"Check it at (http\S+/verify/SECOR-[A-Z0-9-]+/)", text).group(1)
    assert "Lakeview Electric Ltd." in text

    # Anyone, not signed in, opens that address: whose certificate it is, its dates, valid today.
    public = new_page()
    public.goto(urlsplit(address).path)  # the address is on SITE_URL; the same path on this test server
    expect(public.locator("[data-status='valid']")).to_contain_text("Valid")
    expect(public.locator("dl")).to_contain_text("Lakeview Electric Ltd.")
    expect(public.locator("dl")).to_contain_text(long_date(rules.certificate_expiry(today)))
    expect(public.get_by_role("link", name="Sign in")).to_be_visible()  # nobody is signed in here
