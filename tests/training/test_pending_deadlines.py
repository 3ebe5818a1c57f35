"""An 8-month deadline shows from the day a course is recorded, not once SCSA verifies it (TRN-5, TRN-7): the chart,
the next steps and the verification queue give it, marked pending verification, and open on its arithmetic."""

from datetime import date

import pytest
from django.urls import reverse

from tests.clock import on
from tests.training.chart_helpers import TODAY, cells, chart_of, designate, held
from training.models import TrainingRecord
from training.rules import CourseCode, Status

pytestmark = pytest.mark.django_db
PENDING = TrainingRecord.Status.PENDING
# The example: Safety Auditor Training recorded on May 1, 2026, self-audit due January 1, 2027.
WORDS = (
    "January 1, 2027 = Safety Auditor Training recorded (pending SCSA&#x27;s verification) on May 1, 2026 + 8 months, "
    "the self-audit submitted and the Internal Auditor Certification accepted by SCSA"
)


@pytest.fixture(autouse=True)
def _today():
    with on(TODAY):
        yield


@pytest.fixture
def recorded(jane):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6))
    designate(jane, *CourseCode.DESIGNATED)
    return held(jane, CourseCode.SAFETY_AUDITOR, date(2026, 5, 1), status=PENDING)


def test_trn_5_a_recorded_safety_auditor_training_shows_its_deadline_pending_verification(company, recorded):
    chart = chart_of(company)
    for code in (CourseCode.SAFETY_AUDITOR, CourseCode.INTERNAL_AUDITOR_CERTIFICATE):
        standing = cells(chart, code)[0].standing
        assert (standing.status, standing.due_on) == (Status.PENDING, date(2027, 1, 1))
        assert standing.reckoning.rule == "TRN-5"
    assert cells(chart, CourseCode.INTERNAL_AUDITOR_CERTIFICATE)[0].standing.note == (
        "Pending verification of the training record; once verified, must be submitted and accepted by January 1, 2027."
    )


def test_trn_5_the_next_steps_name_the_deadline_of_a_training_waiting_for_verification(
    login, company, employer, recorded
):
    page = login(employer).get(reverse("companies:detail", args=[company.pk]))
    step = next(step for step in page.context["next_steps"] if step.what == "Prepare the self-audit of Jane Doe")
    assert (step.due_on, step.mark) == (date(2027, 1, 1), "pending verification")
    assert "The Safety Auditor Training of May 1, 2026 is waiting for SCSA&#x27;s verification" in page.text
    # The date opens on its arithmetic, without the rule's id for the employer.
    assert "<summary>January 1, 2027</summary>" in page.text and WORDS in page.text
    assert "(TRN-5)" not in page.text


def test_trn_7_a_recorded_lse_shows_the_proficiency_deadline_pending_verification(login, company, employer, jane):
    held(jane, CourseCode.LSE, date(2026, 6, 15), status=PENDING)
    designate(jane, CourseCode.LSE, CourseCode.LSE_PROFICIENCY)
    standing = cells(chart_of(company), CourseCode.LSE_PROFICIENCY)[0].standing
    assert (standing.status, standing.due_on, standing.reckoning.rule) == (Status.PENDING, date(2027, 2, 15), "TRN-7")
    chart = login(employer).get(reverse("training:chart", args=[company.pk])).text
    assert "pending verification · <details" in chart and "<summary>February 15, 2027</summary>" in chart


def test_trn_5_a_pending_training_past_its_deadline_shows_lapsed_not_waiting(company, jane):
    held(jane, CourseCode.SAFETY_AUDITOR, date(2026, 3, 1), status=PENDING)
    designate(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE)
    standing = cells(chart_of(company), CourseCode.INTERNAL_AUDITOR_CERTIFICATE)[0].standing
    assert (standing.status, standing.due_on) == (Status.LAPSED, date(2026, 11, 1))


def test_trn_5_trn_7_the_verification_queue_shows_the_deadline_each_record_starts_flagged_by_urgency(
    login, staff_user, recorded, jane
):
    held(jane, CourseCode.LSE, date(2026, 9, 20), status=PENDING)  # LSE proficiency by May 20, 2027
    page = login(staff_user).get(reverse("training:verification_queue")).text
    assert "Starts the 8-month deadline: <strong><details" in page
    assert "<summary>January 1, 2027</summary>" in page and "urgent: 1\xa0month left" in page
    assert "<summary>May 20, 2027</summary>" in page and "(5\xa0months, 3\xa0weeks left)" in page
    assert WORDS + " (TRN-5)" in page  # staff read the rule's id
