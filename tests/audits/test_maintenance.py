"""Annual maintenance (MNT-1): the year's package, who may do its internal audit, its review, and overdue."""

from datetime import date
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from audits.maintenance import rules, services
from audits.maintenance.selectors import cycle_of, maintenance_overdue, qualified_internal_auditors
from audits.models import Anniversary
from audits.recertification.rules import recertification_opens_on
from secor.core.models import ProgramSettings
from secor.notices.models import Notice
from secor.reviews.models import Review, VersionFile
from tests.audits.cycle import ISSUED, certified, documents, send_package
from tests.clock import on
from tests.factories import EmployeeFactory, TrainingRecordFactory, course
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
    assert recertification_opens_on(ISSUED) == date(2028, 8, 12)  # RCT-1: the third year


def test_mnt_1_overdue_from_the_day_after_the_day_owed_unless_accepted():
    def state(review_state, today, owed_by=FIRST):
        return rules.maintenance_state(opens_on=ISSUED, owed_by=owed_by, review_state=review_state, today=today)

    assert state("", date(2026, 8, 10)) == "to come"
    assert state("", FIRST) == "due"  # the anniversary is the last day that counts
    assert state("", date(2027, 8, 12)) == "overdue"
    assert state("submitted", date(2027, 8, 12), owed_by=None) == "in review"  # sent in time: SCSA's turn
    assert state("submitted", date(2027, 8, 12)) == "overdue"  # sent after the anniversary: late until accepted
    assert state("returned", date(2027, 9, 1), owed_by=date(2027, 9, 1)) == "returned"
    assert state("returned", date(2027, 9, 2), owed_by=date(2027, 9, 1)) == "overdue"
    assert state("accepted", date(2030, 1, 1)) == "accepted"


def test_mnt_1_what_a_package_is_owed_by_through_sends_and_returns():
    assert rules.maintenance_owed_by_first(number=1, anniversary_on=FIRST) == FIRST
    assert rules.maintenance_owed_by_first(number=3, anniversary_on=EXPIRY) is None  # re-certified instead
    assert rules.maintenance_owed_by_after_sending(owed_by=FIRST, sent_on=FIRST) is None
    assert rules.maintenance_owed_by_after_sending(owed_by=FIRST, sent_on=date(2027, 8, 12)) == FIRST
    returned = rules.maintenance_owed_by_after_return(owed_by=None, returned_on=FIRST, correction_days=30)
    assert returned == date(2027, 9, 10)  # 30 days counted from the return, the last day that counts
    assert rules.maintenance_owed_by_after_return(owed_by=FIRST, returned_on=date(2027, 9, 1), correction_days=30) == (
        FIRST  # sent late: the return gives no new window
    )


def test_mnt_2_the_notice_is_90_days_before():
    assert rules.anniversary_notice_on(FIRST) == date(2027, 5, 13)


# --- sending the package ----------------------------------------------------------------------------------------


def test_mnt_1_the_package_holds_the_audit_tool_two_safe_work_practices_and_two_safe_job_procedures(
    company, staff_user, employer
):
    _, jane = certified(company, staff_user)
    package = send_package(company, employer, jane, day=date(2027, 6, 1))
    version = package.review.latest_version
    parts = sorted((f.part, f.position) for f in version.files.all())
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
    assert refused.value.error_dict["internal_auditor"][0].code == "TRN-6"


def test_mnt_1_the_internal_audit_is_this_years_and_not_in_the_future(company, staff_user, employer):
    _, jane = certified(company, staff_user)
    choose = "Choose a date between August 11, 2026 and June 1, 2027"
    with pytest.raises(ValidationError, match=choose):
        send_package(company, employer, jane, day=date(2027, 6, 1), audit_on=date(2026, 8, 10))
    with pytest.raises(ValidationError, match=choose):
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
    files = {(f.part, f.position): f.carried_over for f in VersionFile.objects.filter(version=version)}
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


# --- overdue (DOMAIN section 8): in time when first sent by the anniversary; a return has its window ---------


def _overdue(company, today: date) -> tuple[str, bool]:
    """The year's state on the company's cycle, and whether staff's list of packages overdue holds it."""
    with on(today):
        state = cycle_of(company=company, today=today).years[0].state
    return state, maintenance_overdue(today=today).filter(company=company).exists()


def _return(package, staff, day: date):
    with on(day):
        services.maintenance_decide(package=package, actor=staff, accept=False, comments="Sign the SJP.")


def _resend(package, employer, jane, day: date):
    with on(day):
        services.maintenance_resubmit(
            package=package, actor=employer, internal_auditor=jane, internal_audit_on=date(2027, 6, 1), uploads={}
        )


def test_mnt_1_sent_on_the_anniversary_and_still_in_review_after_it_is_not_overdue(company, staff_user, employer):
    _, jane = certified(company, staff_user)
    package = send_package(company, employer, jane, day=FIRST)
    assert _overdue(company, FIRST) == ("in review", False)
    assert _overdue(company, date(2027, 10, 30)) == ("in review", False)  # SCSA's review may end after it
    with on(date(2027, 11, 2)):
        services.maintenance_decide(package=package, actor=staff_user, accept=True)
    assert _overdue(company, date(2027, 11, 2)) == ("accepted", False)
    with on(date(2027, 11, 2)):
        assert not cycle_of(company=company, today=date(2027, 11, 2)).years[0].accepted_late


