"""External audits: the request (AUD-1), booking (AUD-2, AUD-3), the score sheet and completion (AUD-4,
AUD-5), and Milestone #2 met by the baseline audit (MIL-2)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from audits.audit import services
from audits.audit.inputs import ScoreEntry
from audits.audit.selectors import score_sheet
from audits.models import Audit
from audits.tool.selectors import sections_of
from milestones.models import MilestoneLetter
from milestones.services import letters_settle_expired
from secor.notices.models import Notice
from tests.audits.manuals import checked, evidence, manual_pdf
from tests.clock import on
from tests.factories import AuditorFactory, ManualSubmissionFactory
from tests.milestones.helpers import registered
from tests.pdfs import pdf_text

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


@pytest.fixture
def ready(company):
    """A registered company whose manual is approved: it may request its baseline audit (AUD-1)."""
    ManualSubmissionFactory(company=company, status="accepted", submitted_on=date(2026, 3, 2))
    return company


def request(company, actor, since=date(2025, 11, 1)):
    return services.audit_request(
        company=company,
        actor=actor,
        site_assessment=checked(manual_pdf("site.pdf", "site")),
        compliance_declaration=checked(manual_pdf("declaration.pdf", "declaration")),
        evidence=evidence(since),
    )


def book(company, staff, auditor, day=date(2026, 8, 3), **kwargs):
    with on(TODAY):
        return services.audit_schedule(company=company, actor=staff, auditor=auditor, scheduled_on=day, **kwargs)


# --- AUD-1 ----------------------------------------------------------------------------------------------------


def test_aud_1_the_request_is_refused_with_every_unmet_condition_and_the_first_date(company, employer):
    with on(TODAY), pytest.raises(ValidationError) as refused:
        request(company, employer, since=date(2026, 1, 15))
    messages = refused.value.messages
    assert "The health & safety manual review must be approved first." in messages
    assert any("request the audit from July 15, 2026" in message for message in messages)


def test_aud_1_six_months_of_functioning_is_enough_on_the_day(ready, employer, staff_user):
    with on(date(2026, 7, 15)):
        made = request(ready, employer, since=date(2026, 1, 15))
    assert made.site_assessment.kind == "site-assessment" and made.compliance_declaration.company == ready
    assert Notice.objects.filter(kind="audit-requested", recipient_email=staff_user.email).exists()
    with on(date(2026, 7, 16)), pytest.raises(ValidationError, match="already requested or booked"):
        request(ready, employer, since=date(2026, 1, 15))


# --- AUD-2, AUD-3 ---------------------------------------------------------------------------------------------


def test_aud_2_an_audit_is_booked_two_months_ahead_or_later(ready, employer, staff_user, unassigned_auditor):
    with on(TODAY):
        request(ready, employer)
    with pytest.raises(ValidationError, match=r"book August 1, 2026 or later \(up to September 1, 2026"):
        book(ready, staff_user, unassigned_auditor, day=date(2026, 7, 31))
    audit = book(ready, staff_user, unassigned_auditor, day=date(2026, 8, 1))
    assert (audit.kind, audit.purpose, audit.location) == (
        "baseline",
        "baseline",
        "1 Victoria Avenue, Regina, SK S4P 3Y2",
    )
    # AUD-3: the program auditor now sees the company; company and auditor are told.
    assert ready.auditor_assignments.filter(auditor=unassigned_auditor).exists()
    assert set(Notice.objects.filter(kind="audit-booked").values_list("recipient_email", flat=True)) == {
        employer.email,
        unassigned_auditor.email,
    }


def test_aud_2_an_auditor_is_not_booked_twice_on_one_day(ready, other_company, employer, staff_user, auditor):
    ManualSubmissionFactory(company=other_company, status="accepted")
    with on(TODAY):
        request(ready, employer)
        services.audit_request(
            company=other_company,
            actor=staff_user,
            site_assessment=checked(manual_pdf()),
            compliance_declaration=checked(manual_pdf()),
            evidence=evidence(date(2025, 1, 1)),
        )
    book(ready, staff_user, auditor)
    with pytest.raises(ValidationError, match="already has an audit on August 3, 2026"):
        book(other_company, staff_user, auditor)
    book(other_company, staff_user, AuditorFactory())


def test_aud_3_only_a_program_auditor_is_booked_and_a_baseline_needs_a_request(ready, staff_user, auditor):
    with pytest.raises(ValidationError, match="no baseline audit request waiting"):
        book(ready, staff_user, auditor)
    with pytest.raises(ValidationError, match="active SCSA program auditor"):
        book(ready, staff_user, staff_user)


# --- AUD-4, AUD-5 ---------------------------------------------------------------------------------------------


@pytest.fixture
def booked(ready, employer, staff_user, auditor):
    with on(TODAY):
        request(ready, employer)
    return book(ready, staff_user, auditor)


def entries(audit, points=None, default=(10, 9, 0)):
    points = points or {}
    return [ScoreEntry(row.section, *points.get(row.section.number, default)) for row in score_sheet(audit).rows]


def test_aud_4_impossible_points_are_refused_by_the_section(booked, auditor):
    section = sections_of(booked.tool)[0]
    with pytest.raises(ValidationError) as refused:
        services.audit_record_scores(audit=booked, actor=auditor, entries=[ScoreEntry(section, 10, 9, 2)])
    assert "cannot exceed the available points less the not-applicable ones (8)" in str(refused.value)
    assert not booked.scores.exists()


def test_aud_4_only_the_booked_auditor_or_staff_record_the_scores(booked, staff_user):
    with pytest.raises(ValidationError, match="booked with another auditor"):
        services.audit_record_scores(audit=booked, actor=AuditorFactory(), entries=entries(booked))
    services.audit_record_scores(audit=booked, actor=staff_user, entries=entries(booked))


def test_aud_5_completing_freezes_the_audit_with_its_report(booked, auditor, employer):
    services.audit_record_scores(audit=booked, actor=auditor, entries=entries(booked)[:10])
    with on(date(2026, 8, 4)), pytest.raises(ValidationError, match=r"missing: 11\. "):
        services.audit_complete(audit=booked, actor=auditor)
    services.audit_record_scores(audit=booked, actor=auditor, entries=entries(booked, {3: (20, 16, 0)}))
    with on(date(2026, 8, 4)):
        done = services.audit_complete(audit=booked, actor=auditor)
    assert (done.state, done.completed_on, done.achieved) == ("completed", date(2026, 8, 4), True)
    text = pdf_text(done.report.file)
    assert "The SECOR standard is achieved" in text and "Alice Roofing Ltd." in text and "80.0%" in text
    with pytest.raises(ValidationError, match="frozen"):
        services.audit_record_scores(audit=done, actor=auditor, entries=entries(done))
    assert Notice.objects.filter(kind="audit-completed", recipient_email=employer.email).exists()


def test_aud_5_a_failed_section_requires_a_re_audit_and_a_limited_scope_brings_it_up(booked, auditor, staff_user):
    services.audit_record_scores(audit=booked, actor=auditor, entries=entries(booked, {9: (20, 9, 0)}))
    with on(date(2026, 8, 4)):
        failed = services.audit_complete(audit=booked, actor=auditor)
    assert failed.achieved is False
    inspections = [s for s in sections_of(failed.tool) if s.number == 9]
    with on(date(2026, 8, 5)):
        limited = services.audit_schedule(
            company=failed.company,
            actor=staff_user,
            auditor=auditor,
            scheduled_on=date(2026, 10, 6),
            kind=Audit.Kind.LIMITED_SCOPE,
            follows=failed,
            scope=inspections,
        )
    assert [row.section.number for row in score_sheet(limited).rows] == [9]
    services.audit_record_scores(audit=limited, actor=auditor, entries=[ScoreEntry(inspections[0], 20, 15)])
    with on(date(2026, 10, 6)):
        passed = services.audit_complete(audit=limited, actor=auditor)
    assert passed.achieved and passed.purpose == "baseline"


def test_mil_2_an_achieved_baseline_audit_meets_milestone_2_by_its_expiry(booked, auditor, staff_user):
    company = booked.company
    letter = MilestoneLetter.objects.create(
        company=company, milestone=2, issued_on=date(2026, 5, 1), expires_on=date(2026, 12, 31)
    )
    services.audit_record_scores(audit=booked, actor=auditor, entries=entries(booked))
    with on(date(2026, 8, 4)):
        services.audit_complete(audit=booked, actor=auditor)
    with on(date(2027, 1, 1)):
        assert letters_settle_expired().met == [company.pk]
    letter.refresh_from_db()
    assert letter.settled == MilestoneLetter.Settled.MET


def test_mil_2_without_an_achieved_baseline_the_milestone_2_letter_lapses(company):
    registered(company, date(2025, 1, 5))
    MilestoneLetter.objects.filter(company=company).update(settled="met", settled_on=date(2025, 10, 1))
    MilestoneLetter.objects.create(
        company=company, milestone=2, issued_on=date(2025, 10, 1), expires_on=date(2026, 7, 5)
    )
    with on(date(2026, 7, 6)):
        assert letters_settle_expired().derolled == [company.pk]
