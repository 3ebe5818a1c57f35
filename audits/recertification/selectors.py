"""Reads of re-certification (RCT-1): the certificates that expired without being renewed."""

from datetime import date, timedelta

from django.db.models import QuerySet

from audits.certificates.models import Certificate, certificate_ended
from companies.models import Company


def certificates_expired(*, today: date, within_days: int) -> QuerySet[Certificate]:
    """RCT-1: certificates that expired in the last `within_days` days without being renewed, of companies in
    the program (not one a leaving had ended before: CERT-2)."""
    return (
        Certificate.objects.filter(
            expires_on__range=(today - timedelta(days=within_days), today - timedelta(days=1)),
            superseded_by__isnull=True,
            company__status=Company.Status.REGISTERED,  # the sweep's: the day's de-rolls are recorded first
        )
        .exclude(certificate_ended(today=None))
        .select_related("company")
    )
