"""The training summaries behind the company list's filter (TRN-9): exact, never stale, never all charts."""

import threading
from datetime import date, timedelta

import pytest
from django.urls import reverse

from companies import services as company_services
from companies.inputs import EMPLOYEE_FIELDS
from secor import hooks
from secor.core.models import ProgramSettings
from secor.hooks import Topic
from tests.clock import on
from tests.factories import (
    EmployeeFactory,
    TrainedEmployeeFactory,
    TrainingRecordFactory,
    course,
    program_settings_form,
)
from training import selectors, services
from training.models import TrainingRecord, TrainingSummary
from training.rules import CourseCode
from training.summaries import companies_with_training, summaries_for, summaries_refresh

pytestmark = pytest.mark.django_db


def fully_trained(company, *, email="jane@roofing.example", auditor_training_on=date(2025, 2, 3)):
    """Every required course held by one trained employee; internal auditor status 3 years from training."""
    person = EmployeeFactory(company=company, first_name="Jane", last_name="Doe", email=email)
    for code, completed_on in [
        (CourseCode.SAFETY_MANAGEMENT, date(2023, 1, 6)),
        (CourseCode.SCOT, date(2023, 1, 20)),
        (CourseCode.SAFETY_AUDITOR, auditor_training_on),
        (CourseCode.INTERNAL_AUDITOR_CERTIFICATE, auditor_training_on + timedelta(days=60)),
        (CourseCode.LSE, date(2024, 3, 2)),
        (CourseCode.LSE_PROFICIENCY, date(2024, 6, 1)),
    ]:
        TrainingRecordFactory(employee=person, course=course(code), completed_on=completed_on)
    for code in CourseCode.DESIGNATED:
        TrainedEmployeeFactory(employee=person, course=course(code))
    return person


def complete_ids(companies, today):
    return set(companies_with_training(companies, complete=True, today=today).values_list("pk", flat=True))


def test_trn_9_the_filter_agrees_with_the_chart_and_keeps_the_summary(company, other_company):
    fully_trained(company)
    today = date(2026, 11, 26)
    assert complete_ids(company.__class__.objects.all(), today) == {company.pk}
    assert selectors.training_chart(company=company, today=today).summary.complete
    assert TrainingSummary.objects.count() == 2


def test_a_summary_holds_until_the_next_expiry_and_is_recomputed_after_it(company):
    """Internal auditor status from 2023-11-20 runs through 2026-11-20 (TRN-6), then lapses."""
    fully_trained(company, auditor_training_on=date(2023, 11, 20))
    companies = company.__class__.objects.all()
    assert complete_ids(companies, date(2026, 11, 2)) == {company.pk}
    assert TrainingSummary.objects.get().holds_until == date(2026, 11, 20)
    assert complete_ids(companies, date(2026, 11, 20)) == {company.pk}
    assert complete_ids(companies, date(2026, 11, 21)) == set()
    assert TrainingSummary.objects.get().unmet[0].startswith("Safety Auditor Training: Jane Doe")


def test_a_change_to_a_record_is_seen_by_the_filter_at_once(company, staff_user):
    person = fully_trained(company)
    companies = company.__class__.objects.all()
    today = date(2026, 11, 26)
    assert complete_ids(companies, today) == {company.pk}
    with on(date(2026, 11, 26)):
        data = {name: getattr(person, name) for name in EMPLOYEE_FIELDS}
        company_services.employee_update(
            employee=person, actor=staff_user, data=data | {"end_date": date(2026, 11, 25)}
        )
    assert complete_ids(companies, today) == set()


def test_trn_2_another_company_letting_the_person_go_is_seen_at_once(company, other_company, staff_user):
    """Rosa was designated at the other company first; when it removes her, ours holds her place."""
    TrainedEmployeeFactory(
        employee=EmployeeFactory(company=other_company, email="rosa@concrete.example"),
        course=course(CourseCode.SAFETY_MANAGEMENT),
    )
    fully_trained(company, email="rosa@concrete.example")
    companies = company.__class__.objects.all()
    today = date(2026, 11, 26)
    assert complete_ids(companies, today) == set()
    theirs = other_company.trained_employees.get()
    services.trained_employee_remove(designation=theirs, actor=staff_user)
    assert complete_ids(companies, today) == {company.pk}


def test_a_program_setting_change_recomputes_every_summary(company, admin_client):
    owner = fully_trained(company)
    owner.employment_type = "owner"
    owner.save()
    companies = company.__class__.objects.all()
    today = date(2026, 11, 26)
    assert complete_ids(companies, today) == {company.pk}  # owners may be trained employees (TRN-1 default)
    settings = ProgramSettings.current()
    data = program_settings_form(owners_may_be_trained_employees=False)
    response = admin_client.post(reverse("admin:core_programsettings_change", args=[settings.pk]), data)
    assert response.status_code == 302
    assert not ProgramSettings.current().owners_may_be_trained_employees
    assert complete_ids(companies, today) == set()


