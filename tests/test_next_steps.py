"""The company page opens with the company's to-do list: next actions with dates, soonest first, each
linking to where it is done (issue 8; TRN-5, TRN-6, TRN-7, ELIG-5 and DOMAIN section 8 for the dates)."""

from datetime import date

import pytest
from django.urls import reverse

from companies.models import Company
from tests.clock import on
from tests.factories import ApplicationFactory, EmployeeFactory, SubmissionFactory
from tests.training.test_chart import designate, held
from training import services
from training.models import TrainingRecord
from training.rules import CourseCode

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with on(date(2026, 11, 26)):
        yield


@pytest.fixture
def jane(company):
    return EmployeeFactory(company=company, first_name="Jane", last_name="Doe", email="jane@roofing.example")


def steps_on(client, company) -> list:
    return client.get(reverse("companies:detail", args=[company.pk])).context["next_steps"]


def whats(steps) -> list[str]:
    return [step.what for step in steps]


def test_a_new_company_is_asked_first_for_its_roster_then_its_trained_employees(login, company, employer):
    ApplicationFactory(company=company, workers={"owners_office": 1, "full_time_field": 3})
    Company.objects.filter(pk=company.pk).update(status=Company.Status.REGISTERED)
    page = login(employer).get(reverse("companies:detail", args=[company.pk]))
    steps = page.context["next_steps"]
    assert steps[0].what == "Add your workers to the roster"
    assert "You declared 4 workers when you applied." in steps[0].why
    assert steps[0].url == reverse("companies:employee_add", args=[company.pk])
    assert "Designate a trained employee for Safety Management" in whats(steps)
    assert "What to do next" in page.text and 'href="/companies/' in page.text


def test_a_roster_that_differs_from_the_declared_workers_is_pointed_out(login, company, employer, jane):
    ApplicationFactory(company=company, workers={"owners_office": 1, "full_time_field": 3})
    step = steps_on(login(employer), company)[0]
    assert step.what == "Check the roster against the workers you declared"
    assert "You declared 4 workers when you applied; the roster counts 1 Saskatchewan workers today." in step.why
    assert step.url == reverse("companies:roster", args=[company.pk])


def test_trn_5_trn_7_proficiencies_due_are_listed_soonest_first_with_their_deadline(login, company, employer, jane):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2026, 6, 1))  # self-audit by February 1, 2027
    held(jane, CourseCode.LSE, date(2026, 5, 4))  # LSE proficiency by January 4, 2027
    designate(jane, *CourseCode.DESIGNATED)
    steps = [step for step in steps_on(login(employer), company) if step.due_on]
    assert [(step.what, step.due_on) for step in steps[:2]] == [
        ("Send the LSE proficiency of Jane Doe", date(2027, 1, 4)),
        ("Send the self-audit of Jane Doe", date(2027, 2, 1)),
    ]
    assert (
        steps[1].url == reverse("training:submission_add", args=[company.pk]) + f"?employee={jane.pk}&kind=self_audit"
    )


def test_section_8_a_returned_self_audit_is_to_correct_and_resubmit_by_its_deadline(
    login, company, employer, jane, staff_user
):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2026, 6, 1))
    designate(jane, CourseCode.SAFETY_AUDITOR, CourseCode.INTERNAL_AUDITOR_CERTIFICATE)
    submission = SubmissionFactory(employee=jane, submitted_on=date(2026, 9, 1))
    services.submission_return(submission=submission, actor=staff_user, comments="Page 3 is missing.")
    steps = [step for step in steps_on(login(employer), company) if "self-audit" in step.what]
    assert [(step.what, step.due_on, step.why) for step in steps] == [
        ("Correct and resubmit the self-audit of Jane Doe", date(2027, 2, 1), "Page 3 is missing.")
    ]
    assert steps[0].url == reverse("training:submission_resubmit", args=[company.pk, submission.pk])


def test_a_returned_certificate_links_to_its_correction_with_the_reason(login, company, employer, jane, staff_user):
    record = held(jane, CourseCode.SCOT, date(2025, 1, 20), status=TrainingRecord.Status.PENDING)
    services.record_reject(record=record, actor=staff_user, reason="The certificate is for someone else.")
    step = next(step for step in steps_on(login(employer), company) if "SCOT" in step.what)
    assert step.what.startswith("Correct and resubmit the Safety Construction Orientation Training (SCOT)")
    assert step.why == "The certificate is for someone else."
    assert step.url == reverse("training:record_correct", args=[company.pk, record.pk])


def test_trn_6_a_valid_internal_auditor_is_reminded_of_the_maintenance_audit_and_recertification(
    login, company, employer, jane
):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2025, 2, 3))  # status valid through February 3, 2028
    held(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2025, 6, 2))
    designate(jane, CourseCode.SAFETY_AUDITOR, CourseCode.INTERNAL_AUDITOR_CERTIFICATE)
    steps = {step.what: step.due_on for step in steps_on(login(employer), company)}
    assert steps["Send the personal maintenance audit of Jane Doe"] == date(2027, 10, 3)
    assert steps["Record the auditor re-certification training of Jane Doe"] == date(2028, 2, 3)


def test_a_missing_course_links_to_the_record_form_with_the_person_and_course_chosen(login, company, employer, jane):
    client = login(employer)
    step = next(step for step in steps_on(client, company) if step.what.startswith("Record Safety Construction"))
    form = client.get(step.url).context["form"]
    assert (form.initial["employee"], form.initial["course"].code) == (str(jane.pk), CourseCode.SCOT)


def test_elig_5_a_derolled_company_is_told_the_day_it_may_register_again(login, company, employer):
    Company.objects.filter(pk=company.pk).update(status=Company.Status.DEROLLED, derolled_on=date(2026, 10, 1))
    company.registration_waits.create(wcb_account_number=company.wcb_account_number, derolled_on=date(2026, 10, 1))
    steps = steps_on(login(employer), company)
    assert [(step.what, step.due_on) for step in steps] == [("Register again from April 1, 2027", None)]
    assert steps[0].reckoning.words == (
        "April 1, 2027 = the de-roll on October 1, 2026 + 6 months, the first day the WCB account number may register "
        "again"
    )


def test_staff_read_the_companys_next_steps_and_an_auditor_gets_no_buttons(login, company, staff_user, auditor, jane):
    staff_page = login(staff_user).get(reverse("companies:detail", args=[company.pk])).text
    assert "The company's next steps" in staff_page
    assert "Record the course" in staff_page
    auditor_page = login(auditor).get(reverse("companies:detail", args=[company.pk])).text
    assert "Record Safety Construction Orientation Training (SCOT) of Jane Doe" in auditor_page
    assert "Record the course" not in auditor_page
