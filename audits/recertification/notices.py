"""The notice of a certificate expired without re-certification (RCT-1)."""

from datetime import date, timedelta

from audits.certificates.models import Certificate
from audits.certificates.notices import audits_page
from audits.recertification.selectors import certificates_expired
from companies.notices import recipients_of_companies
from secor.dates import long_date
from secor.notices.editable import EditableText, editable_text, secors_own
from secor.notices.kinds import NoticeDraft, NoticeKind, notice_kind, subject_key, subject_pk


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
    NoticeKind("certificate-expired", "Certificate expired", render=secors_own, rule="RCT-1", find_due=_expired_due)
)


def _expired_values(notice) -> dict[str, str]:
    certificate = Certificate.objects.select_related("company").get(pk=subject_pk(notice.subject_key))
    return {
        "number": certificate.number,
        "company": certificate.company.display_name,
        "expires_on": long_date(certificate.expires_on),
        "url": audits_page(certificate.company_id),
    }


editable_text(
    EditableText(
        CERTIFICATE_EXPIRED,
        {
            "number": "the certificate's number",
            "company": "the company's name",
            "expires_on": "the day it expired",
            "url": "the company's audits page",
        },
        _expired_values,
        subject="[SECOR] SECOR certificate {{ number }} expired ({{ company }})",
        body="""Hello,

The SECOR certificate {{ number }} of {{ company }} expired on {{ expires_on }} without re-certification: the \
company is no longer shown as SECOR certified, and its public page says the certificate has expired.

To be certified again, request your re-certification audit from the audits page, with the Site Assessment Form and \
the SECOR Audit Compliance Declaration Form and the required training maintained. An achieved audit issues a new \
certificate, valid 3 years.

Your audits page: {{ url }}
""",
    )
)