def test_mnt_1_nothing_sent_by_the_anniversary_is_overdue_the_day_after(company, staff_user, employer):
    _, jane = certified(company, staff_user)
    assert _overdue(company, FIRST) == ("due", False)
    assert _overdue(company, date(2027, 8, 12)) == ("overdue", True)
    package = send_package(company, employer, jane, day=date(2027, 8, 20))  # late: overdue until accepted
    assert _overdue(company, date(2027, 8, 21)) == ("overdue", True)
    with on(date(2027, 8, 30)):
        services.maintenance_decide(package=package, actor=staff_user, accept=True)
    assert _overdue(company, date(2027, 8, 31)) == ("accepted", False)
    with on(date(2027, 8, 31)):
        assert cycle_of(company=company, today=date(2027, 8, 31)).years[0].accepted_late
    # An expired certificate is told as expired, no longer as "overdue".
    assert maintenance_overdue(today=date(2028, 8, 12)).get().on == SECOND
    assert not maintenance_overdue(today=date(2029, 8, 12)).exists()


def test_mnt_1_returned_on_day_r_is_overdue_on_r_plus_the_days_plus_one_unless_resent(
    company, staff_user, employer, mailoutbox, django_capture_on_commit_callbacks
):
    settings = ProgramSettings.current()
    settings.maintenance_correction_days = 20  # SCSA's decision, read when the package is returned
    settings.save()
    _, jane = certified(company, staff_user)
    package = send_package(company, employer, jane, day=date(2027, 8, 1))
    with on(date(2027, 8, 5)), django_capture_on_commit_callbacks(execute=True):  # R: owed by August 25
        services.maintenance_decide(package=package, actor=staff_user, accept=False, comments="Sign the SJP.")
    assert "send it again from the maintenance page by August 25, 2027" in mailoutbox[-1].body
    package.anniversary.refresh_from_db()
    assert package.anniversary.owed_by == date(2027, 8, 25)
    assert _overdue(company, date(2027, 8, 25)) == ("returned", False)
    assert _overdue(company, date(2027, 8, 26)) == ("overdue", True)
    _resend(package, employer, jane, date(2027, 8, 28))  # after the window: overdue until accepted
    assert _overdue(company, date(2027, 8, 29)) == ("overdue", True)


def test_mnt_1_a_return_long_before_the_anniversary_is_owed_within_its_window(company, staff_user, employer):
    _, jane = certified(company, staff_user)
    package = send_package(company, employer, jane, day=date(2027, 5, 1))
    _return(package, staff_user, date(2027, 5, 3))
    assert _overdue(company, date(2027, 6, 2)) == ("returned", False)  # May 3 + 30 days, the default
    assert _overdue(company, date(2027, 6, 3)) == ("overdue", True)


def test_mnt_1_resent_within_the_window_and_then_accepted_is_not_overdue(company, staff_user, employer):
    _, jane = certified(company, staff_user)
    package = send_package(company, employer, jane, day=date(2027, 8, 1))
    _return(package, staff_user, date(2027, 8, 10))
    _resend(package, employer, jane, date(2027, 9, 9))  # the window's last day
    assert _overdue(company, date(2027, 9, 20)) == ("in review", False)
    _return(package, staff_user, date(2027, 9, 21))  # a second return opens a new window from it
    assert _overdue(company, date(2027, 10, 21)) == ("returned", False)
    _resend(package, employer, jane, date(2027, 10, 21))
    with on(date(2027, 11, 30)):
        services.maintenance_decide(package=package, actor=staff_user, accept=True)
    assert _overdue(company, date(2027, 12, 1)) == ("accepted", False)
    with on(date(2027, 12, 1)):
        assert not cycle_of(company=company, today=date(2027, 12, 1)).years[0].accepted_late


def test_mnt_1_the_migration_keeps_what_existing_packages_are_owed_by_from_their_versions(
    company, other_company, staff_user, employer
):
    keep_owed_by = import_module("audits.migrations.0012_anniversary_owed_by").keep_owed_by
    _, jane = certified(company, staff_user)
    package = send_package(company, employer, jane, day=date(2027, 8, 1))
    _return(package, staff_user, date(2027, 8, 5))
    _resend(package, employer, jane, date(2027, 9, 10))  # after its window (September 4): late
    _, joe = certified(other_company, staff_user, email="joe@concrete.example")
    in_time = send_package(other_company, staff_user, joe, day=date(2027, 8, 1))
    kept = dict(Anniversary.objects.values_list("pk", "owed_by"))
    Anniversary.objects.update(owed_by=None)  # as the column is added
    keep_owed_by(apps, None)
    assert dict(Anniversary.objects.values_list("pk", "owed_by")) == kept
    assert kept[package.anniversary_id] == date(2027, 9, 4) and kept[in_time.anniversary_id] is None
    assert sorted(map(str, Anniversary.objects.filter(company=company).values_list("owed_by", flat=True))) == [
        "2027-09-04",
        "2028-08-11",
        "None",
    ]
