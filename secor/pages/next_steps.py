"""The company page's to-do list: the company's next actions with their dates, soonest first.

It joins what the company app knows (its status, the roster against the workers it declared) with the
training chart's steps (training/next_steps.py). Undated steps are due now and sort with today.
"""

from datetime import date

from django.urls import reverse

from audits.audit.selectors import audit_underway
from audits.maintenance.rules import Maintenance
from audits.maintenance.selectors import CertificateCycle
from audits.models import Audit
from companies.models import Application, Company, CorHandoff
from milestones.models import MilestoneLetter
from milestones.rules import manual_suggested_by
from milestones.selectors import Standing
from secor.dates import Reckoning, long_date
from secor.pages.waiting import scsa_steps
from secor.reviews.models import Review
from secor.rule_ids import RuleWords
from training.chart import Chart
from training.next_steps import NextStep, training_next_steps


def company_next_steps(
    *,
    company: Company,
    chart: Chart,
    application: Application | None,
    headcount: int,
    registration_wait: Reckoning | None,
    milestones: Standing,
    today: date,
    cycle: CertificateCycle | None = None,
    cor_handoff: CorHandoff | None = None,
) -> list[NextStep]:
    status = company.status_on(today).status  # MIL-3: a de-roll due counts, recorded or not yet
    steps = _status_steps(status, registration_wait)
    if status in (Company.Status.APPLIED, Company.Status.REGISTERED):
        steps += _cor_steps(company, headcount, cor_handoff, today)
        steps += _roster_steps(company, application, headcount, roster_empty=not chart.people)
        steps += training_next_steps(chart)
        steps += scsa_steps(company=company, chart=chart, milestones=milestones, today=today)
    if status == Company.Status.REGISTERED:
        steps += _milestone_steps(company, milestones)
        if cycle is not None:
            steps += _cycle_steps(company, cycle)
    return sorted(steps, key=lambda step: step.due_on or today)


def _milestone_steps(company: Company, milestones: Standing) -> list[NextStep]:
    """The manual (MAN-2) and the request for the next letter (MAN-3), while the Milestone #1 letter is open."""
    letter = milestones.letter
    if letter is None or letter.milestone != MilestoneLetter.Milestone.FIRST or milestones.expired:
        return []
    if milestones.settled != MilestoneLetter.Settled.OPEN:
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
        # MIL-2 (DOMAIN section 8): the request is a deadline of the #1 letter, not a courtesy.
        return [
            NextStep(
                f"Ask SCSA for your Milestone #2 letter by {long_date(letter.expires_on)}",
                letter.expires_on,
                "Milestone #1 is met. Asking for the Milestone #2 letter is one of the Milestone #1 letter's "
                "deadlines: without the request the company is de-rolled the day after the letter expires.",
                reverse("companies:detail", args=[company.pk]) + "#milestones",
                "Request it",
            )
        ]
    return []


def _cycle_steps(company: Company, cycle: CertificateCycle) -> list[NextStep]:
    """The certificate's cycle: the year's maintenance package (MNT-1), correcting a returned one, and the
    re-certification audit in the last year or after an expiry (RCT-1)."""
    certificate, audits = cycle.certificate, reverse("audits:audits", args=[company.pk])
    if cycle.status == "ended":  # CERT-2: the company left the program; its status steps say what it may do
        return []
    if cycle.status == "expired":
        why = f"Certificate {certificate.number} expired on {long_date(certificate.expires_on)}: the company is not"
        why += " SECOR certified until a re-certification audit achieves the standard."
        return [NextStep("Request your re-certification audit", None, why, audits, "Request it")]
    steps, maintenance = [], reverse("audits:maintenance", args=[company.pk])
    for year in cycle.years:
        if year.package is not None and year.package.review.state == Review.State.RETURNED:
            # MNT-1 (DOMAIN section 8): the correction is owed by the end of its window (kept with the return).
            owed_by, why = year.anniversary.owed_by, "SCSA returned it with what to correct."
            if owed_by >= cycle.today:
                why += f" Returned — correct and resubmit by {long_date(owed_by)}."
            title = "Correct your maintenance package and send it again"
            steps.append(NextStep(title, owed_by, why, maintenance, "Read the comments"))
        elif year.package is None and year.state in (Maintenance.DUE, Maintenance.OVERDUE):
            why = RuleWords(
                "The completed SECOR audit tool (an internal audit by a valid internal auditor of the company), 2 Safe "
                "Work Practices and 2 Safe Job Procedures, before the certificate's anniversary.",
                "MNT-1",
            )
            send = reverse("audits:maintenance_submit", args=[company.pk])
            steps.append(NextStep("Send your maintenance package", year.anniversary.on, why, send, "Send it"))
    if cycle.in_recertification_year and not audit_underway(
        company=company, purpose=Audit.Purpose.RECERTIFICATION, since=certificate.issued_on
    ):
        why = RuleWords(
            "Every 3 years the certificate is renewed by an achieved re-certification audit; SCSA books it 2 to 3 "
            "months ahead, so request it well before the certificate expires.",
            "RCT-1",
        )
        steps.append(NextStep("Request your re-certification audit", certificate.expires_on, why, audits, "Request it"))
    return steps


def _status_steps(status: str, registration_wait: Reckoning | None) -> list[NextStep]:
    register = reverse("companies:register")
    if status == Company.Status.DECLINED:
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
    if status in (Company.Status.DEROLLED, Company.Status.WITHDRAWN):
        if registration_wait is None:
            why = "The company may register in SECOR again."
            return [NextStep("Register again", None, why, register, "Register", employer_only=True)]
        # ELIG-5: the wait is told as the day it ends, never as a deadline ("by"): registering sooner is refused.
        # Undated, the step reads "from" its reckoning's date.
        return [
            NextStep(
                f"Register again from {long_date(registration_wait.on)}",
                None,
                RuleWords(
                    "The company was removed from the program: it may register in SECOR again 6 months after "
                    "its removal, not sooner.",
                    "ELIG-5",
                ),
                register,
                "Register",
                employer_only=True,
                reckoning=registration_wait,
            )
        ]
    return []


def _cor_steps(company: Company, headcount: int, cor_handoff: CorHandoff | None, today: date) -> list[NextStep]:
    """ELIG-3/ELIG-4: a company over the limit tells SCSA when it expects to register for COR (once)."""
    if cor_handoff is not None or not company.qualification_problems(headcount=headcount, today=today):
        return []
    return [
        NextStep(
            "Tell SCSA when you expect to register for COR",
            None,
            "The company no longer qualifies for SECOR: SCSA records its transfer to the COR program.",
            reverse("companies:cor_handoff", args=[company.pk]),
            "Tell SCSA",
        )
    ]


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
