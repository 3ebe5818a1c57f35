"""AUD-1's six months of documentation: the audit request asks for the evidence (the earliest inspection, safety
meeting and hazard assessment, each a file and its date), the system functions since the earliest of them, and
the auditor sees it before the audit; the submission checklist is ticked from what SECOR knows."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audits.audit import rules, services
from audits.models import AuditRequest, SystemEvidence
from secor.dates import long_date
from tests.audits.manuals import checked, evidence, evidence_post, manual_pdf
from tests.clock import on
from tests.factories import DocumentFactory, ManualSubmissionFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


@pytest.fixture
def ready(company):
    ManualSubmissionFactory(company=company, status="accepted", submitted_on=date(2026, 3, 2))
    return company


def forms() -> dict:
    return {
        "site_assessment": manual_pdf("site.pdf", "site"),
        "compliance_declaration": manual_pdf("declaration.pdf", "declaration"),
    }


def test_aud_1_a_request_without_its_evidence_is_refused_by_each_missing_record(login, employer, ready):
    url = reverse("audits:audit_request", args=[ready.pk])
    with on(TODAY):
        response = login(employer).post(url, forms() | {"system_functioning_since": "2025-01-01"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["inspection_file"] == ["Attach your earliest workplace inspection record."]
    assert errors["meeting_file"] == ["Attach your earliest safety meeting record."]
    assert errors["hazard_assessment_on"] == ["Enter the date of the hazard assessment record."]
    assert not AuditRequest.objects.exists()


def test_aud_1_the_system_functions_since_the_earliest_record(ready, employer):
    records = evidence(date(2025, 12, 1))
    # The safety meeting came first: the system began with it, whatever the order the records are given in.
    records[1] = services.Evidence("meeting", date(2025, 11, 20), checked(manual_pdf("meeting.pdf", "first")))
    with on(TODAY):
        made = services.audit_request(
            company=ready,
            actor=employer,
            site_assessment=checked(manual_pdf()),
            compliance_declaration=checked(manual_pdf()),
            evidence=records,
        )
    assert made.system_functioning_since == date(2025, 11, 20)
    stored = {record.kind: (record.dated_on, record.document.company_id) for record in made.evidence.all()}
    assert stored == {
        "inspection": (date(2025, 12, 1), ready.pk),
        "meeting": (date(2025, 11, 20), ready.pk),
        "hazard_assessment": (date(2025, 12, 11), ready.pk),
    }


def test_aud_1_records_under_six_months_old_are_refused_with_the_date_the_request_becomes_possible(
    login, employer, ready
):
    url = reverse("audits:audit_request", args=[ready.pk])
    with on(TODAY):
        response = login(employer).post(url, forms() | evidence_post(date(2026, 1, 15)))
    page = response.content.decode()
    assert response.status_code == 200 and "request the audit from July 15, 2026" in page
    assert 'value="2026-01-15"' in page  # the dates typed are kept
    assert not AuditRequest.objects.exists()


def test_aud_1_a_record_dated_after_today_is_refused_by_its_date(ready, employer):
    records = evidence(date(2025, 6, 1))
    records[2] = services.Evidence("hazard_assessment", date(2026, 6, 2), checked(manual_pdf()))
    with on(TODAY), pytest.raises(ValidationError) as refused:
        services.audit_request(
            company=ready,
            actor=employer,
            site_assessment=checked(manual_pdf()),
            compliance_declaration=checked(manual_pdf()),
            evidence=records,
        )
    assert refused.value.message_dict == {
        "hazard_assessment_on": [f"A record is dated once it exists. Choose {long_date(TODAY)} or an earlier date."]
    }


def test_aud_1_the_auditor_sees_the_evidence_on_the_audit_page_before_the_audit(
    login, ready, employer, staff_user, auditor
):
    with on(TODAY):
        made = services.audit_request(
            company=ready,
            actor=employer,
            site_assessment=checked(manual_pdf()),
            compliance_declaration=checked(manual_pdf()),
            evidence=evidence(date(2025, 10, 6)),
        )
        audits_page = login(staff_user).get(reverse("audits:audits", args=[ready.pk])).content.decode()
        audit = services.audit_schedule(company=ready, actor=staff_user, auditor=auditor, scheduled_on=date(2026, 8, 3))
        page = login(auditor).get(reverse("audits:audit", args=[ready.pk, audit.pk])).content.decode()
    for shown in (audits_page, page):
        assert "functioning since October 6, 2025" in shown
        for record in SystemEvidence.objects.filter(request=made):
            link = reverse("companies:document", args=[ready.pk, record.document_id])
            assert f'<a href="{link}">{record.get_kind_display()}</a> of {long_date(record.dated_on)}' in shown
    record = made.evidence.get(kind="inspection")
    download = login(auditor).get(reverse("companies:document", args=[ready.pk, record.document_id]))
    assert download.status_code == 200


def test_aud_1_a_request_sent_before_evidence_was_asked_keeps_its_date_and_says_so(login, ready, employer):
    AuditRequest.objects.create(
        company=ready,
        site_assessment=DocumentFactory(company=ready, kind="site-assessment"),
        compliance_declaration=DocumentFactory(company=ready, kind="compliance-declaration"),
        system_functioning_since=date(2025, 1, 1),
        requested_by=employer,
    )
    page = login(employer).get(reverse("audits:audits", args=[ready.pk])).content.decode()
    assert "functioning since January 1, 2025" in page
    assert "sent before SECOR asked for the earliest records" in page


def test_aud_1_the_checklist_ticks_what_secor_knows_and_says_what_to_do(login, ready, employer):
    with on(TODAY):
        page = login(employer).get(reverse("audits:audit_request", args=[ready.pk])).content.decode()
        assert (
            'data-done="yes"><span aria-hidden="true">✓</span> <span class="visually-hidden">Done:</span> Health'
            in page
        )
        assert "Complete the Site Assessment Form and attach it to the request." in page
        assert "Record the missing courses on the training chart" in page  # no training recorded yet
        assert "Attach the earliest record of each" in page
        services.audit_request(
            company=ready,
            actor=employer,
            site_assessment=checked(manual_pdf()),
            compliance_declaration=checked(manual_pdf()),
            evidence=evidence(date(2025, 10, 6)),
        )
        page = login(employer).get(reverse("audits:audits", args=[ready.pk])).content.decode()
    assert page.count('data-done="yes"') == 4 and page.count('data-done="no"') == 1  # only the training is unmet
    assert "AUD-1" not in page  # employers read the rules in words


def test_aud_1_the_records_item_is_ticked_from_six_months_after_the_earliest_record():
    def records_item(since, today):
        checklist = rules.submission_checklist(
            manual_approved=True,
            site_assessment=True,
            compliance_declaration=True,
            training_complete=True,
            functioning_since=since,
            today=today,
        )
        return checklist[-1]

    assert not records_item(None, TODAY).done
    waiting = records_item(date(2026, 1, 31), date(2026, 7, 30))
    assert not waiting.done and "can be requested from July 31, 2026" in waiting.to_do
    assert records_item(date(2026, 1, 31), date(2026, 7, 31)).done
