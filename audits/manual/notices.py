"""The notices of the manual's review (MAN-2, NTC-1): to the reviewer, to the company, and to staff when a
review is overdue."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from audits.models import Audit, AuditRequest, Certificate, Invoice, ManualSubmission
from audits.selectors import manual_reviews_overdue
from companies.notices import company_recipients
from secor.core.notices import person, program_staff
from secor.dates import long_date
from secor.notices.kinds import Message, NoticeDraft, NoticeKind, notice_kind, subject_key, subject_pk
from secor.notices.services import notice_send
from secor.notices.text import render_text, site_url
from secor.reviews.models import ReviewVersion
from secor.reviews.rules import review_target_date


def manual_page(manual: ManualSubmission) -> str:
    return site_url(reverse("audits:manual", args=[manual.company_id]))


def _version(notice) -> tuple[ReviewVersion, ManualSubmission]:
    version = ReviewVersion.objects.select_related("review").get(pk=subject_pk(notice.subject_key))
    manual = ManualSubmission.objects.select_related("company", "reviewer").get(review=version.review)
    return version, manual


def _to_review(notice) -> Message:
    version, manual = _version(notice)
    submitted_on = timezone.localdate(version.submitted_at)
    context = {
        "company": manual.company,
        "version": version,
        "submitted_on": submitted_on,
        "target_on": review_target_date(submitted_on),
        "overdue": notice.kind == MANUAL_REVIEW_OVERDUE,
        "url": manual_page(manual),
    }
    what = "overdue" if context["overdue"] else "to review"
    return Message(
        subject=f"[SECOR] Health & safety manual {what}: {manual.company.display_name} (version {version.number})",
        body=render_text("email/manual_to_review.txt", context),
        link=context["url"],
    )


def _reviewed(notice) -> Message:
    version, manual = _version(notice)
    approved = version.outcome == ReviewVersion.Outcome.ACCEPTED
    context = {
        "company": manual.company,
        "version": version,
        "approved": approved,
        "corrections": [note for note in version.section_comments.all() if note.verdict == "corrections"],
        "url": manual_page(manual),
    }
    outcome = "approved" if approved else "returned for corrections"
    return Message(
        subject=f"[SECOR] Your health & safety manual is {outcome} ({manual.company.display_name})",
        body=render_text("email/manual_reviewed.txt", context),
        link=context["url"],
    )


def manual_to_review_send(*, manual: ManualSubmission, version: ReviewVersion) -> None:
    """Tell the reviewer a manual (or its corrected version) waits for them."""
    notice_send(kind=MANUAL_TO_REVIEW, recipients=[person(manual.reviewer)], subject=version, company=manual.company)


def manual_reviewed_send(*, manual: ManualSubmission, version: ReviewVersion) -> None:
    notice_send(
        kind=MANUAL_REVIEWED, recipients=company_recipients(manual.company), subject=version, company=manual.company
    )


def _find_overdue(today: date) -> list[NoticeDraft]:
    """MAN-2, NTC-1: each version still waiting past its 6-week target, to SCSA staff and its reviewer."""
    staff = program_staff()
    drafts = []
    for manual in manual_reviews_overdue(today=today).select_related("reviewer", "review__latest_version"):
        version = manual.review.latest_version
        target_on = review_target_date(timezone.localdate(version.submitted_at))
        reviewers = staff + ([person(manual.reviewer)] if manual.reviewer_id else [])
        drafts += [
            NoticeDraft(
                MANUAL_REVIEW_OVERDUE,
                recipient,
                subject_key(version),
                target_on,
                target_on + timedelta(days=1),
                manual.company_id,
            )
            for recipient in reviewers
        ]
    return drafts


MANUAL_TO_REVIEW = notice_kind(NoticeKind("manual-to-review", "Manual to review", render=_to_review, rule="MAN-2"))
MANUAL_REVIEWED = notice_kind(NoticeKind("manual-reviewed", "Manual reviewed", render=_reviewed, rule="MAN-2"))
MANUAL_REVIEW_OVERDUE = notice_kind(
    NoticeKind(
        "manual-review-overdue",
        "Manual review overdue (6 weeks)",
        render=_to_review,
        rule="MAN-2",
        find_due=_find_overdue,
        for_staff=True,
    )
)


# --- audits (AUD-1, AUD-2, AUD-5) ---------------------------------------------------------------------------


def verification_url(number: str) -> str:
    """CERT-1: the certificate's public page, printed on it and encoded in its QR code."""
    return site_url(reverse("verify_certificate", args=[number]))


