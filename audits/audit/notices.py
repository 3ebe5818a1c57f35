"""The notices of the external audits: a request to staff (AUD-1), a booking (AUD-2) and an outcome (AUD-5)."""

from audits.audit.models import Audit, AuditRequest
from audits.certificates.notices import audits_page
from companies.notices import company_recipients
from secor.core.notices import person, program_staff
from secor.dates import long_date
from secor.notices.editable import EditableText, editable_text, secors_own
from secor.notices.kinds import NoticeKind, notice_kind, subject_pk
from secor.notices.services import notice_send


def audit_requested_send(request: AuditRequest) -> None:
    notice_send(kind=AUDIT_REQUESTED, recipients=program_staff(), subject=request, company=request.company)


def audit_booked_send(audit: Audit) -> None:
    recipients = [*company_recipients(audit.company), person(audit.auditor)]
    notice_send(kind=AUDIT_BOOKED, recipients=recipients, subject=audit, company=audit.company)


def audit_completed_send(audit: Audit) -> None:
    notice_send(
        kind=AUDIT_COMPLETED, recipients=company_recipients(audit.company), subject=audit, company=audit.company
    )


AUDIT_REQUESTED = notice_kind(
    NoticeKind("audit-requested", "Audit requested", render=secors_own, rule="AUD-1", for_staff=True)
)


AUDIT_BOOKED = notice_kind(NoticeKind("audit-booked", "Audit booked", render=secors_own, rule="AUD-2"))


AUDIT_COMPLETED = notice_kind(NoticeKind("audit-completed", "Audit completed", render=secors_own, rule="AUD-5"))


def _request_values(notice) -> dict[str, str]:
    request = AuditRequest.objects.select_related("company").get(pk=subject_pk(notice.subject_key))
    return {
        "company": request.company.display_name,
        "audit": request.audit_label.lower(),
        "recertification": "yes" if request.purpose == "recertification" else "",
        "url": audits_page(request.company_id),
    }


editable_text(
    EditableText(
        AUDIT_REQUESTED,
        {
            "company": "the company's name",
            "audit": 'the audit requested ("baseline audit" or "re-certification audit")',
            "recertification": '"yes" when it is a re-certification audit (RCT-1), else nothing',
            "url": "the company's audits page",
        },
        _request_values,
        subject="[SECOR] {{ company }} requests its {{ audit }} ({{ company }})",
        body="""Hello,

{{ company }} has sent its Site Assessment Form and SECOR Audit Compliance Declaration Form and requests its \
{{ audit }} (AUD-1{% if recertification %}, RCT-1{% endif %}). Book it with a program auditor, 2 to 3 months ahead.

The company's audits: {{ url }}
""",
    )
)


def _audit_values(notice) -> dict[str, str]:
    audit = Audit.objects.select_related("company", "auditor", "tool").get(pk=subject_pk(notice.subject_key))
    return {
        "company": audit.company.display_name,
        "audit": audit.get_kind_display().lower(),
        "Audit": audit.get_kind_display(),
        "when": audit.when,
        "auditor": audit.auditor.get_full_name() or audit.auditor.email,
        "location": audit.location,
        "completed_on": long_date(audit.completed_on) if audit.completed_on else "",
        "achieved": "yes" if audit.achieved else "",
        "overall_pass": f"{audit.tool.overall_pass_percent}%",
        "section_pass": f"{audit.tool.section_pass_percent}%",
        "url": audits_page(audit.company_id),
    }


AUDIT_PLACEHOLDERS = {
    "company": "the company's name",
    "audit": 'the kind of audit, inside a sentence ("baseline audit", ...)',
    "Audit": 'the kind of audit, at the start of a sentence ("Baseline audit", ...)',
    "when": "the day and time booked",
    "auditor": "the program auditor's name",
    "location": "where the audit takes place",
    "completed_on": "the day it was completed (once completed)",
    "achieved": '"yes" when it achieved the SECOR standard, else nothing',
    "overall_pass": "the audit tool's overall pass mark, with its %",
    "section_pass": "the audit tool's pass mark in every section, with its %",
    "url": "the company's audits page",
}
editable_text(
    EditableText(
        AUDIT_BOOKED,
        AUDIT_PLACEHOLDERS,
        _audit_values,
        subject="[SECOR] {{ Audit }} booked for {{ when }} ({{ company }})",
        body="""Hello,

The {{ audit }} of {{ company }} is booked for {{ when }} (Saskatchewan time) with {{ auditor }}, at the company's \
office: {{ location }}.

It is a documentation audit: have your health & safety records of at least the last 6 months ready.

The company's audits: {{ url }}
""",
    )
)
editable_text(
    EditableText(
        AUDIT_COMPLETED,
        AUDIT_PLACEHOLDERS,
        _audit_values,
        subject="[SECOR] {{ Audit }}: standard {% if achieved %}achieved{% else %}not achieved{% endif %} "
        "({{ company }})",
        body="""Hello,

{% if achieved %}The {{ audit }} of {{ company }}, completed on {{ completed_on }}, achieved the SECOR standard. The \
audit report is on your audits page.{% else %}The {{ audit }} of {{ company }}, completed on {{ completed_on }}, did \
not achieve the SECOR standard ({{ overall_pass }} overall and at least {{ section_pass }} in every section). The \
audit report shows each section's score. SCSA will book the full re-audit or limited scope audit that is now \
required, and tell you which sections it covers.{% endif %}

The company's audits: {{ url }}
""",
    )
)
