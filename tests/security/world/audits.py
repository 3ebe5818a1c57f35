"""The world's audit objects: of one company its manuals, audit request, audit, certificate with its
maintenance, auditor's calendar and invoice; of the program its documents and a draft of the audit tool."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audits.maintenance.selectors import package_slots, slot_key
from audits.models import (
    Audit,
    AuditorCalendar,
    AuditRequest,
    AuditScore,
    AuditSection,
    AuditToolVersion,
    Certificate,
    Invoice,
    MaintenancePackage,
    ManualSubmission,
    SystemEvidence,
)
from audits.program_documents.models import ProgramDocument
from audits.program_documents.services import program_document_upload
from audits.tool.selectors import audit_tool_on, sections_of
from audits.tool.services import audit_tool_version_copy
from companies.models import Company
from secor.core.models import User
from secor.reviews.models import Review, VersionFile
from secor.uploads import MANUAL_TYPES, DocumentField
from tests.factories import (
    DocumentFactory,
    MaintenancePackageFactory,
    ManualSubmissionFactory,
    certificate_without_pdf,
    pdf_bytes,
    pdf_upload,
)


def objects(company: Company, employer: User, staff: User) -> dict:
    today = timezone.localdate()
    auditor = company.assigned_auditors.first()
    return {
        # The manual in review, given to the company's program auditor (who may decide it), and an earlier one
        # returned (its company may correct it). The service keeps one at a time; the isolation tests want both.
        "manual": ManualSubmissionFactory(company=company, review__version__submitted_by=employer, reviewer=auditor),
        "returned_manual": ManualSubmissionFactory(
            company=company, status=Review.State.RETURNED, review__version__submitted_by=employer
        ),
        # An earlier manual approved: the audit request's blank forms are given (AUD-1).
        "approved_manual": ManualSubmissionFactory(
            company=company, status=Review.State.ACCEPTED, review__version__submitted_by=employer
        ),
        "audit_form": "site-assessment",
        # A baseline audit request (staff may book it).
        "audit_request": AuditRequest.objects.create(
            company=company,
            site_assessment=DocumentFactory(company=company, kind="site-assessment"),
            compliance_declaration=DocumentFactory(company=company, kind="compliance-declaration"),
            system_functioning_since=today - timedelta(days=400),
            requested_by=employer,
        ),
        # A certificate from a baseline audit completed a year ago, with its anniversaries (CERT-1).
        "certificate": (
            certificate := certificate_without_pdf(
                company, staff, today - timedelta(days=365), number=f"SECOR-TEST-{company.pk:04d}-WXYZ"
            )
        ),
        **_maintenance(certificate, employer),
        # The calendar address of the auditor booked for the audit below (B's: staff's).
        "auditor_calendar": AuditorCalendar.objects.create(auditor=auditor or staff),
        # An invoice waiting for its payment (staff record it or void it).
        "invoice": Invoice.objects.create(
            number=1000 + company.pk,
            company=company,
            kind=Invoice.Kind.AUDIT,
            description="SECOR baseline audit",
            amount=Decimal("1500.00"),
            tax_rate_percent=Decimal("5.00"),
            tax=Decimal("75.00"),
            total=Decimal("1575.00"),
            issued_on=today - timedelta(days=10),
            due_on=today + timedelta(days=20),
        ),
        # An audit booked with the company's program auditor.
        "audit": Audit.objects.create(
            company=company,
            kind=Audit.Kind.BASELINE,
            purpose=Audit.Purpose.BASELINE,
            tool=audit_tool_on(today),
            auditor=auditor or staff,
            scheduled_on=today + timedelta(days=70 + company.pk % 7),
            location="1 Victoria Avenue, Regina",
            scheduled_by=staff,
        ),
    }


def _maintenance(certificate: Certificate, employer: User) -> dict:
    """Two maintenance packages of the certificate (MNT-1): the first year's in review, given to A's program
    auditor (who may decide it), the second's returned (its company may correct it). The service keeps one
    a year, sent in turn; the isolation tests want both at once."""
    first, second, _ = certificate.anniversaries.order_by("number")
    by = {"review__version__submitted_by": employer}
    return {
        "package": MaintenancePackageFactory(
            anniversary=first, reviewer=certificate.company.assigned_auditors.first(), **by
        ),
        "returned_package": MaintenancePackageFactory(anniversary=second, status=Review.State.RETURNED, **by),
    }


def program(staff: User) -> dict:
    """The program's, not a company's: a document every signed-in person downloads, and a draft of the audit
    tool copied from the version in effect (staff edit it)."""
    program_document = program_document_upload(
        kind=ProgramDocument.Kind.SITE_ASSESSMENT,
        upload=DocumentField(types=MANUAL_TYPES).clean(pdf_upload("site-assessment.pdf")),
        note="",
        actor=staff,
    )
    return {
        "program_document": program_document,
        "program_document_kind": program_document.kind,
        "tool_version": audit_tool_version_copy(
            source=audit_tool_on(timezone.localdate()), actor=staff, name="SECOR audit tool (draft)"
        ),
    }


def payload(world) -> dict:
    """Valid input for the forms of audits: the manual, the audit request, a booking, a score sheet, the
    certificate, maintenance, invoices, program documents and the audit tool."""
    sections = sections_of(audit_tool_on(timezone.localdate()))
    return {
        # the manual: a file covering every section; a review approving every section; its reviewer
        "file_1": SimpleUploadedFile("forged-manual.pdf", pdf_bytes(title="Forged manual")),
        "sections_1": [str(section.pk) for section in sections],
        "outcome": "approve",
        **{f"verdict_{section.pk}": "accepted" for section in sections},
        "reviewer": str(world.users["auditor"].pk),
        # audits: the request's forms and date, a booking (with the reviewer above as auditor), a score
        # sheet's first section (completing an audit takes the course's `completed_on` of training's payload)
        "site_assessment": pdf_upload("forged-site.pdf", pdf_bytes(title="Forged site")),
        "compliance_declaration": pdf_upload("forged-declaration.pdf", pdf_bytes(title="Forged declaration")),
        # AUD-1: the evidence of the working system, each record with its date
        **{
            field: value
            for kind in SystemEvidence.Kind
            for field, value in (
                (f"{kind}_file", pdf_upload(f"forged-{kind}.pdf", pdf_bytes(title=f"Forged {kind}"))),
                (f"{kind}_on", "2024-01-08"),
            )
        },
        # a new version of a program document (the file above)
        "program_document": ProgramDocument.Kind.SUBMISSION_CHECKLIST,
        "auditor": str(world.users["auditor"].pk),
        # a certificate shown in the public list, or left out
        "listed": "0",
        # a maintenance package: the internal audit by A's employee, and a document in each place (MNT-1)
        "internal_auditor": str(world.employee.pk),
        "internal_audit_on": str(timezone.localdate()),
        **{
            slot_key(*slot): pdf_upload(f"forged-{slot_key(*slot)}.pdf", pdf_bytes(title="Forged"))
            for slot in package_slots()
        },
        # an invoice's payment
        "paid_on": str(timezone.localdate()),
        "method": "cheque",
        "scheduled_on": "2099-03-02",
        "starts_at": "09:00",
        f"available_{sections[0].pk}": "10",
        f"actual_{sections[0].pk}": "9",
        # the audit tool: a copy's name; the draft's pass marks, effective day and sections (MAN-1, AUD-4)
        "name": "Forged audit tool",
        "effective_from": "2099-01-01",
        "overall_pass_percent": "1",
        "section_pass_percent": "1",
        **_section_rows(world.tool_version),
    }


def _section_rows(version: AuditToolVersion) -> dict:
    """The section formset of a draft of the audit tool, every section renamed."""
    sections = sections_of(version)
    rows = {"form-TOTAL_FORMS": str(len(sections)), "form-INITIAL_FORMS": str(len(sections))}
    for index, section in enumerate(sections):
        rows |= {f"form-{index}-id": str(section.pk), f"form-{index}-name": "Forged"}
        rows[f"form-{index}-available_points"] = "1"
    return rows


# Whose rows a request could change.
MODELS = (
    ManualSubmission,
    VersionFile,
    AuditRequest,
    SystemEvidence,
    ProgramDocument,
    Audit,
    AuditScore,
    Certificate,
    MaintenancePackage,
    Invoice,
    AuditorCalendar,
    AuditToolVersion,
    AuditSection,
)
