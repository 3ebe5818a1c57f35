"""The notices of the training app: reviews of what a company sent, and the deadlines of NTC-1.

Each deadline kind has a finder the daily sweep calls: it returns every notice of that kind due on a day,
from a fixed number of queries whatever the number of companies (no query per company or person).
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from companies.models import Employee
from companies.notices import recipients_of_companies
from secor.core.models import ProgramSettings
from secor.dates import long_date
from secor.notices.editable import EditableText, editable_text
from secor.notices.kinds import Message, NoticeDraft, NoticeKind, Recipient, notice_kind, subject_key, subject_pk
from secor.notices.services import notice_send
from secor.notices.text import render_text, site_url
from secor.reviews.models import Review, ReviewVersion
from training import deadlines, rules
from training.models import ProficiencySubmission, TrainingRecord
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


def _proficiency_context(notice) -> dict:
    record = TrainingRecord.objects.select_related("employee", "company", "course").get(
        pk=subject_pk(notice.subject_key)
    )
    self_audit = record.course.code == CourseCode.SAFETY_AUDITOR
    kind = ProficiencySubmission.Kind.SELF_AUDIT if self_audit else ProficiencySubmission.Kind.LSE_PROFICIENCY
    in_review = ProficiencySubmission.objects.filter(
        employee=record.employee,
        kind=kind,
        review__state=Review.State.SUBMITTED,
        review__first_submitted_on__gte=record.completed_on,
    ).exists()
    return {
        "record": record,
        "person": record.employee,
        "company": record.company,
        "deadline": notice.about_date,
        "days_left": (notice.about_date - timezone.localdate()).days,
        "self_audit": self_audit,
        "in_review": in_review,
        "url": chart_link(record.company_id),
    }


def _proficiency_message(notice) -> Message:
    context = _proficiency_context(notice)
    record = context["record"]
    what = "Self-audit and Internal Auditor Certification" if context["self_audit"] else "LSE proficiency"
    return Message(
        subject=f"[SECOR] {what} of {record.employee} due by {long_date(notice.about_date)} "
        f"({record.company.display_name})",
        body=render_text("email/proficiency_deadline.txt", context),
        link=context["url"],
    )


def _proficiency_values(notice) -> dict[str, str]:
    """The placeholders of a TRN-5/TRN-7 deadline notice, as plain words (secor.notices.editable)."""
    context = _proficiency_context(notice)
    record, days = context["record"], context["days_left"]
    return {
        "person": f"{record.employee.first_name} {record.employee.last_name}",
        "company": record.company.display_name,
        "course": str(record.course),
        "completed_on": long_date(record.completed_on),
        "deadline": long_date(notice.about_date),
        "days_left": f"{days} day{'s' if days != 1 else ''} from today" if days > 0 else "today" if days == 0 else "",
        "in_review": "yes" if context["in_review"] else "",
        "url": context["url"],
    }


PROFICIENCY_PLACEHOLDERS = {
    "person": "the trained person's name",
    "company": "the company's name",
    "course": "the course completed",
    "completed_on": "the day it was completed",
    "deadline": "the 8-month deadline",
    "days_left": '"N days from today", "today", or nothing once it has passed',
    "in_review": '"yes" while a submission is under review, else nothing',
    "url": "the company's training chart",
}
_DAYS_LEFT = '{% if days_left == "today" %}, which is today{% elif days_left %}, {{ days_left }}{% endif %}'
_PROFICIENCY_BODY = """Hello,

{{{{ person }}}} of {{{{ company }}}} completed {{{{ course }}}} on {{{{ completed_on }}}}.

{what} by {{{{ deadline }}}}{DAYS_LEFT}.
{{% if in_review %}}
It has been submitted and is under review; SCSA will tell you when it is accepted or what to correct.
{{% else %}}
Upload it from the training chart: "Upload a self-audit or proficiency".
{{% endif %}}
If it is not accepted by then, the training lapses and {repeated} must be repeated.

