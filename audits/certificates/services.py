"""Certificates: issued on an achieved audit (CERT-1), suspended and restored by staff (CERT-2), listed in
the public list unless staff leave a company out. A company leaving the program ends its certificate
(CERT-2): computed from the company (Certificate.ended_on), nothing is written here."""

import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audits import events
from audits.certificates import notices, rules
from audits.certificates.models import Certificate
from audits.maintenance.models import Anniversary
from audits.maintenance.notices import anniversary_notices_due_now
from secor import hooks
from secor.core.models import User
from secor.dates import long_date
from secor.documents.services import document_issue_pdf
from secor.qr import qr_svg

if TYPE_CHECKING:  # audits.audit completes an audit with this service: it imports this package, not the reverse
    from audits.audit.models import Audit


def _new_number() -> str:
    while True:  # 32^12 numbers: a clash is all but impossible, and the unique constraint has the last word
        number = rules.format_certificate_number(
            "".join(secrets.choice(rules.CERTIFICATE_ALPHABET) for _ in range(rules.CERTIFICATE_CHARACTERS))
        )
        if not Certificate.objects.filter(number=number).exists():
            return number


@transaction.atomic
def certificate_issue(*, audit: "Audit", actor: User | None) -> Certificate:
    """CERT-1: the certificate of an achieved audit, dated the day it was completed, valid 3 years, its PDF
    (with a QR code to its public page) rendered once and kept. Called within the audit's completion."""
    number = _new_number()
    renewed = list(Certificate.objects.filter(company=audit.company, superseded_by__isnull=True))
    certificate = Certificate.objects.create(
        company=audit.company,
        audit=audit,
        number=number,
        issued_on=audit.completed_on,
        expires_on=rules.certificate_expiry(audit.completed_on),
        # CERT-2 (DOMAIN section 8): leaving the company out of the public list is its choice, kept on renewal.
        listed=all(old.listed for old in renewed),
    )
    Anniversary.keep_for(certificate)
    # RCT-1: one certificate per three-year cycle: the new one supersedes the one it renews.
    for old in renewed:
        old.superseded_by = certificate
        old.save(update_fields=["superseded_by"])
    certificate_document_issue(certificate, actor=actor)
    events.audit_event(
        company=audit.company,
        actor=actor,
        subject=certificate,
        summary=f"SECOR certificate {number} issued, valid {long_date(certificate.issued_on)} to "
        f"{long_date(certificate.expires_on)}",
    )
    notices.certificate_issued_send(certificate)
    anniversary_notices_due_now(certificate, today=timezone.localdate())  # MNT-2: not by the sweep
    hooks.changed(hooks.Topic.AUDITS, company_ids=[audit.company_id])
    return certificate


def certificate_document_issue(certificate: Certificate, *, actor: User | None) -> None:
    """The certificate's PDF, with a QR code to its public page, rendered once and kept with it."""
    url = notices.verification_url(certificate.number)
    certificate.document = document_issue_pdf(
        company=certificate.company,
        kind="certificate",
        name=f"secor-certificate-{certificate.number}",
        template="pdf/certificate.html",
        context={"certificate": certificate, "company": certificate.company, "url": url, "qr": qr_svg(url)},
        actor=actor,
    )
    certificate.save(update_fields=["document"])


def _locked(certificate: Certificate) -> Certificate:
    return Certificate.objects.select_for_update(of=("self",)).select_related("company").get(pk=certificate.pk)


def _reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationError({"reason": "Say why; the company reads it on its timeline and in its email."})
    return reason.strip()


def certificate_suspend(*, certificate: Certificate, actor: User, reason: str) -> Certificate:
    """CERT-2: the company no longer in good standing (maintenance overdue, training unmet): the public page
    shows the certificate suspended from today."""
    return _set_suspended(certificate, actor=actor, reason=reason, suspended=True)


def certificate_restore(*, certificate: Certificate, actor: User, reason: str) -> Certificate:
    return _set_suspended(certificate, actor=actor, reason=reason, suspended=False)


@transaction.atomic
def _set_suspended(certificate: Certificate, *, actor: User, reason: str, suspended: bool) -> Certificate:
    """Suspend a valid certificate, or restore a suspended one, with the reason on the timeline and emailed."""
    reason = _reason(reason)
    certificate = _locked(certificate)
    today = timezone.localdate()
    if suspended and certificate.status(today) != "valid":
        raise ValidationError(f"This certificate is {certificate.status(today)}: only a valid one is suspended.")
    if not suspended and certificate.suspended_on is None:
        raise ValidationError("This certificate is not suspended.")
    certificate.suspended_on = today if suspended else None
    certificate.suspension_reason = reason if suspended else ""
    certificate.save()
    events.audit_event(
        company=certificate.company,
        actor=actor,
        subject=certificate,
        summary=f"SECOR certificate {certificate.number} {'suspended' if suspended else 'restored'}",
        detail=reason,
    )
    notices.certificate_status_send(certificate)
    hooks.changed(hooks.Topic.AUDITS, company_ids=[certificate.company_id])
    return certificate


@transaction.atomic
def certificate_set_listed(*, certificate: Certificate, actor: User, listed: bool) -> Certificate:
    certificate = _locked(certificate)
    certificate.listed = listed
    certificate.save(update_fields=["listed"])
    shown = "shown in" if listed else "left out of"
    events.audit_event(
        company=certificate.company,
        actor=actor,
        subject=certificate,
        summary=f"Certificate {certificate.number} {shown} the public list of certified companies",
    )
    hooks.changed(hooks.Topic.AUDITS, company_ids=[certificate.company_id])
    return certificate
