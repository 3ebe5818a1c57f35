"""The audits' pages as plain form posts: the request (AUD-1), booking (AUD-2), the score sheet (AUD-4) and
completing an audit (AUD-5)."""

from datetime import date

import pytest
from django.urls import reverse

from audits.models import Audit, AuditRequest
from audits.tool.selectors import audit_tool_on, sections_of
from tests.audits.manuals import evidence_post, manual_pdf
from tests.clock import on
from tests.factories import ManualSubmissionFactory
from tests.pdfs import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(company):
    ManualSubmissionFactory(company=company, status="accepted", submitted_on=date(2026, 1, 5))
    return company


def test_aud_1_the_employer_requests_the_baseline_audit_or_reads_why_not_yet(login, employer, company):
    url = reverse("audits:audit_request", args=[company.pk])
    with on(date(2026, 6, 1)):
        page = login(employer).get(url).content.decode()
        assert "The health &amp; safety manual review must be approved first." in page
        ManualSubmissionFactory(company=company, status="accepted")
        data = {
            "site_assessment": manual_pdf("site.pdf", "site"),
            "compliance_declaration": manual_pdf("declaration.pdf", "declaration"),
            **evidence_post(date(2026, 3, 1)),
        }
        response = login(employer).post(url, data)
        assert "request the audit from September 1, 2026" in response.content.decode()
        data |= {
            "site_assessment": manual_pdf("site.pdf", "site"),
            "compliance_declaration": manual_pdf("declaration.pdf", "declaration"),
            **evidence_post(date(2025, 12, 1)),
        }
        assert login(employer).post(url, data).status_code == 302
    assert AuditRequest.objects.filter(company=company).count() == 1


def test_aud_2_staff_book_the_audit_and_an_early_date_is_refused_by_its_field(
    login, staff_user, approved, employer, auditor
):
    AuditRequest.objects.create(
        company=approved,
        site_assessment=approved.documents.first(),
        compliance_declaration=approved.documents.first(),
        system_functioning_since=date(2025, 1, 1),
        requested_by=employer,
    )
    url = reverse("audits:audit_schedule", args=[approved.pk])
    with on(date(2026, 6, 1)):
        client = login(staff_user)
        assert "August 1, 2026 at the earliest" in client.get(url).content.decode()
        form = {"kind": "baseline", "auditor": auditor.pk, "scheduled_on": "2026-07-15", "starts_at": "09:00"}
        response = client.post(url, form)
        assert response.context["form"].errors["scheduled_on"][0].startswith("Audits are scheduled 2 to 3 months")
        assert client.post(url, form | {"scheduled_on": "2026-08-10"}).status_code == 302
        calendar = client.get(reverse("audits:audit_calendar"), {"month": "2026-08"}).content.decode()
    # Dates are written one way on every page, the calendar's days too.
    assert approved.legal_name in calendar and "August 10, 2026" in calendar


def test_aud_4_aud_5_the_auditor_scores_each_section_and_completes_the_audit(login, approved, auditor, employer):
    audit = Audit.objects.create(
        company=approved,
        kind="baseline",
        purpose="baseline",
        tool=audit_tool_on(date(2026, 6, 1)),
        auditor=auditor,
        scheduled_on=date(2026, 8, 10),
        location="1 Victoria Avenue",
        scheduled_by=auditor,
    )
    sections = sections_of(audit.tool)
    url = reverse("audits:audit", args=[approved.pk, audit.pk])
    client = login(auditor)
    response = client.post(url, {f"available_{sections[0].pk}": "10", f"actual_{sections[0].pk}": "12"})
    assert "cannot exceed" in " ".join(response.context["form"].errors[f"actual_{sections[0].pk}"])
    assert 'value="12"' in response.content.decode()  # what was typed stays
    data = {f"{name}_{s.pk}": value for s in sections for name, value in (("available", "10"), ("actual", "8"))}
    data[f"actual_{sections[8].pk}"] = "4"
    client.post(url, data)
    page = client.get(url).content.decode()
    assert 'data-achieved="no"' in page and "under 50% in 9. Inspections" in page
    complete = reverse("audits:audit_complete", args=[approved.pk, audit.pk])
    with on(date(2026, 8, 11)):
        # A date outside the audit's days is refused before the page that asks to confirm, saying what to choose.
        refused = client.post(complete, {"completed_on": "2026-08-09"}, follow=True).text
        assert "Complete the baseline audit" not in refused
        assert "Choose a date between August 10, 2026 and August 11, 2026." in refused
        asking = client.post(complete, {"completed_on": "2026-08-11"}).content.decode()
        assert "does NOT achieve the standard" in asking
        client.post(complete, {"completed_on": "2026-08-11", "confirmed": "yes"})
    audit.refresh_from_db()
    assert (audit.state, audit.achieved, audit.completed_on) == ("completed", False, date(2026, 8, 11))
    page = login(employer).get(reverse("audits:audits", args=[approved.pk])).content.decode()
    assert "not achieved" in page and "a full re-audit or a limited scope audit is required" in page


def test_aud_1_the_blank_forms_are_given_once_the_manual_is_approved(login, employer, company):
    url = reverse("audits:audit_form", args=[company.pk, "compliance-declaration"])
    assert login(employer).get(url).status_code == 404
    ManualSubmissionFactory(company=company, status="accepted")
    response = login(employer).get(url)
    text = pdf_text(response.content)
    assert "SECOR Audit Compliance Declaration Form" in text and company.legal_name in text


def test_aud_2_the_auditors_bookings_are_in_their_private_calendar(login, approved, auditor, client):
    Audit.objects.create(
        company=approved,
        kind="baseline",
        purpose="baseline",
        tool=audit_tool_on(date(2026, 6, 1)),
        auditor=auditor,
        scheduled_on=date(2099, 3, 2),
        location="1 Victoria Avenue, Regina",
        scheduled_by=auditor,
    )
    login(auditor).post(reverse("audits:my_audit_calendar"))
    token = auditor.audit_calendar.token
    body = client.get(reverse("audits:auditor_calendar_feed", args=[token])).content.decode()
    assert "DTSTART;VALUE=DATE:20990302" in body and "Alice Roofing Ltd." in body
    login(auditor).post(reverse("audits:my_audit_calendar"))
    assert client.get(reverse("audits:auditor_calendar_feed", args=[token])).status_code == 404
