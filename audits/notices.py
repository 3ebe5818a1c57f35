"""The notices of the manual's review (MAN-2, NTC-1): to the reviewer, to the company, and to staff when a
review is overdue."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from audits import rules
from audits.cycle_selectors import anniversaries_to_notify, certificates_expired, qualified_internal_auditors
from audits.models import Anniversary, Audit, AuditRequest, Certificate, Invoice, MaintenancePackage, ManualSubmission
from audits.selectors import manual_reviews_overdue
from companies.notices import company_recipients, recipients_of_companies
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
        audit = Audit.objects.select_related("company", "auditor").get(pk=subject_pk(notice.subject_key))
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


# --- the three-year cycle (MNT-1, MNT-2, RCT-1) ----------------------------------------------------------------


def maintenance_page(company_id: int) -> str:
    return site_url(reverse("audits:maintenance", args=[company_id]))


def _maintenance_message(notice) -> Message:
    version = ReviewVersion.objects.select_related("review").get(pk=subject_pk(notice.subject_key))
    package = MaintenancePackage.objects.select_related("company", "anniversary").get(review=version.review)
    company = package.company
    context = {"kind": notice.kind, "company": company, "package": package, "version": version}
    context["url"] = maintenance_page(company.pk)
    if notice.kind == MAINTENANCE_TO_REVIEW:
        subject = f"Maintenance package to review: {company.display_name} (version {version.number})"
    else:
        outcome = "accepted" if version.outcome == ReviewVersion.Outcome.ACCEPTED else "returned for corrections"
        subject = f"Your maintenance package is {outcome} ({company.display_name})"
    return Message(
        subject=f"[SECOR] {subject}", body=render_text("email/maintenance.txt", context), link=context["url"]
    )


def maintenance_to_review_send(*, package: MaintenancePackage, version: ReviewVersion) -> None:
    """To the reviewer the package is given to, or to SCSA staff until it is given to one."""
    recipients = [person(package.reviewer)] if package.reviewer_id else program_staff()
    notice_send(kind=MAINTENANCE_TO_REVIEW, recipients=recipients, subject=version, company=package.company)


def maintenance_reviewed_send(*, package: MaintenancePackage, version: ReviewVersion) -> None:
    notice_send(
        kind=MAINTENANCE_REVIEWED,
        recipients=company_recipients(package.company),
        subject=version,
        company=package.company,
    )


def _anniversary_message(notice) -> Message:
    anniversary = Anniversary.objects.select_related("company", "certificate").get(pk=subject_pk(notice.subject_key))
    company = anniversary.company
    context = {
        "anniversary": anniversary,
        "certificate": anniversary.certificate,
        "company": company,
        "last": not anniversary.maintenance_due,
        "opens_on": rules.recertification_opens_on(anniversary.certificate.issued_on),
        "qualified": qualified_internal_auditors(company=company, day=timezone.localdate()),
        "url": maintenance_page(company.pk) if anniversary.maintenance_due else audits_page(company.pk),
    }
    what = "certificate expires" if context["last"] else "maintenance package due"
    return Message(
        subject=f"[SECOR] SECOR anniversary {long_date(anniversary.on)}: {what} ({company.display_name})",
        body=render_text("email/anniversary.txt", context),
        link=context["url"],
    )


def _anniversary_drafts(anniversaries) -> list[NoticeDraft]:
    recipients = recipients_of_companies({anniversary.company_id for anniversary in anniversaries})
    return [
        NoticeDraft(
            ANNIVERSARY,
            recipient,
            subject_key(anniversary),
            anniversary.on,
            rules.anniversary_notice_on(anniversary.on),
            anniversary.company_id,
        )
        for anniversary in anniversaries
        for recipient in recipients[anniversary.company_id]
    ]


def _anniversaries_due(today: date) -> list[NoticeDraft]:
    """MNT-2: each anniversary 90 days ahead or nearer (a missed day catches up), of a certificate in its cycle,
    unless its package is already accepted; the ledger keeps it to one notice per anniversary."""
    return _anniversary_drafts(list(anniversaries_to_notify(today=today)))


def anniversary_notices_due_now(certificate: Certificate, *, today: date) -> None:
    """MNT-2: a certificate issued less than 90 days before an anniversary is told of it at once, not by the
    next sweep; claimed as the sweep claims, so the sweep sends nothing twice."""
    recipients = company_recipients(certificate.company)
    for anniversary in anniversaries_to_notify(today=today).filter(certificate=certificate):
        notice_send(
            kind=ANNIVERSARY,
            recipients=recipients,
            subject=anniversary,
            about_date=anniversary.on,
            company=certificate.company,
        )


def _expired_message(notice) -> Message:
    certificate = Certificate.objects.select_related("company").get(pk=subject_pk(notice.subject_key))
    company = certificate.company
    context = {"certificate": certificate, "company": company, "url": audits_page(company.pk)}
    return Message(
        subject=f"[SECOR] SECOR certificate {certificate.number} expired ({company.display_name})",
        body=render_text("email/certificate_expired.txt", context),
        link=context["url"],
    )


def _expired_due(today: date) -> list[NoticeDraft]:
    """RCT-1: certificates that expired without re-certification (in the last 30 days: a missed day catches
    up, and the ledger keeps it to one notice per certificate)."""
    expired = list(certificates_expired(today=today, within_days=30))
    recipients = recipients_of_companies({certificate.company_id for certificate in expired})
    return [
        NoticeDraft(
            CERTIFICATE_EXPIRED,
            recipient,
            subject_key(certificate),
            certificate.expires_on,
            certificate.expires_on + timedelta(days=1),
            certificate.company_id,
        )
        for certificate in expired
        for recipient in recipients[certificate.company_id]
    ]


MAINTENANCE_TO_REVIEW = notice_kind(
    NoticeKind(
        "maintenance-to-review",
        "Maintenance package to review",
        render=_maintenance_message,
        rule="MNT-1",
        for_staff=True,
    )
)
MAINTENANCE_REVIEWED = notice_kind(
    NoticeKind("maintenance-reviewed", "Maintenance package reviewed", render=_maintenance_message, rule="MNT-1")
)
ANNIVERSARY = notice_kind(
    NoticeKind(
        "anniversary-90",
        "Anniversary in 90 days",
        render=_anniversary_message,
        rule="MNT-2, NTC-1",
        find_due=_anniversaries_due,
    )
)
CERTIFICATE_EXPIRED = notice_kind(
    NoticeKind(
        "certificate-expired", "Certificate expired", render=_expired_message, rule="RCT-1", find_due=_expired_due
    )
)
