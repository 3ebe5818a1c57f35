"""Annual maintenance (MNT-1): the year's package, who may do its internal audit, its review, and overdue."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from audits import rules, services
from audits.cycle_selectors import cycle_of, maintenance_overdue, qualified_internal_auditors
from audits.models import MaintenanceFile
from secor.notices.models import Notice
from secor.reviews.models import Review
from tests.audits.cycle import ISSUED, certified, documents, send_package
from tests.factories import EmployeeFactory, TrainingRecordFactory, course
from tests.milestones.helpers import on
from training.rules import CourseCode

pytestmark = pytest.mark.django_db
FIRST, SECOND, EXPIRY = date(2027, 8, 11), date(2028, 8, 11), date(2029, 8, 11)


# --- the rules (pure) -----------------------------------------------------------------------------------------


def test_cert_1_three_anniversaries_the_last_the_expiry_and_29_february_falls_on_28():
    assert rules.anniversaries(ISSUED) == [FIRST, SECOND, EXPIRY]
    assert rules.anniversaries(date(2024, 2, 29)) == [date(2025, 2, 28), date(2026, 2, 28), date(2027, 2, 28)]
    assert [rules.maintenance_due(number) for number in (1, 2, 3)] == [True, True, False]


def test_mnt_1_a_year_starts_the_day_after_the_previous_anniversary():
    assert rules.year_starts_on(issued_on=ISSUED, number=1) == ISSUED
    assert rules.year_starts_on(issued_on=ISSUED, number=2) == date(2027, 8, 12)
    assert rules.recertification_opens_on(ISSUED) == date(2028, 8, 12)  # RCT-1: the third year


def test_mnt_1_overdue_from_the_day_after_the_anniversary_unless_accepted():
    def state(review_state, today):
        return rules.maintenance_state(opens_on=ISSUED, due_on=FIRST, review_state=review_state, today=today)

    assert state("", date(2026, 8, 10)) == "to come"
    assert state("", FIRST) == "due"  # the anniversary is the last day that counts
    assert state("", date(2027, 8, 12)) == "overdue"
    assert state("submitted", FIRST) == "in review"
    assert state("submitted", date(2027, 8, 12)) == "overdue"  # sent, but not accepted by the anniversary
    assert state("returned", FIRST) == "returned"
    assert state("accepted", date(2030, 1, 1)) == "accepted"


def test_mnt_2_the_notice_is_90_days_before():
    assert rules.anniversary_notice_on(FIRST) == date(2027, 5, 13)


# --- sending the package ----------------------------------------------------------------------------------------


def test_mnt_1_the_package_holds_the_audit_tool_two_safe_work_practices_and_two_safe_job_procedures(
    company, staff_user, employer
):
    _, jane = certified(company, staff_user)
    package = send_package(company, employer, jane, day=date(2027, 6, 1))
    version = package.review.latest_version
    parts = sorted((f.part, f.position) for f in version.maintenance_files.all())
    five = [
        ("audit_tool", 1),
        *(("safe_work_practice", n) for n in (1, 2)),
        *(("safe_job_procedure", n) for n in (1, 2)),
    ]
    assert parts == sorted(five)
    assert (package.anniversary.on, package.review.state) == (FIRST, Review.State.SUBMITTED)
    assert version.data == {"internal_auditor": str(jane), "internal_audit_on": "2027-06-01"}
    assert Notice.objects.filter(kind="maintenance-to-review", recipient_email=staff_user.email).exists()


def test_mnt_1_a_missing_document_is_named(company, staff_user, employer):
    _, jane = certified(company, staff_user)
    with pytest.raises(ValidationError) as refused:
        send_package(company, employer, jane, day=date(2027, 6, 1), uploads=documents(only={"audit_tool_1"}))
    assert set(refused.value.message_dict) == {
        "safe_work_practice_1",
        "safe_work_practice_2",
        "safe_job_procedure_1",
        "safe_job_procedure_2",
    }


def test_mnt_1_trn_6_the_internal_audit_needs_valid_internal_auditor_status_on_its_day(company, staff_user, employer):
    _, jane = certified(company, staff_user)
    trainee = EmployeeFactory(company=company, first_name="Tom", last_name="Trainee")
    TrainingRecordFactory(employee=trainee, course=course(CourseCode.SAFETY_AUDITOR), completed_on=date(2027, 3, 1))
    with on(date(2027, 6, 1)):
        assert qualified_internal_auditors(company=company, day=date(2027, 6, 1)) == [jane]
    with pytest.raises(ValidationError) as refused:
        send_package(company, employer, trainee, day=date(2027, 6, 1))
    assert (
        "Tom Trainee was not a valid internal auditor on June 1, 2027"
        in refused.value.message_dict["internal_auditor"][0]
    )
    assert "(TRN-6)" in refused.value.message_dict["internal_auditor"][0]


def test_mnt_1_the_internal_audit_is_this_years_and_not_in_the_future(company, staff_user, employer):
    _, jane = certified(company, staff_user)
    with pytest.raises(ValidationError, match="done on or after August 11, 2026"):
        send_package(company, employer, jane, day=date(2027, 6, 1), audit_on=date(2026, 8, 10))
    with pytest.raises(ValidationError, match="cannot be dated after today"):
        send_package(company, employer, jane, day=date(2027, 6, 1), audit_on=date(2027, 6, 2))


def test_mnt_1_one_package_a_year_and_the_next_from_the_day_after_the_anniversary(company, staff_user, employer):
    _, jane = certified(company, staff_user)
    send_package(company, employer, jane, day=date(2027, 6, 1))
    with pytest.raises(ValidationError, match="may be sent from August 12, 2027"):
        send_package(company, employer, jane, day=date(2027, 6, 2))
    second = send_package(company, employer, jane, day=date(2027, 8, 12))
    assert second.anniversary.on == SECOND
    with pytest.raises(ValidationError, match="re-certification audit renews it"):
        send_package(company, employer, jane, day=date(2028, 8, 12))


def test_mnt_1_without_a_certificate_there_is_nothing_to_maintain(company, employer):
    jane = EmployeeFactory(company=company)
    with pytest.raises(ValidationError, match="the company has none yet"):
        send_package(company, employer, jane, day=date(2027, 6, 1))


# --- the review -------------------------------------------------------------------------------------------------


def test_mnt_1_returned_corrected_with_one_document_and_accepted_every_version_kept(
    company, staff_user, employer, unassigned_auditor
):
    _, jane = certified(company, staff_user)
    package = send_package(company, employer, jane, day=date(2027, 6, 1))
    with on(date(2027, 6, 2)):
        services.maintenance_assign(package=package, reviewer=unassigned_auditor, actor=staff_user)
        assert company.auditor_assignments.filter(auditor=unassigned_auditor).exists()
        with pytest.raises(ValidationError, match="Say what needs correcting"):
            services.maintenance_decide(package=package, actor=unassigned_auditor, accept=False)
        services.maintenance_decide(
            package=package, actor=unassigned_auditor, accept=False, comments="Safe Job Procedure 2 is unsigned."
        )
    assert Notice.objects.filter(kind="maintenance-reviewed", recipient_email=employer.email).exists()
    with on(date(2027, 6, 10)):
        services.maintenance_resubmit(
            package=package,
            actor=employer,
            internal_auditor=jane,
            internal_audit_on=date(2027, 6, 1),
            uploads=documents(only={"safe_job_procedure_2"}),
        )
    package.refresh_from_db()
    version = package.review.latest_version
    files = {(f.part, f.position): f.carried_over for f in MaintenanceFile.objects.filter(version=version)}
    assert len(files) == 5 and files[("safe_job_procedure", 2)] is False
    assert sum(files.values()) == 4  # the other four kept from version 1
    with on(date(2027, 6, 20)):
        services.maintenance_decide(package=package, actor=unassigned_auditor, accept=True)
    package.refresh_from_db()
    assert package.review.versions.count() == 2 and package.review.state == Review.State.ACCEPTED
    with on(date(2027, 6, 20)):
        cycle = cycle_of(company=company, today=date(2027, 6, 20))
    assert [year.state for year in cycle.years] == ["accepted", "to come"]


def test_mnt_1_only_the_reviewer_given_the_package_or_staff_decide(company, staff_user, employer, auditor):
    _, jane = certified(company, staff_user)
    package = send_package(company, employer, jane, day=date(2027, 6, 1))
    with pytest.raises(ValidationError, match="given to another reviewer"):
        services.maintenance_decide(package=package, actor=auditor, accept=True)
    services.maintenance_decide(package=package, actor=staff_user, accept=True)


def test_mnt_1_a_package_not_accepted_by_the_anniversary_is_overdue(company, staff_user, employer):
    _, jane = certified(company, staff_user)
    package = send_package(company, employer, jane, day=date(2027, 8, 1))
    assert not maintenance_overdue(today=FIRST).exists()
    assert list(maintenance_overdue(today=date(2027, 8, 12))) == [package.anniversary]
    assert cycle_of(company=company, today=date(2027, 8, 12)).overdue[0].anniversary == package.anniversary
    with on(date(2027, 8, 20)):
        services.maintenance_decide(package=package, actor=staff_user, accept=True)  # late, but accepted
    assert not maintenance_overdue(today=date(2027, 8, 21)).exists()
    # A year with nothing sent is overdue too; an expired certificate is no longer listed as "overdue".
    assert maintenance_overdue(today=date(2028, 8, 12)).get().on == SECOND
    assert not maintenance_overdue(today=date(2029, 8, 12)).exists()
