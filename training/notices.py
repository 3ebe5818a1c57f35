"""The notices of the training app: reviews of what a company sent, and the deadlines of NTC-1. What each says
is its text, in training.notice_texts.

Each deadline kind has a finder the daily sweep calls: it returns every notice of that kind due on a day,
from a fixed number of queries whatever the number of companies (no query per company or person).
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.urls import reverse

from companies.models import Employee
from companies.notices import recipients_of_companies
from secor.core.models import ProgramSettings
from secor.notices.editable import secors_own
from secor.notices.kinds import NoticeDraft, NoticeKind, Recipient, notice_kind, subject_key
from secor.notices.services import notice_send
from secor.notices.text import site_url
from secor.reviews.models import ReviewVersion
from training import deadlines, rules
from training.person import PersonTraining
from training.rules import CourseCode


def chart_link(company_id: int) -> str:
    return site_url(reverse("training:chart", args=[company_id]))


def _person(employee: Employee) -> Recipient:
    return Recipient(employee.email, f"{employee.first_name} {employee.last_name}")


def _drafts(kind: str, rows, *, today: date, about, due) -> list[NoticeDraft]:
    """A notice to each of the company's users and to the person, for each (record, employee) row."""
    rows = list(rows)
    users = recipients_of_companies({record.company_id for record, _ in rows})
    return [
        NoticeDraft(kind, recipient, subject_key(record), about(record), due(record), record.company_id)
        for record, employee in rows
        for recipient in [*users[record.company_id], _person(employee)]
    ]


# --- TRN-5, TRN-7: days before the 8-month proficiency deadline (a program setting) -----------------------


def _proficiency_due(today: date, *, kind: str, training: str, proficiency: str) -> list[NoticeDraft]:
    """NTC-1: the trainings whose deadline notice is due today: the program's days before the deadline (30 unless
    staff changed it), or later if a sweep was missed, until the deadline itself (TRN-5, TRN-7)."""
    notice_days = ProgramSettings.current().proficiency_notice_days
    first, last = today, today + timedelta(days=notice_days)
    trainings = deadlines.open_proficiency_trainings(
        today=today, deadlines_from=first, deadlines_to=last, training=training, proficiency=proficiency
    )
    return _drafts(
        kind,
        ((record, record.employee) for record in trainings),
        today=today,
        about=PersonTraining.deadline,
        due=lambda record: rules.proficiency_notice_date(PersonTraining.deadline(record), notice_days=notice_days),
    )


def _find_self_audit_due(today: date) -> list[NoticeDraft]:
    return _proficiency_due(
        today,
        kind=SELF_AUDIT_DUE,
        training=CourseCode.SAFETY_AUDITOR,
        proficiency=CourseCode.INTERNAL_AUDITOR_CERTIFICATE,
    )


def _find_lse_proficiency_due(today: date) -> list[NoticeDraft]:
    return _proficiency_due(
        today, kind=LSE_PROFICIENCY_DUE, training=CourseCode.LSE, proficiency=CourseCode.LSE_PROFICIENCY
    )


# --- TRN-6: the maintenance audit 4 months before the status expires, and the expiry itself --------------


def _find_maintenance_audit_due(today: date) -> list[NoticeDraft]:
    auditors = deadlines.certified_auditors_expiring(
        today, today, today + relativedelta(months=rules.MAINTENANCE_AUDIT_LEAD_MONTHS)
    )
    due = [
        (training, cycle, person)
        for training, cycle, person in auditors
        if not cycle.audit_sent and rules.maintenance_notice_due(expires_on=cycle.expires_on, today=today)
    ]
    cycles = {training.pk: cycle for training, cycle, _ in due}
    return _drafts(
        MAINTENANCE_AUDIT_DUE,
        ((training, person) for training, _, person in due),
        today=today,
        about=lambda training: cycles[training.pk].expires_on,
        due=lambda training: cycles[training.pk].audit_due,
    )


def _find_auditor_status_expiry(today: date) -> list[NoticeDraft]:
    grace = timedelta(days=rules.AUDITOR_EXPIRY_NOTICE_GRACE_DAYS)
    auditors = deadlines.certified_auditors_expiring(today, today - grace, today)
    cycles = {training.pk: cycle for training, cycle, _ in auditors}
    return _drafts(
        AUDITOR_STATUS_EXPIRY,
        ((training, person) for training, _, person in auditors),
        today=today,
        about=lambda training: cycles[training.pk].expires_on,
        due=lambda training: cycles[training.pk].expires_on,
    )


# --- reviews of what the company sent ---------------------------------------------------------------------


def review_notice_send(version: ReviewVersion, kind: str) -> None:
    """Tell the company's users what SCSA decided about what they sent."""
    company = version.review.company
    recipients = recipients_of_companies([company.pk])[company.pk]
    notice_send(kind=kind, recipients=recipients, subject=version, company=company)


RECORD_RETURNED = notice_kind(NoticeKind("record-returned", "Course record returned", render=secors_own, rule="TRN"))
SUBMISSION_REVIEWED = notice_kind(
    NoticeKind(
        "submission-reviewed", "Self-audit or proficiency reviewed", render=secors_own, rule="TRN-5, TRN-6, TRN-7"
    )
)
SELF_AUDIT_DUE = notice_kind(
    NoticeKind(
        "self-audit-due",
        "Self-audit and certification deadline",
        render=secors_own,
        rule="TRN-5",
        find_due=_find_self_audit_due,
    )
)
LSE_PROFICIENCY_DUE = notice_kind(
    NoticeKind(
        "lse-proficiency-due",
        "LSE proficiency deadline",
        render=secors_own,
        rule="TRN-7",
        find_due=_find_lse_proficiency_due,
    )
)
MAINTENANCE_AUDIT_DUE = notice_kind(
    NoticeKind(
        "maintenance-audit-due",
        "Maintenance audit due (4 months before expiry)",
        render=secors_own,
        rule="TRN-6",
        find_due=_find_maintenance_audit_due,
    )
)
AUDITOR_STATUS_EXPIRY = notice_kind(
    NoticeKind(
        "auditor-status-expiry",
        "Internal auditor status expiry",
        render=secors_own,
        rule="TRN-6",
        find_due=_find_auditor_status_expiry,
    )
)
