"""The notices of the certificates: issued (CERT-1), suspended or restored (CERT-2)."""

from django.urls import reverse
from django.utils import timezone

from audits.certificates.models import Certificate
from companies.notices import company_recipients
from secor.dates import long_date
from secor.notices.editable import EditableText, editable_text, secors_own
from secor.notices.kinds import NoticeKind, notice_kind, subject_pk
from secor.notices.services import notice_send
from secor.notices.text import site_url


def audits_page(company_id: int) -> str:
    return site_url(reverse("audits:audits", args=[company_id]))


def verification_url(number: str) -> str:
    """CERT-1: the certificate's public page, printed on it and encoded in its QR code."""
    return site_url(reverse("audits:verify_certificate", args=[number]))


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
    NoticeKind("certificate-issued", "Certificate issued", render=secors_own, rule="CERT-1")
)


CERTIFICATE_SUSPENDED = notice_kind(
    NoticeKind("certificate-suspended", "Certificate suspended", render=secors_own, rule="CERT-2")
)


CERTIFICATE_RESTORED = notice_kind(
    NoticeKind("certificate-restored", "Certificate restored", render=secors_own, rule="CERT-2")
)


def _certificate_values(notice) -> dict[str, str]:
    """The placeholders of a certificate notice, as plain words (secor.notices.editable)."""
    certificate = Certificate.objects.select_related("company").get(pk=subject_pk(notice.subject_key))
    return {
        "number": certificate.number,
        "company": certificate.company.display_name,
        "issued_on": long_date(certificate.issued_on),
        "anniversary": f"{certificate.issued_on:%B} {certificate.issued_on.day}",
        "expires_on": long_date(certificate.expires_on),
        "state": "suspended" if certificate.suspended_on else "restored",
        "suspended_on": long_date(certificate.suspended_on) if certificate.suspended_on else "",
        "reason": certificate.suspension_reason,
        "verify_url": verification_url(certificate.number),
        "url": audits_page(certificate.company_id),
    }


CERTIFICATE_PLACEHOLDERS = {
    "number": "the certificate's number",
    "company": "the company's name",
    "issued_on": "the day it was issued",
    "anniversary": "its anniversary (month and day)",
    "expires_on": "the day it expires",
    "state": '"suspended" or "restored": the certificate\'s state when the notice is sent',
    "suspended_on": "the day it was suspended (empty once restored)",
    "reason": "why SCSA suspended it (empty once restored)",
    "verify_url": "its public verification page",
    "url": "the company's audits page",
}
_CERTIFICATE_BODY = """Hello,

{text}

Your audits page: {{{{ url }}}}
"""
_CERTIFICATE_TEXTS = {
    CERTIFICATE_ISSUED: (
        "[SECOR] SECOR certificate {{ number }} issued ({{ company }})",
        "Congratulations: {{ company }} is SECOR certified. Certificate {{ number }} is dated {{ issued_on }} and "
        "valid until {{ expires_on }}; its anniversary is {{ anniversary }} each year.\n\n"
        "The certificate (PDF) is on your audits page. Anyone can check it at {{ verify_url }} (the QR code on the "
        "certificate leads there).\n\n"
        "To keep it valid, keep your training maintained and send your annual maintenance package before each "
        "anniversary; SCSA reminds you 90 days before.",
    ),
    CERTIFICATE_SUSPENDED: (
        "[SECOR] SECOR certificate {{ number }} {{ state }} ({{ company }})",
        "SCSA has suspended SECOR certificate {{ number }} of {{ company }} on {{ suspended_on }}.\n\n"
        "Reason: {{ reason }}\n\n"
        "Its public page now shows it suspended. Contact SCSA about what restores it.",
    ),
    CERTIFICATE_RESTORED: (
        "[SECOR] SECOR certificate {{ number }} {{ state }} ({{ company }})",
        "SCSA has restored SECOR certificate {{ number }} of {{ company }}: it is valid again until {{ expires_on }}.",
    ),
}
for _kind, (_subject, _text) in _CERTIFICATE_TEXTS.items():
    editable_text(
        EditableText(
            _kind, CERTIFICATE_PLACEHOLDERS, _certificate_values, _subject, _CERTIFICATE_BODY.format(text=_text)
        )
    )
