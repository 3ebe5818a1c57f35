"""The notices of the certificates: issued (CERT-1), suspended or restored (CERT-2)."""

from django.urls import reverse
from django.utils import timezone

from audits.certificates.models import Certificate
from companies.notices import company_recipients
from secor.notices.kinds import Message, NoticeKind, notice_kind, subject_pk
from secor.notices.services import notice_send
from secor.notices.text import render_text, site_url


def audits_page(company_id: int) -> str:
    return site_url(reverse("audits:audits", args=[company_id]))


def verification_url(number: str) -> str:
    """CERT-1: the certificate's public page, printed on it and encoded in its QR code."""
    return site_url(reverse("audits:verify_certificate", args=[number]))


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