def audits_page(company_id: int) -> str:
    return site_url(reverse("audits:audits", args=[company_id]))


def _audit_message(notice) -> Message:
    if notice.kind == AUDIT_REQUESTED:
        request = AuditRequest.objects.select_related("company").get(pk=subject_pk(notice.subject_key))
        company, audit = request.company, None
        subject = f"{company.display_name} requests its {request.audit_label.lower()}"
    else:
        audit = Audit.objects.select_related("company", "auditor", "tool").get(pk=subject_pk(notice.subject_key))
        company = audit.company
        subject = (
            f"{audit.get_kind_display()} booked for {long_date(audit.scheduled_on)}"
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


# --- certificates (CERT-1, CERT-2) ------------------------------------------------------------------------


def _certificate_message(notice) -> Message:
    certificate = Certificate.objects.select_related("company").get(pk=subject_pk(notice.subject_key))
    company = certificate.company
    context = {
        "kind": notice.kind,
        "certificate": certificate,
        "company": company,
        "verify_url": verification_url(certificate.number),
        "url": audits_page(company.pk),
    }
    what = {
        CERTIFICATE_ISSUED: f"SECOR certificate {certificate.number} issued",
    }.get(
        notice.kind, f"SECOR certificate {certificate.number} {'suspended' if certificate.suspended_on else 'restored'}"
    )
    return Message(
        subject=f"[SECOR] {what} ({company.display_name})",
        body=render_text("email/certificate.txt", context),
        link=context["url"],
    )


def certificate_issued_send(certificate: Certificate) -> None:
    notice_send(
        kind=CERTIFICATE_ISSUED,
        recipients=company_recipients(certificate.company),
        subject=certificate,
        company=certificate.company,
    )


def certificate_status_send(certificate: Certificate) -> None:
    """CERT-2: a suspension or a restoration, each told once (the subject's date is the day it happened)."""
    notice_send(
        kind=CERTIFICATE_SUSPENDED if certificate.suspended_on else CERTIFICATE_RESTORED,
        recipients=company_recipients(certificate.company),
        subject=certificate,
        about_date=timezone.localdate(),
        company=certificate.company,
    )


CERTIFICATE_ISSUED = notice_kind(
    NoticeKind("certificate-issued", "Certificate issued", render=_certificate_message, rule="CERT-1")
)
CERTIFICATE_SUSPENDED = notice_kind(
    NoticeKind("certificate-suspended", "Certificate suspended", render=_certificate_message, rule="CERT-2")
)
CERTIFICATE_RESTORED = notice_kind(
    NoticeKind("certificate-restored", "Certificate restored", render=_certificate_message, rule="CERT-2")
)


# --- invoices (ELIG-7, AUD-6) ---------------------------------------------------------------------------------


def _invoice_message(notice) -> Message:
    invoice = Invoice.objects.select_related("company").get(pk=subject_pk(notice.subject_key))
    url = site_url(reverse("audits:invoices", args=[invoice.company_id]))
    context = {"invoice": invoice, "company": invoice.company, "url": url}
    return Message(
        subject=f"[SECOR] Invoice {invoice.reference}: {invoice.description}, ${invoice.total} "
        f"({invoice.company.display_name})",
        body=render_text("email/invoice.txt", context),
        link=url,
    )


def invoice_issued_send(invoice: Invoice) -> None:
    notice_send(
        kind=INVOICE_ISSUED, recipients=company_recipients(invoice.company), subject=invoice, company=invoice.company
    )


INVOICE_ISSUED = notice_kind(
    NoticeKind("invoice-issued", "Invoice issued", render=_invoice_message, rule="AUD-6, ELIG-7")
)
