"""Helpers for the three-year cycle's tests: a certified company with a valid internal auditor on its roster,
and a maintenance package's documents."""

from datetime import date

from audits.maintenance import services
from audits.maintenance.selectors import package_slots, slot_key
from tests.audits.manuals import checked, manual_docx, manual_pdf
from tests.audits.test_certificates import certificate_of
from tests.clock import on
from tests.training.test_summaries import fully_trained

ISSUED = date(2026, 8, 11)  # anniversaries: 2027-08-11, 2028-08-11, 2029-08-11 (the expiry)


def certified(company, staff, *, issued_on: date = ISSUED, auditor_training_on: date = date(2026, 3, 2), **person):
    """`company` certified on `issued_on`, with Jane on its roster: every course held, a valid internal auditor
    from her certificate (60 days after the training) for 3 years from the training (TRN-6). `person`: another
    email for her, when several companies are certified (TRN-2: one company's trained employee only)."""
    jane = fully_trained(company, auditor_training_on=auditor_training_on, **person)
    return certificate_of(company, staff, completed_on=issued_on), jane


def documents(*, only=None) -> dict:
    """The package's five documents (a PDF, or a Word file for the Safe Job Procedures), or those in `only`."""
    uploads = {}
    for part, position in package_slots():
        key = slot_key(part, position)
        if only is None or key in only:
            upload = manual_docx(f"{key}.docx") if part == "safe_job_procedure" else manual_pdf(f"{key}.pdf", key)
            uploads[key] = checked(upload)
    return uploads


def send_package(company, actor, jane, *, day: date, audit_on: date | None = None, **kwargs):
    with on(day):
        return services.maintenance_submit(
            company=company,
            actor=actor,
            internal_auditor=jane,
            internal_audit_on=audit_on or day,
            uploads=kwargs.pop("uploads", None) or documents(),
            **kwargs,
        )
