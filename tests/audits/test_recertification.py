"""The anniversary notice (MNT-2, NTC-1), re-certification every three years (RCT-1), a certificate that
expires without it, and a company followed through a whole cycle with "today" moved forward."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audits.audit.services import audit_complete, audit_record_scores, audit_request, audit_schedule
from audits.certificates.selectors import certified_certificate_ids
from audits.certificates.services import certificate_issue
from audits.maintenance.selectors import cycle_of
from audits.maintenance.services import maintenance_decide
from audits.models import Audit, Certificate
from milestones.models import MilestoneLetter
from secor import hooks
from secor.notices.models import Notice
from secor.notices.services import notices_sweep
from tests.audits.cycle import ISSUED, certified, send_package
from tests.audits.manuals import checked, evidence, manual_pdf
from tests.audits.test_audits import entries
from tests.clock import on
from tests.factories import ManualSubmissionFactory, TrainingRecordFactory, completed_audit, course
from training.rules import CourseCode

pytestmark = pytest.mark.django_db
FIRST, SECOND, EXPIRY = date(2027, 8, 11), date(2028, 8, 11), date(2029, 8, 11)


def sweep(day: date):
    with on(day):
        return notices_sweep(today=day)


def anniversary_notices(**filters):
    return Notice.objects.filter(kind="anniversary-90", **filters)


def request(company, actor):
    return audit_request(
        company=company,
        actor=actor,
        site_assessment=checked(manual_pdf("site.pdf", "site")),
        compliance_declaration=checked(manual_pdf("declaration.pdf", "declaration")),
        evidence=evidence(date(2025, 1, 6)),
    )


def recertify(company, employer, staff, auditor, *, requested_on: date, held_on: date) -> Certificate:
    """RCT-1: the request, the booking 2 months ahead or more, and an achieved re-certification audit."""
    with on(requested_on):
        request(company, employer)
        audit = audit_schedule(
            company=company, actor=staff, auditor=auditor, scheduled_on=held_on, kind=Audit.Kind.RECERTIFICATION
        )
    audit_record_scores(audit=audit, actor=auditor, entries=entries(audit))
    with on(held_on):
        audit_complete(audit=audit, actor=auditor)
    return audit.certificate


# --- MNT-2: the anniversary notice ------------------------------------------------------------------------------


def test_mnt_2_ntc_1_ntc_2_one_notice_90_days_before_each_anniversary_however_often_the_sweep_runs(
    company, staff_user, employer
):
    certified(company, staff_user)
    sweep(date(2027, 5, 12))
    assert not anniversary_notices().exists()
    for day in (date(2027, 5, 13), date(2027, 5, 13), date(2027, 5, 14), FIRST):
        sweep(day)
    notice = anniversary_notices().get()
    assert (notice.recipient_email, notice.about_date, notice.due_on) == (employer.email, FIRST, date(2027, 5, 13))
    assert notice.state == "sent"
    assert "by August 11, 2027" in notice.body and "2 Safe Work Practices" in notice.body
    assert "Jane Doe" in notice.body  # who qualifies to do the internal audit today
    sweep(date(2027, 8, 12))
    assert anniversary_notices().count() == 1


def test_mnt_2_a_missed_sweep_day_catches_up_but_an_accepted_package_needs_no_reminder(company, staff_user, employer):
    _, jane = certified(company, staff_user)
    package = send_package(company, employer, jane, day=date(2027, 3, 1))
    maintenance_decide(package=package, actor=staff_user, accept=True)
    sweep(date(2027, 6, 20))
    assert not anniversary_notices(about_date=FIRST).exists()
    sweep(date(2028, 6, 1))  # 71 days before the second anniversary: the notice day was missed
    assert anniversary_notices(about_date=SECOND).count() == 1


def test_mnt_2_a_certificate_issued_less_than_90_days_before_an_anniversary_gets_its_notice_at_once(
    company, staff_user, employer
):
    audit = completed_audit(company, staff_user, date(2026, 7, 1))  # recorded late: an anniversary 30 days away
    with on(date(2027, 6, 1)):
        certificate_issue(audit=audit, actor=staff_user)
    notice = anniversary_notices().get()
    assert (notice.about_date, notice.due_on) == (date(2027, 7, 1), date(2027, 6, 1))
    sweep(date(2027, 6, 1))
    sweep(date(2027, 6, 2))
    assert anniversary_notices().count() == 1


def test_mnt_2_the_last_anniversary_tells_of_the_expiry_and_the_re_certification(company, staff_user, employer):
    certified(company, staff_user)
    sweep(date(2029, 5, 13))
    notice = anniversary_notices(about_date=EXPIRY).get()
    assert "re-certification audit" in notice.body and "August 12, 2028" in notice.body


# --- RCT-1: re-certification -------------------------------------------------------------------------------------


def test_rct_1_the_re_certification_is_requested_in_the_last_year(company, staff_user, employer):
    certified(company, staff_user)
    with on(date(2028, 8, 11)), pytest.raises(ValidationError, match="from August 12, 2028"):
        request(company, employer)
    with on(date(2028, 8, 12)):
        assert request(company, employer).purpose == "recertification"
    with on(date(2028, 8, 13)), pytest.raises(ValidationError, match="already requested or booked"):
        request(company, employer)


def test_rct_1_trn_9_the_training_must_be_maintained(company, staff_user, employer):
    _, jane = certified(company, staff_user, auditor_training_on=date(2025, 6, 2))  # internal auditor to 2028-06-02
    with on(date(2028, 9, 1)), pytest.raises(ValidationError, match=r"must be maintained: the training chart"):
        request(company, employer)
    # Jane repeats the two-day course and is certified again (TRN-6): the training is maintained once more.
    for code, day in (
        (CourseCode.SAFETY_AUDITOR, date(2028, 6, 20)),
        (CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2028, 8, 20)),
    ):
        TrainingRecordFactory(employee=jane, course=course(code), completed_on=day)
    hooks.changed(hooks.Topic.TRAINING, company_ids=[company.pk])
    with on(date(2028, 9, 1)):
        request(company, employer)


def test_rct_1_an_achieved_re_certification_issues_the_next_certificate_and_supersedes_the_old(
    client, company, staff_user, employer, auditor
):
    old, _ = certified(company, staff_user)
    new = recertify(company, employer, staff_user, auditor, requested_on=date(2028, 9, 1), held_on=date(2028, 11, 6))
    old.refresh_from_db()
    assert (new.issued_on, new.expires_on) == (date(2028, 11, 6), date(2031, 11, 6))
    assert old.superseded_by == new
    with on(date(2028, 11, 7)):
        assert old.status(date(2028, 11, 7)) == "superseded" and new.status(date(2028, 11, 7)) == "valid"
        page = client.get(reverse("audits:verify_certificate", args=[old.number])).content.decode()
        assert 'data-status="superseded"' in page and new.number in page
        assert certified_certificate_ids(today=date(2028, 11, 7)) == [new.pk]  # one line per company
        cycle = cycle_of(company=company, today=date(2028, 11, 7))
    assert cycle.certificate == new and [year.anniversary.on for year in cycle.years] == [
        date(2029, 11, 6),
        date(2030, 11, 6),
    ]


def test_rct_1_a_certificate_that_expires_without_re_certification_shows_expired_and_the_company_is_told(
    client, company, staff_user, employer
):
    certificate, jane = certified(company, staff_user)
    for day in (date(2029, 8, 12), date(2029, 8, 12), date(2029, 8, 20)):
        sweep(day)
    notice = Notice.objects.get(kind="certificate-expired")
    assert notice.recipient_email == employer.email and "request your re-certification audit" in notice.body
    with on(date(2029, 8, 12)):
        assert certificate.status(date(2029, 8, 12)) == "expired"
        client.force_login(employer)
        page = client.get(reverse("audits:audits", args=[company.pk])).content.decode()
        assert 'id="certificate-expired"' in page and "Request the re-certification audit" in page
    with pytest.raises(ValidationError, match="request the re-certification audit"):
        send_package(company, employer, jane, day=date(2029, 8, 12))


# --- the whole cycle ----------------------------------------------------------------------------------------------


def test_mnt_1_mnt_2_rct_1_a_company_through_a_whole_cycle_with_the_sweep_twice_a_day(
    company, staff_user, employer, auditor
):
    """Certificate → three anniversaries, one notice each (the sweep run twice on every day that matters) →
    maintenance packages accepted → re-certification → the new certificate and its own first notice."""
    first_certificate, jane = certified(company, staff_user, auditor_training_on=date(2026, 6, 1))  # to 2029-06-01
    days = [
        date(2027, 5, 13),  # 90 days before the first anniversary
        date(2027, 5, 14),
        FIRST,
        date(2028, 5, 13),  # 90 days before the second
        SECOND,
        date(2029, 5, 13),  # 90 days before the third: the expiry
    ]
    package = None
    for day in days:
        sweep(day)
        sweep(day)
        if day in (date(2027, 5, 14), date(2028, 5, 13)):
            package = send_package(company, employer, jane, day=day)
            with on(day):
                maintenance_decide(package=package, actor=staff_user, accept=True)
        if day == SECOND:
            with on(day):
                assert not cycle_of(company=company, today=day).overdue
    assert sorted(anniversary_notices().values_list("about_date", flat=True)) == [FIRST, SECOND, EXPIRY]
    new = recertify(company, employer, staff_user, auditor, requested_on=date(2029, 5, 14), held_on=date(2029, 7, 20))
    first_certificate.refresh_from_db()
    assert first_certificate.superseded_by == new and package.anniversary.certificate == first_certificate
    for day in (EXPIRY, date(2029, 8, 12)):
        sweep(day)
        sweep(day)
    assert not Notice.objects.filter(kind="certificate-expired").exists()  # renewed in time
    sweep(date(2030, 4, 21))  # 90 days before the new certificate's first anniversary
    sweep(date(2030, 4, 21))
    assert anniversary_notices(about_date=date(2030, 7, 20)).count() == 1
    assert anniversary_notices().count() == 4
    assert [c.status(date(2030, 4, 21)) for c in Certificate.objects.order_by("issued_on")] == ["superseded", "valid"]


def test_rct_1_an_expired_certificate_shows_in_the_company_list_and_the_dashboard_pipeline(
    login, company, other_company, staff_user
):
    for each, issued_on in ((company, ISSUED), (other_company, date(2027, 3, 1))):  # the first expires 2029-08-11
        # Every earlier step of the roadmap done, the training valid through the day looked at.
        email = f"jane@{each.pk}.example"
        certified(each, staff_user, issued_on=issued_on, auditor_training_on=date(2026, 9, 1), email=email)
        ManualSubmissionFactory(company=each, status="accepted", submitted_on=date(2025, 10, 1))
        MilestoneLetter.objects.create(
            company=each,
            milestone=2,
            issued_on=date(2025, 12, 1),
            expires_on=date(2026, 9, 1),
            settled="met",
            settled_on=issued_on,
        )
    client = login(staff_user)
    with on(date(2029, 8, 12)):
        expired = client.get(reverse("companies:list"), {"stage": "recertify"}).context["page"]
        assert [c.pk for c in expired] == [company.pk]
        assert expired[0].roadmap_stage == "Re-certification audit achieved (the certificate expired)"
        pipeline = {f.label: f.count for f in client.get(reverse("pages:dashboard")).context["pipeline"]}
    assert pipeline["certificate expired, not re-certified"] == 1 and pipeline["certified"] == 1
