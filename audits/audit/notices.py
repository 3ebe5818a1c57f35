"""The notices of the external audits: a request to staff (AUD-1), a booking (AUD-2) and an outcome (AUD-5)."""

from audits.audit.models import Audit, AuditRequest
from audits.certificates.notices import audits_page
from companies.notices import company_recipients
from secor.core.notices import person, program_staff
from secor.notices.kinds import Message, NoticeKind, notice_kind, subject_pk
from secor.notices.services import notice_send
from secor.notices.text import render_text


def _audit_message(notice) -> Message:
    if notice.kind == AUDIT_REQUESTED:
        request = AuditRequest.objects.select_related("company").get(pk=subject_pk(notice.subject_key))
        company, audit = request.company, None
        subject = f"{company.display_name} requests its {request.audit_label.lower()}"
    else:
        audit = Audit.objects.select_related("company", "auditor", "tool").get(pk=subject_pk(notice.subject_key))
        company = audit.company
        subject = (
            f"{audit.get_kind_display()} booked for {audit.when}"
            if notice.kind == AUDIT_BOOKED
            else f"{audit.get_kind_display()}: standard {'achieved' if audit.achieved else 'not achieved'}"
        )
    context = {"kind": notice.kind, "company": company, "audit": audit, "url": audits_page(company.pk)}
    if notice.kind == AUDIT_REQUESTED:
        context["request"] = request
    return Message(
        subject=f"[SECOR] {subject} ({company.display_name})",
        body=render_text("email/audit.txt", context),
        link=context["url"],
    )


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
    NoticeKind("audit-requested", "Audit requested", render=_audit_message, rule="AUD-1", for_staff=True)
)


AUDIT_BOOKED = notice_kind(NoticeKind("audit-booked", "Audit booked", render=_audit_message, rule="AUD-2"))


AUDIT_COMPLETED = notice_kind(NoticeKind("audit-completed", "Audit completed", render=_audit_message, rule="AUD-5"))