Your training chart: {{{{ url }}}}
"""


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


def _auditor_message(notice) -> Message:
    record = TrainingRecord.objects.select_related("employee", "company").get(pk=subject_pk(notice.subject_key))
    expires_on, today = notice.about_date, timezone.localdate()
    expiry = notice.kind == AUDITOR_STATUS_EXPIRY
    context = {
        "person": record.employee,
        "company": record.company,
        "expires_on": expires_on,
        "audit_due": rules.maintenance_audit_due(expires_on),
        "expired": today > expires_on,
        "today": today,
        "url": chart_link(record.company_id),
    }
    template = "email/auditor_status_expiry.txt" if expiry else "email/maintenance_audit_due.txt"
    what = "Internal auditor status" if expiry else "Personal maintenance audit"
    when = f"expires {long_date(expires_on)}" if expiry else f"due by {long_date(context['audit_due'])}"
    return Message(
        subject=f"[SECOR] {what} of {record.employee} {when} ({record.company.display_name})",
        body=render_text(template, context),
        link=context["url"],
    )


# --- reviews of what the company sent ---------------------------------------------------------------------


def _reviewed(notice) -> Message:
    """A returned course record, or a reviewed submission: what SCSA decided, and what to do next."""
    version = ReviewVersion.objects.select_related("review__company").get(pk=subject_pk(notice.subject_key))
    company = version.review.company
    record = TrainingRecord.objects.filter(review=version.review).select_related("course", "employee").first()
    if record is not None:
        what = f"the {record.course} record of {record.employee}"
        title = f"{record.course} of {record.employee}"
    else:
        submission = ProficiencySubmission.objects.select_related("employee").get(review=version.review)
        what = f"the {submission.kind_in_a_sentence} of {submission.employee}"
        title = f"{submission.get_kind_display()} of {submission.employee}"
    accepted = version.outcome == ReviewVersion.Outcome.ACCEPTED
    context = {"what": what, "reason": version.comments, "accepted": accepted, "company": company}
    context["url"] = chart_link(company.pk)
    outcome = "accepted" if accepted else ("returned for correction" if record else "returned for corrections")
    return Message(
        subject=f"[SECOR] {title} {outcome} ({company.display_name})",
        body=render_text("email/training_review.txt", context),
        link=context["url"],
    )


def review_notice_send(version: ReviewVersion, kind: str) -> None:
    """Tell the company's users what SCSA decided about what they sent."""
    company = version.review.company
    recipients = recipients_of_companies([company.pk])[company.pk]
    notice_send(kind=kind, recipients=recipients, subject=version, company=company)


RECORD_RETURNED = notice_kind(NoticeKind("record-returned", "Course record returned", render=_reviewed, rule="TRN"))
SUBMISSION_REVIEWED = notice_kind(
    NoticeKind(
        "submission-reviewed", "Self-audit or proficiency reviewed", render=_reviewed, rule="TRN-5, TRN-6, TRN-7"
    )
)
SELF_AUDIT_DUE = notice_kind(
    NoticeKind(
        "self-audit-due",
        "Self-audit and certification deadline",
        render=_proficiency_message,
        rule="TRN-5",
        find_due=_find_self_audit_due,
    )
)
LSE_PROFICIENCY_DUE = notice_kind(
    NoticeKind(
        "lse-proficiency-due",
        "LSE proficiency deadline",
        render=_proficiency_message,
        rule="TRN-7",
        find_due=_find_lse_proficiency_due,
    )
)
MAINTENANCE_AUDIT_DUE = notice_kind(
    NoticeKind(
        "maintenance-audit-due",
        "Maintenance audit due (4 months before expiry)",
        render=_auditor_message,
        rule="TRN-6",
        find_due=_find_maintenance_audit_due,
    )
)
AUDITOR_STATUS_EXPIRY = notice_kind(
    NoticeKind(
        "auditor-status-expiry",
        "Internal auditor status expiry",
        render=_auditor_message,
        rule="TRN-6",
        find_due=_find_auditor_status_expiry,
    )
)


editable_text(
    EditableText(
        SELF_AUDIT_DUE,
        PROFICIENCY_PLACEHOLDERS,
        _proficiency_values,
        subject="[SECOR] Self-audit and Internal Auditor Certification of {{ person }} due by {{ deadline }} "
        "({{ company }})",
        body=_PROFICIENCY_BODY.format(
            what="The self-audit must be submitted and the Internal Auditor Certification obtained (the self-audit "
            "accepted by SCSA)",
            repeated="the two-day Safety Auditor Training",
            DAYS_LEFT=_DAYS_LEFT,
        ),
    )
)
editable_text(
    EditableText(
        LSE_PROFICIENCY_DUE,
        PROFICIENCY_PLACEHOLDERS,
        _proficiency_values,
        subject="[SECOR] LSE proficiency of {{ person }} due by {{ deadline }} ({{ company }})",
        body=_PROFICIENCY_BODY.format(
            what="The LSE proficiency must be submitted and accepted by SCSA",
            repeated="the LSE course",
            DAYS_LEFT=_DAYS_LEFT,
        ),
    )
)
