"""What a company must do next for its training, read from its chart (TRN-1 … TRN-9).

Each step says what to do, by when, why, and links to the page where it is done. Nothing here touches
the database: the chart already holds every fact, so the steps cost no query of their own.
"""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.urls import reverse

from secor.dates import Reckoning, long_date
from training.chart import Cell, Chart
from training.models import ProficiencySubmission
from training.person import PersonTraining
from training.rules import CourseCode, Status

SELF_AUDIT = ProficiencySubmission.Kind.SELF_AUDIT
LSE_PROFICIENCY = ProficiencySubmission.Kind.LSE_PROFICIENCY
MAINTENANCE_AUDIT = ProficiencySubmission.Kind.MAINTENANCE_AUDIT
SUBMISSION_NAMES = {
    SELF_AUDIT: "self-audit",
    LSE_PROFICIENCY: "LSE proficiency",
    MAINTENANCE_AUDIT: "personal maintenance audit",
}
# The training a proficiency follows (TRN-5, TRN-7).
TRAINING_OF = {SELF_AUDIT: CourseCode.SAFETY_AUDITOR, LSE_PROFICIENCY: CourseCode.LSE}
# The proficiency a chart row waits for (TRN-5, TRN-7).
PROFICIENCY_OF_ROW = {
    CourseCode.SAFETY_AUDITOR: SELF_AUDIT,
    CourseCode.INTERNAL_AUDITOR_CERTIFICATE: SELF_AUDIT,
    CourseCode.LSE: LSE_PROFICIENCY,
    CourseCode.LSE_PROFICIENCY: LSE_PROFICIENCY,
}


@dataclass(frozen=True)
class NextStep:
    what: str
    due_on: date | None  # None: as soon as possible
    why: str
    url: str
    link_text: str
    employer_only: bool = False  # a step only the employer's own people can take (registering again)
    reckoning: Reckoning | None = None  # how `due_on` was reckoned, shown when the date is opened
    mark: str = ""  # a word beside the step: "pending verification"
    # The move is SCSA's, asked for on this day: employers read "waiting for SCSA since", staff what SCSA owes.
    waiting_since: date | None = None
    scsa_owes: str = ""


def training_next_steps(chart: Chart) -> list[NextStep]:
    """The company's training to-dos, one per thing to do (a person shared by two rows is asked once)."""
    steps: dict[tuple[str, date | None], NextStep] = {}
    for row in chart.rows:
        for cell in row.cells:
            for step in _cell_steps(chart, row.course, cell):
                steps.setdefault((step.what, step.due_on), step)
    return list(steps.values())


def _url(name: str, chart: Chart, **prefill) -> str:
    url = reverse(name, args=[chart.company.pk])
    return f"{url}?{urlencode(prefill)}" if prefill else url


def _designate_url(chart: Chart) -> str:
    return reverse("training:chart", args=[chart.company.pk]) + "#designate"


