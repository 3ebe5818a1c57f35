"""The texts of the training app's notices (issue 28): each kind's placeholders, how a notice fills them, and
SECOR's own subject and body written with them, which staff may rewrite word by word (secor.notices.editable).
The kinds themselves, and who receives them when, are declared in training.notices."""

from django.utils import timezone

from secor.dates import long_date
from secor.notices.editable import EditableText, editable_text
from secor.notices.kinds import subject_pk
from secor.reviews.models import Review, ReviewVersion
from training import rules
from training.models import ProficiencySubmission, TrainingRecord
from training.notices import (
    AUDITOR_STATUS_EXPIRY,
    LSE_PROFICIENCY_DUE,
    MAINTENANCE_AUDIT_DUE,
    RECORD_RETURNED,
    SELF_AUDIT_DUE,
    SUBMISSION_REVIEWED,
    chart_link,
)
from training.rules import CourseCode

CHART = "the company's training chart"

# --- TRN-5, TRN-7: the 8-month proficiency deadline ------------------------------------------------------


def _proficiency_values(notice) -> dict[str, str]:
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
    days = (notice.about_date - timezone.localdate()).days
    return {
        "person": str(record.employee),
        "company": record.company.display_name,
        "course": str(record.course),
        "completed_on": long_date(record.completed_on),
        "deadline": long_date(notice.about_date),
        "days_left": f"{days} day{'s' if days != 1 else ''} from today" if days > 0 else "today" if days == 0 else "",
        "in_review": "yes" if in_review else "",
        "url": chart_link(record.company_id),
    }


PROFICIENCY_PLACEHOLDERS = {
    "person": "the trained person's name",
    "company": "the company's name",
    "course": "the course completed",
    "completed_on": "the day it was completed",
    "deadline": "the 8-month deadline",
    "days_left": '"N days from today", "today", or nothing once it has passed',
    "in_review": '"yes" while a submission is under review, else nothing',
    "url": CHART,
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

# --- TRN-6: the maintenance audit 4 months before the status expires, and the expiry itself --------------


def _auditor_values(notice) -> dict[str, str]:
    record = TrainingRecord.objects.select_related("employee", "company").get(pk=subject_pk(notice.subject_key))
    expires_on, today = notice.about_date, timezone.localdate()
    audit_due = rules.maintenance_audit_due(expires_on)
    return {
        "person": str(record.employee),
        "first_name": record.employee.first_name,
        "company": record.company.display_name,
        "expires_on": long_date(expires_on),
        "expired": "yes" if today > expires_on else "",
        "audit_due": long_date(audit_due),
        "audit_due_is": "past" if today > audit_due else "today" if today == audit_due else "",
        "url": chart_link(record.company_id),
    }


AUDITOR_PLACEHOLDERS = {
    "person": "the internal auditor's name",
    "first_name": "the internal auditor's first name",
    "company": "the company's name",
    "expires_on": "the last day the internal auditor status is valid",
    "expired": '"yes" once that day has passed, else nothing',
    "audit_due": "the day the personal maintenance audit should reach SCSA",
    "audit_due_is": '"today" on that day, "past" after it, else nothing',
    "url": CHART,
}
editable_text(
    EditableText(
        MAINTENANCE_AUDIT_DUE,
        AUDITOR_PLACEHOLDERS,
        _auditor_values,
        subject="[SECOR] Personal maintenance audit of {{ person }} due by {{ audit_due }} ({{ company }})",
        body="""Hello,

The internal auditor status of {{ person }} ({{ company }}) is valid through {{ expires_on }}.

To keep it, a personal maintenance audit should reach SCSA by {{ audit_due }}\
{% if audit_due_is == "past" %}: it is now overdue{% elif audit_due_is == "today" %}, which is today{% endif %}, \
and the classroom re-certification training must be taken before the status expires. If the status expires, the \
two-day Safety Auditor Training must be repeated.

Upload the maintenance audit from the training chart: {{ url }}
""",
    )
)
editable_text(
    EditableText(
        AUDITOR_STATUS_EXPIRY,
        AUDITOR_PLACEHOLDERS,
        _auditor_values,
        subject="[SECOR] Internal auditor status of {{ person }} expires {{ expires_on }} ({{ company }})",
        body="""Hello,

The internal auditor status of {{ person }} ({{ company }}) \
{% if expired %}expired on {{ expires_on }}{% else %}expires today, {{ expires_on }}: it is valid through today \
only{% endif %}.

SECOR audits are accepted only from a person with valid internal auditor status. To hold it again, \
{{ first_name }} must repeat the two-day Safety Auditor Training, then submit a self-audit within 8 months.

Your training chart: {{ url }}
""",
    )
)

# --- reviews of what the company sent ---------------------------------------------------------------------


def _review_values(notice) -> dict[str, str]:
    version = ReviewVersion.objects.select_related("review__company").get(pk=subject_pk(notice.subject_key))
    company = version.review.company
    record = TrainingRecord.objects.filter(review=version.review).select_related("course", "employee").first()
    values = {
        "company": company.display_name,
        "accepted": "yes" if version.outcome == ReviewVersion.Outcome.ACCEPTED else "",
        "reason": version.comments,
        "url": chart_link(company.pk),
    }
    if record is not None:
        return {**values, "person": str(record.employee), "course": str(record.course)}
    submission = ProficiencySubmission.objects.select_related("employee").get(review=version.review)
    return {
        **values,
        "person": str(submission.employee),
        "submission": submission.kind_in_a_sentence,
        "Submission": submission.get_kind_display(),
    }


REVIEW_PLACEHOLDERS = {
    "person": "the trained person's name",
    "company": "the company's name",
    "reason": "what SCSA asks to correct (empty when accepted)",
    "url": CHART,
}
editable_text(
    EditableText(
        RECORD_RETURNED,
        {**REVIEW_PLACEHOLDERS, "course": "the course of the record returned"},
        _review_values,
        subject="[SECOR] {{ course }} of {{ person }} returned for correction ({{ company }})",
        body="""Hello,

SCSA has returned the {{ course }} record of {{ person }} for {{ company }}.

What to correct: {{ reason }}

Correct it and send it again from the training chart.

Your training chart: {{ url }}
""",
    )
)
editable_text(
    EditableText(
        SUBMISSION_REVIEWED,
        {
            **REVIEW_PLACEHOLDERS,
            "submission": 'what was sent, inside a sentence ("self-audit (…)", "LSE proficiency")',
            "Submission": 'what was sent, at the start of a sentence ("Self-audit (…)")',
            "accepted": '"yes" when SCSA accepted it, nothing when it returned it for corrections',
        },
        _review_values,
        subject="[SECOR] {{ Submission }} of {{ person }} {% if accepted %}accepted{% else %}returned for corrections"
        "{% endif %} ({{ company }})",
        body="""Hello,

{% if accepted %}SCSA has accepted the {{ submission }} of {{ person }} for {{ company }}.\
{% else %}SCSA has returned the {{ submission }} of {{ person }} for {{ company }}.

What to correct: {{ reason }}

Correct it and send it again from the training chart.{% endif %}

Your training chart: {{ url }}
""",
    )
)
