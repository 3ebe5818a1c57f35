"""The company page's to-do list: the company's next actions with their dates, soonest first.

It joins what the company app knows (its status, the roster against the workers it declared) with the
training chart's steps (training/next_steps.py). Undated steps are due now and sort with today.
"""

from datetime import date

from django.urls import reverse

from companies.models import Application, Company
from milestones.models import MilestoneLetter
from milestones.rules import manual_suggested_by
from milestones.selectors import Standing
from secor.dates import long_date
from secor.reviews.models import Review
from training.chart import Chart
from training.next_steps import NextStep, training_next_steps


def company_next_steps(
    *,
    company: Company,
    chart: Chart,
    application: Application | None,
    headcount: int,
    registration_wait: date | None,
    milestones: Standing,
    today: date,
) -> list[NextStep]:
    steps = _status_steps(company, registration_wait)
    if company.status in (Company.Status.APPLIED, Company.Status.REGISTERED):
        steps += _roster_steps(company, application, headcount, roster_empty=not chart.people)
        steps += training_next_steps(chart)
    if company.status == Company.Status.REGISTERED:
        steps += _milestone_steps(company, milestones)
    return sorted(steps, key=lambda step: step.due_on or today)


def _milestone_steps(company: Company, milestones: Standing) -> list[NextStep]:
    """The manual (MAN-2) and the request for the next letter (MAN-3), while the Milestone #1 letter is open."""
    letter = milestones.letter
    if letter is None or letter.milestone != MilestoneLetter.Milestone.FIRST or milestones.expired:
        return []
    if letter.settled != MilestoneLetter.Settled.OPEN:
        return []
    manual = reverse("audits:manual", args=[company.pk])
    by_expiry = f"Milestone #1 needs it approved by {long_date(letter.expires_on)}, when the letter expires."
    if milestones.manual_state == "":
        return [
            NextStep(
                "Send your health & safety manual for review",
                manual_suggested_by(company.registration_date),
                "SCSA suggests sending it in months 9 to 10, to leave 4 to 6 weeks for the review and time for "
                f"corrections. {by_expiry}",
                reverse("audits:manual_submit", args=[company.pk]),
                "Send the manual",
            )
        ]
    if milestones.manual_state == Review.State.RETURNED:
        return [
            NextStep(
                "Correct your health & safety manual and send it again",
                None,
                f"The reviewer returned it with comments on the sections to correct. {by_expiry}",
                manual,
                "Read the comments",
            )
        ]
    if milestones.may_request_next:
        return [
            NextStep(
                "Request your Milestone #2 letter",
                letter.expires_on,
                "Milestone #1 is met: ask SCSA for the next letter before the Milestone #1 letter expires (MAN-3).",
                reverse("companies:detail", args=[company.pk]) + "#milestones",
                "Request it",
            )
        ]
    return []


def _status_steps(company: Company, registration_wait: date | None) -> list[NextStep]:
    register = reverse("register:details")
    if company.status == Company.Status.DECLINED:
        return [
            NextStep(
                "Correct your answers and apply again",
                None,
                "SCSA declined the application.",
                register,
                "Apply again",
                employer_only=True,
            )
        ]
    if company.status in (Company.Status.DEROLLED, Company.Status.WITHDRAWN):
        why = "The company may register in SECOR again" + (" from this date." if registration_wait else ".")
        return [NextStep("Register again", registration_wait, why, register, "Register", employer_only=True)]
    return []


def _roster_steps(
    company: Company, application: Application | None, headcount: int, *, roster_empty: bool
) -> list[NextStep]:
    declared = application.declared_workers if application else None
    if roster_empty:
        why = f"You declared {declared} workers when you applied." if declared else "The roster is empty."
        return [
            NextStep(
                "Add your workers to the roster",
                None,
                why + " The training chart and SECOR's worker count are built from the roster.",
                reverse("companies:employee_add", args=[company.pk]),
                "Add a worker",
            )
        ]
    if declared is not None and declared != headcount:
        return [
            NextStep(
                "Check the roster against the workers you declared",
                None,
                f"You declared {declared} workers when you applied; the roster counts {headcount} Saskatchewan "
                "workers today. Add the missing workers, or give an end date to those who have left.",
                reverse("companies:roster", args=[company.pk]),
                "Open the roster",
            )
        ]
    return []