def _cell_steps(chart: Chart, course, cell: Cell) -> list[NextStep]:
    standing, person = cell.standing, cell.employee
    if cell.employee is None:
        if standing.status != Status.MISSING:
            return []
        return [
            NextStep(
                f"Designate a trained employee for {course}",
                None,
                "Every required course needs a trained employee: a full-time permanent Saskatchewan employee.",
                _designate_url(chart),
                "Designate",
            )
        ]
    if cell.designation_problem:
        return [
            NextStep(
                f"Designate another trained employee for {course}",
                None,
                standing.note,
                _designate_url(chart),
                "Designate",
            )
        ]
    training = chart.people[person.pk]
    if standing.status == Status.RETURNED:
        return [_returned_step(chart, course, cell, training)]
    if standing.status == Status.DUE and course.code in PROFICIENCY_OF_ROW:
        kind = PROFICIENCY_OF_ROW[course.code]
        return [
            NextStep(
                f"Send the {SUBMISSION_NAMES[kind]} of {person}",
                standing.due_on,
                standing.note,
                _url("training:submission_add", chart, employee=person.pk, kind=kind),
                "Upload it",
                reckoning=standing.reckoning,
            )
        ]
    if standing.status == Status.PENDING and course.code in PROFICIENCY_OF_ROW:
        kind = PROFICIENCY_OF_ROW[course.code]
        recorded = training.pending_training(TRAINING_OF[kind])
        if recorded is None:  # the proficiency itself is under review: SCSA's move (the waiting steps say so)
            return []
        return [
            NextStep(
                f"Prepare the {SUBMISSION_NAMES[kind]} of {person}",
                standing.due_on,
                f"The {recorded.course} of {long_date(recorded.completed_on)} is waiting for SCSA's verification; the "
                f"8-month deadline runs from that date already. Send the {SUBMISSION_NAMES[kind]} once it is verified.",
                _url("training:chart", chart),
                "See the chart",
                reckoning=standing.reckoning,
                mark="pending verification",
            )
        ]
    if standing.status == Status.MISSING and cell.record is None:
        code = course.code if course.code not in CourseCode.FROM_SUBMISSION else None
        if code is None:  # the certificate follows the training: record the training first
            return []
        return [
            NextStep(
                f"Record {course} of {person}",
                None,
                standing.note or f"{person} has no {course} on record.",
                _url("training:record_add", chart, employee=person.pk, course=code),
                "Record the course",
            )
        ]
    if standing.status == Status.LAPSED:
        retake = _retake_code(course.code)
        retake_name = next(row.course for row in chart.rows if row.course.code == retake)
        return [
            NextStep(
                f"{person} must take {retake_name} again",
                None,
                standing.note,
                _url("training:record_add", chart, employee=person.pk, course=retake),
                "Record the new course",
            )
        ]
    if course.code == CourseCode.SAFETY_AUDITOR and standing.status.counts_as_held:
        return _maintenance_steps(chart, person, training)
    if standing.status == Status.MISSING:  # held, but something before it is missing (the note says what)
        return [NextStep(f"{course} of {person}", None, standing.note, _url("training:chart", chart), "See the chart")]
    return []


def _retake_code(code: str) -> str:
    """The course to record when a standing lapsed: the two-day training again, or SCOT for an expired ESC."""
    return {
        CourseCode.INTERNAL_AUDITOR_CERTIFICATE: CourseCode.SAFETY_AUDITOR,
        CourseCode.LSE_PROFICIENCY: CourseCode.LSE,
    }.get(code, code)


def _returned_step(chart: Chart, course, cell: Cell, training: PersonTraining) -> NextStep:
    """DOMAIN section 8: returned — correct and resubmit by DATE."""
    person, standing = cell.employee, cell.standing
    if course.code in PROFICIENCY_OF_ROW:
        kind = PROFICIENCY_OF_ROW[course.code]
        returned = [
            s for s in training.submissions if s.kind == kind and s.status == ProficiencySubmission.Status.RETURNED
        ]
        submission = max(returned, key=lambda s: s.submitted_on)
        return NextStep(
            f"Correct and resubmit the {SUBMISSION_NAMES[kind]} of {person}",
            standing.due_on,
            submission.reviewer_comments or standing.note,
            reverse("training:submission_resubmit", args=[chart.company.pk, submission.pk]),
            "Resubmit",
            reckoning=standing.reckoning,
        )
    record = cell.record
    return NextStep(
        f"Correct and resubmit the {course} certificate of {person}",
        standing.due_on,
        record.rejection_reason or standing.note,
        reverse("training:record_correct", args=[chart.company.pk, record.pk]),
        "Correct it",
    )


def _maintenance_steps(chart: Chart, person, training: PersonTraining) -> list[NextStep]:
    """TRN-6: what keeps a valid internal auditor's status: a personal maintenance audit, and re-certification."""
    current = training.auditor_cycle()
    if current is None:
        return []
    cycle = current[1]
    steps = []
    if not cycle.audit_sent:
        steps.append(
            NextStep(
                f"Send the {SUBMISSION_NAMES[MAINTENANCE_AUDIT]} of {person}",
                cycle.audit_due,
                f"It keeps {person}'s internal auditor status, valid through {long_date(cycle.expires_on)}.",
                _url("training:submission_add", chart, employee=person.pk, kind=MAINTENANCE_AUDIT),
                "Upload it",
                reckoning=cycle.audit_due_reckoning,
            )
        )
    if not cycle.recertified:
        steps.append(
            NextStep(
                f"Record the auditor re-certification training of {person}",
                cycle.expires_on,
                "Classroom re-certification keeps the internal auditor status past its expiry.",
                _url("training:record_add", chart, employee=person.pk, course=CourseCode.AUDITOR_RECERTIFICATION),
                "Record the course",
                reckoning=cycle.expiry_reckoning,
            )
        )
    return steps
