"""The company's to-do list never goes quiet: where the next move is SCSA's, it says so, since when, and when the
answer is expected; where it is the company's (an audit booked, an invoice to pay), it gives the date and the sum.

Each line is a NextStep whose `waiting_since` marks SCSA's turn: employers read "waiting for SCSA since DATE",
staff read what SCSA owes (`scsa_owes`). Read from the chart and the milestones' standing, with one query more for
an audit booked.
"""

from datetime import date

from django.urls import reverse

from audits.audit import rules as audit_rules
from audits.models import Audit
from companies.models import Company
from milestones.models import MilestoneLetter
from milestones.selectors import Standing
from secor.dates import long_date
from secor.reviews.models import Review
from secor.reviews.rules import review_target_reckoning
from training.chart import Chart
from training.next_steps import SUBMISSION_NAMES, TRAINING_OF, NextStep


def scsa_steps(*, company: Company, chart: Chart, milestones: Standing, today: date) -> list[NextStep]:
    """What waits on SCSA for this company, and the dates it set the company (an audit, an invoice)."""
    steps = _training_waits(company, chart)
    if milestones.manual_state == Review.State.SUBMITTED and milestones.manual_sent_latest_on:
        steps += _manual_wait(company, milestones)
    steps += _letter_wait(company, milestones)
    steps += _audit_steps(company, milestones, today)
    steps += _invoice_steps(company, milestones)
    return steps


def _training_waits(company: Company, chart: Chart) -> list[NextStep]:
    """Course records waiting for verification, and proficiencies under review (TRN-5, TRN-7: the deadline is for
    SCSA's acceptance, so it is the answer's date)."""
    steps, url = [], reverse("training:chart", args=[company.pk])
    for person in chart.people.values():
        for records in person.pending.values():
            for record in records:
                since = record.review.first_submitted_on
                steps.append(
                    NextStep(
                        f"Waiting for SCSA to verify the {record.course} of {person.employee}",
                        None,
                        "SCSA checks the certificate you sent; nothing to do unless it is returned.",
                        url,
                        "See the chart",
                        waiting_since=since,
                        scsa_owes=f"Verify the {record.course} of {person.employee}",
                    )
                )
        for submission in person.submissions:
            if submission.status != submission.Status.SUBMITTED:
                continue
            name, training = SUBMISSION_NAMES[submission.kind], None
            if submission.kind in TRAINING_OF:
                training = person.training_for(submission.kind)
            standing = person.standing(TRAINING_OF[submission.kind], chart.today)[0] if training else None
            steps.append(
                NextStep(
                    f"Waiting for SCSA to review the {name} of {person.employee}",
                    standing.due_on if standing else None,
                    "SCSA must accept it by this date." if standing else "SCSA reviews it.",
                    url,
                    "See the chart",
                    reckoning=standing.reckoning if standing else None,
                    waiting_since=submission.submitted_on,
                    scsa_owes=f"Review the {name} of {person.employee}",
                )
            )
    return steps


def _manual_wait(company: Company, milestones: Standing) -> list[NextStep]:
    """MAN-2: the manual under review, answered within SCSA's 6-week target."""
    target = review_target_reckoning(milestones.manual_sent_latest_on, what="the manual sent")
    return [
        NextStep(
            "Waiting for SCSA to review your health & safety manual",
            target.on,
            "An SCSA Program Auditor reviews it; the answer is expected within 6 weeks.",
            reverse("audits:manual", args=[company.pk]),
            "See the manual",
            reckoning=target,
            waiting_since=milestones.manual_sent_latest_on,
            scsa_owes="Review the manual",
        )
    ]


def _letter_wait(company: Company, milestones: Standing) -> list[NextStep]:
    """MAN-3, MIL-2: the Milestone #2 letter asked for, issued by SCSA before the #1 letter expires."""
    letter = milestones.letter
    if not milestones.request_pending or letter.settled != MilestoneLetter.Settled.OPEN or milestones.expired:
        return []
    return [
        NextStep(
            "Waiting for SCSA to issue your Milestone #2 letter",
            letter.expires_on,
            "You asked for it; SCSA issues it before your Milestone #1 letter expires.",
            reverse("companies:detail", args=[company.pk]) + "#milestones",
            "See the milestones",
            waiting_since=letter.next_requested_at.date(),
            scsa_owes="Issue the Milestone #2 letter",
        )
    ]


def _audit_steps(company: Company, milestones: Standing, today: date) -> list[NextStep]:
    """AUD-2: the baseline request waiting to be booked (the first day SCSA may hold it), or the booked audit to
    prepare for (read only when the standing shows one)."""
    audits_url = reverse("audits:audits", args=[company.pk])
    if milestones.baseline_achieved_on is not None:
        return []
    if milestones.baseline_requested_on is not None and milestones.baseline_scheduled_on is None:
        first = audit_rules.earliest_audit_reckoning(today)
        return [
            NextStep(
                "Waiting for SCSA to book your baseline audit",
                None,
                f"SCSA books audits 2 to 3 months ahead: the first possible date is {long_date(first.on)}.",
                audits_url,
                "See the audits",
                reckoning=first,
                waiting_since=milestones.baseline_requested_on,
                scsa_owes="Book the requested audit",
            )
        ]
    if milestones.baseline_scheduled_on is None or milestones.baseline_scheduled_on < today:
        return []
    booked = (
        company.audits.filter(state=Audit.State.SCHEDULED, scheduled_on=milestones.baseline_scheduled_on)
        .select_related("auditor")
        .first()
    )
    return [
        NextStep(
            f"Your baseline audit is booked for {long_date(booked.scheduled_on)} with {booked.auditor}",
            booked.scheduled_on,
            f"At {booked.location}: have the health & safety records ready for the auditor.",
            audits_url,
            "See the audit",
        )
    ]


def _invoice_steps(company: Company, milestones: Standing) -> list[NextStep]:
    """AUD-6, ELIG-7: the invoices not paid yet, with their amount (read with the standing)."""
    if not milestones.unpaid_count:
        return []
    count = milestones.unpaid_count
    what = f"Pay {count} invoices: ${milestones.unpaid_total:,.2f} in all" if count > 1 else None
    return [
        NextStep(
            what or f"Pay your invoice: ${milestones.unpaid_total:,.2f}",
            milestones.unpaid_due_on,
            "SCSA's invoice page gives the payment instructions.",
            reverse("audits:invoices", args=[company.pk]),
            "See the invoices",
        )
    ]