def test_trn_8_an_equivalent_staff_no_longer_accept_recomputes_every_summary(company, admin_client):
    jane = fully_trained(company)
    petroleum = course(CourseCode.PETROLEUM_SAFETY_TRAINING)
    TrainingRecord.objects.filter(employee=jane, course__code=CourseCode.SCOT).update(course=petroleum)
    companies, today = company.__class__.objects.all(), date(2026, 11, 26)
    assert complete_ids(companies, today) == {company.pk}  # SCOT held through its accepted equivalent
    data = {"name": petroleum.name, "description": petroleum.description, "counts_as": petroleum.counts_as_id}
    response = admin_client.post(reverse("admin:training_course_change", args=[petroleum.pk]), data)
    assert response.status_code == 302
    assert complete_ids(companies, today) == set()


def test_summaries_are_computed_in_batches_not_per_company(company, django_assert_max_num_queries):
    companies = [company, *(EmployeeFactory().company for _ in range(12))]
    with django_assert_max_num_queries(16):
        summaries = summaries_for(companies, today=date(2026, 11, 26))
    assert set(summaries) == {c.pk for c in companies}
    with django_assert_max_num_queries(2):
        summaries_for(companies, today=date(2026, 11, 26))  # all current: read, nothing computed
    assert summaries_refresh(company.__class__.objects.all(), today=date(2026, 11, 26)) == 0


def test_trn_9_a_day_found_all_current_skips_the_search_until_a_change_comes(company, django_assert_num_queries):
    from training import summaries

    EmployeeFactory(company=company)
    day = date(2026, 11, 26)
    assert summaries.summaries_refresh_all(today=day) >= 1
    with django_assert_num_queries(1):  # the state row only
        assert summaries.summaries_refresh_all(today=day) == 0
    hooks.changed(Topic.TRAINING, company_ids=[company.pk])
    assert summaries.summaries_refresh_all(today=day) == 1
    assert summaries.summaries_refresh_all(today=date(2026, 11, 27)) == 0  # a new day: searched again


def test_trn_9_a_committed_change_computes_its_companies_summaries_again_before_any_read(
    company, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """The pages after a write find the summaries it forgot current: computed once the write commits, so the
    next read's search finds none to compute."""
    from training import summaries

    EmployeeFactory(company=company)
    day = date(2026, 11, 26)
    with on(day):
        summaries.summaries_refresh_all(today=day)
        with django_capture_on_commit_callbacks(execute=True):
            hooks.changed(Topic.TRAINING, company_ids=[company.pk])
            assert not TrainingSummary.objects.filter(company=company).exists()  # forgotten with the change
        assert TrainingSummary.objects.get(company=company).computed_on == day
        with django_assert_num_queries(1):  # the day all current again: no search of every company
            assert summaries.summaries_refresh_all(today=day) == 0


def test_trn_9_a_change_during_a_whole_refresh_keeps_the_day_from_being_marked_current(company, monkeypatch):
    """Another request forgets a summary while the refresh runs: the day is not marked all current."""
    from training import summaries

    EmployeeFactory(company=company)
    refresh = summaries.summaries_refresh

    def refresh_then_a_change_elsewhere(companies, *, today):
        done = refresh(companies, today=today)
        hooks.changed(Topic.TRAINING, company_ids=[company.pk])
        return done

    monkeypatch.setattr(summaries, "summaries_refresh", refresh_then_a_change_elsewhere)
    summaries.summaries_refresh_all(today=date(2026, 11, 26))
    monkeypatch.setattr(summaries, "summaries_refresh", refresh)
    assert not TrainingSummary.objects.filter(company=company).exists()
    assert summaries.summaries_refresh_all(today=date(2026, 11, 26)) == 1  # searched, and found


@pytest.mark.django_db(transaction=True)
def test_trn_9_a_summary_forgotten_by_another_request_meanwhile_is_still_on_the_page(company):
    """`make soak` found it: a list computing a company's summary while an upload elsewhere forgot it read the
    row back after it was gone (a server error). What a page computes it now uses as computed."""
    from django.db import connection

    EmployeeFactory(company=company)
    today, rounds, failures = date(2026, 11, 26), 150, []
    start = threading.Barrier(2)

    def list_pages():
        start.wait()
        try:
            for _ in range(rounds):
                if company.pk not in summaries_for([company], today=today):
                    failures.append("missing")
        except Exception as error:  # the failure this test is about, reported by the main thread
            failures.append(repr(error))
        finally:
            connection.close()

    def uploads():
        start.wait()
        try:
            for _ in range(rounds):
                hooks.changed(Topic.TRAINING, company_ids=[company.pk])
        finally:
            connection.close()

    threads = [threading.Thread(target=list_pages), threading.Thread(target=uploads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
