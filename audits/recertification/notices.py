"""The notice of a certificate expired without re-certification (RCT-1)."""

from datetime import date, timedelta

from audits.certificates.models import Certificate
from audits.certificates.notices import audits_page
from audits.recertification.selectors import certificates_expired
from companies.notices import recipients_of_companies
from secor.notices.kinds import Message, NoticeDraft, NoticeKind, notice_kind, subject_key, subject_pk
from secor.notices.text import render_text


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


CERTIFICATE_EXPIRED = notice_kind(
    NoticeKind(
        "certificate-expired", "Certificate expired", render=_expired_message, rule="RCT-1", find_due=_expired_due
    )
)
