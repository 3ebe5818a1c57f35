"""A registered company with its Milestone #1 letter, and what meets Milestone #1 (MIL-1)."""

from datetime import date

from milestones.services import letter_issue_on_registration
from secor import hooks
from tests.clock import on
from tests.factories import ManualSubmissionFactory
from tests.training.test_summaries import fully_trained


def registered(company, day: date, actor=None):
    """`company` registered on `day`, with the letter its acceptance issues."""
    company.registration_date = day
    company.save(update_fields=["registration_date"])
    with on(day):
        return letter_issue_on_registration(company=company, actor=actor)


def milestone_1_met(company, *, manual_approved_on: date, email: str = "jane@roofing.example"):
    """Training complete (every course held by one trained employee: a person of one company only, TRN-2) and
    the manual approved on that day."""
    fully_trained(company, email=email)
    hooks.changed(hooks.Topic.TRAINING, company_ids=[company.pk])  # what the training services say
    return ManualSubmissionFactory(company=company, status="accepted", submitted_on=manual_approved_on)
