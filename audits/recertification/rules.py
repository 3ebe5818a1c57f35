"""Re-certification (RCT-1): when the audit that renews a certificate may be requested. Pure: no database."""

from datetime import date

from audits.certificates.rules import CERTIFICATE_YEARS
from audits.maintenance.rules import year_starts_on


def recertification_opens_on(issued_on: date) -> date:
    """RCT-1: the re-certification audit is requested in the certificate's third (last) year."""
    return year_starts_on(issued_on=issued_on, number=CERTIFICATE_YEARS)
