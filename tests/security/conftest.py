"""Fixtures for the tenant-isolation tests: one small world with every role around company A.

Also the two helpers every isolation test leans on: `hostile_payload`, valid input for every form of the
project, and `snapshot`, everything a request could change.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
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
from companies.models import Application, AuditorAssignment, Company, Employee, Membership
from companies.questions.models import Question
from milestones.models import CalendarFeed, LetterExtension, MilestoneLetter
from secor.core.models import User
from secor.documents.models import Document
from secor.notices.models import Notice
from secor.reviews.models import Review, ReviewVersion, VersionFile
from secor.timeline.models import Event
from secor.uploads import MANUAL_TYPES, DocumentField
from tests import cast
from tests.factories import (
    PDF_BYTES,
    ApplicationFactory,
    DocumentFactory,
    EmployeeFactory,
    MaintenancePackageFactory,
    ManualSubmissionFactory,
    MembershipFactory,
    SubmissionFactory,
    TrainingRecordFactory,
    UserFactory,
    certificate_without_pdf,
    pdf_bytes,
)
from training.models import Course, ProficiencySubmission, TrainedEmployee, TrainingRecord
from training.rules import CourseCode

# The roles the isolation tests sign in as ("anonymous" is nobody signed in).
ANONYMOUS = "anonymous"
ROLES = (
    ANONYMOUS,
    "employer",  # owner of company A
    "member",  # employer of company A who is not its owner
    "other_employer",  # owner of company B
    "new_employer",  # employer login with no company yet (the registration journey)
    "auditor",  # program auditor assigned to A
    "unassigned_auditor",  # program auditor not assigned to A
    "staff_user",  # SCSA program staff
)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Every test here creates several users; the production hasher would make the suite slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pdf(name: str, content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


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


def _training(company: Company, employee: Employee, employer: User, staff: User) -> dict:
    """A company's training objects; the pending record's certificate is the document every reader may open."""
    course = {code: Course.objects.get(code=code) for code in CourseCode.DESIGNATED}
    today = timezone.localdate()
    # Background: verified courses, so that the submissions below count when a reviewer acts on them: an
    # internal auditor (for the maintenance audit and the self-audit) and LSE (for a new LSE proficiency).
    for code, days_ago in [
        (CourseCode.SAFETY_MANAGEMENT, 400),
        (CourseCode.SAFETY_AUDITOR, 100),
        (CourseCode.INTERNAL_AUDITOR_CERTIFICATE, 50),
        (CourseCode.LSE, 30),
    ]:
        TrainingRecordFactory(
            employee=employee,
            course=course[code],
            completed_on=today - timedelta(days=days_ago),
            review__version__document=None,
            review__version__submitted_by=employer,
        )
    content = pdf_bytes(title=f"Certificate of company {company.pk}")
    document = DocumentFactory(company=company, file__data=content, size=len(content))
    return {
        # Pending: staff may verify it, its company may correct it.
        "record": TrainingRecordFactory(
            employee=employee,
            course=course[CourseCode.SAFETY_MANAGEMENT],
            completed_on=today - timedelta(days=60),
            certificate_number="SM-1001",
            status=TrainingRecord.Status.PENDING,
            review__version__document=document,
            review__version__submitted_by=employer,
        ),
        "document": document,
        # Under review: a reviewer may accept it (the employee is a valid internal auditor).
        "submission": SubmissionFactory(
            employee=employee,
            kind=ProficiencySubmission.Kind.MAINTENANCE_AUDIT,
            review__version__submitted_by=employer,
        ),
        # Returned for corrections: its company may resubmit it.
        "returned_submission": SubmissionFactory(
            employee=employee,
            kind=ProficiencySubmission.Kind.LSE_PROFICIENCY,
            submitted_on=today - timedelta(days=10),
            status=ProficiencySubmission.Status.RETURNED,
            review__version__submitted_by=employer,
        ),
        "designation": TrainedEmployee.objects.create(
            company=company,
            course=course[CourseCode.SAFETY_AUDITOR],
            position=1,
            employee=employee,
            designated_by=employer,
        ),
        # The manual in review, given to A's program auditor (who may decide it), and an earlier one returned
        # (its company may correct it). The service keeps one at a time; the isolation tests want both.
        "manual": ManualSubmissionFactory(
            company=company, review__version__submitted_by=employer, reviewer=company.assigned_auditors.first()
        ),
        "returned_manual": ManualSubmissionFactory(
            company=company, status=Review.State.RETURNED, review__version__submitted_by=employer
        ),
        # An earlier manual approved: the audit request's blank forms are given (AUD-1).
        "approved_manual": ManualSubmissionFactory(
            company=company, status=Review.State.ACCEPTED, review__version__submitted_by=employer
        ),
        "audit_form": "site-assessment",
        # The Milestone #1 letter (staff may extend it; its PDF is not rendered here) and the calendar address.
        "letter": MilestoneLetter.objects.create(
            company=company, milestone=1, issued_on=today - timedelta(days=30), expires_on=today + timedelta(days=335)
        ),
        "calendar_feed": CalendarFeed.objects.create(company=company),
        # A baseline audit request (staff may book it) and an audit booked with A's program auditor.
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
        # The calendar address of the auditor booked for A's audit below (B's: staff's).
        "auditor_calendar": AuditorCalendar.objects.create(auditor=company.assigned_auditors.first() or staff),
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
        ),
        "audit": Audit.objects.create(
            company=company,
            kind=Audit.Kind.BASELINE,
            purpose=Audit.Purpose.BASELINE,
            tool=audit_tool_on(today),
            auditor=company.assigned_auditors.first() or staff,
            scheduled_on=today + timedelta(days=70 + company.pk % 7),
            location="1 Victoria Avenue, Regina",
            scheduled_by=staff,
        ),
        # A question to SCSA from A's owner, waiting for its answer.
        "question": Question.objects.create(
            company=company, asked_by=employer, step=Question.Step.TRAINING, text="Which courses count?"
        ),
        # A notice that failed after its retries: staff may send it again.
        "notice": Notice.objects.create(
            kind="application-decision",
            recipient_email=employer.email,
            subject_key=f"companies.company:{company.pk}",
            about_date=today,
            due_on=today,
            company=company,
            state=Notice.State.FAILED,
            subject=f"[SECOR] About {company.legal_name}",
            body="Hello",
            attempts=6,
        ),
        "documents": {"document": content},
    }


@dataclass
class World:
    company: Company  # A
    employee: Employee  # on A's roster
    other_company: Company  # B
    other_employee: Employee  # on B's roster
    application: Application  # A's pending application, submitted by A's owner
    users: dict[str, User]  # by role name; no entry for ANONYMOUS
    # A's training objects (see _training), and B's of the same kinds.
    record: TrainingRecord
    submission: ProficiencySubmission
    returned_submission: ProficiencySubmission
    designation: TrainedEmployee
    manual: ManualSubmission  # in review, given to A's auditor
    returned_manual: ManualSubmission
    approved_manual: ManualSubmission
    audit_form: str  # the name of a blank form of the audit request
    letter: MilestoneLetter
    calendar_feed: CalendarFeed
    audit_request: AuditRequest
    audit: Audit
    certificate: Certificate
    package: MaintenancePackage  # in review, given to A's auditor
    returned_package: MaintenancePackage
    auditor_calendar: AuditorCalendar
    invoice: Invoice
    document: Document  # the certificate of A's pending record
    notice: Notice  # a failed notice to A's owner
    tool_version: AuditToolVersion  # a draft of the audit tool copied from the version in effect (staff edit it)
    question: Question  # A's owner's question, waiting for an answer
    other_record: TrainingRecord
    other_submission: ProficiencySubmission
    other_returned_submission: ProficiencySubmission
    other_designation: TrainedEmployee
    other_manual: ManualSubmission
    other_returned_manual: ManualSubmission
    other_approved_manual: ManualSubmission
    other_audit_form: str
    other_letter: MilestoneLetter
    other_calendar_feed: CalendarFeed
    other_audit_request: AuditRequest
    other_audit: Audit
    other_certificate: Certificate
    other_package: MaintenancePackage
    other_returned_package: MaintenancePackage
    other_auditor_calendar: AuditorCalendar
    other_invoice: Invoice
    other_document: Document
    other_notice: Notice
    program_document: ProgramDocument  # the program's, not a company's: every signed-in person downloads it
    program_document_kind: str
    other_question: Question
    documents: dict[str, bytes]  # the stored file of each object above, by attribute name


@pytest.fixture(scope="module")
def _world_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once for a module inside a transaction rolled back when the module ends: each test
    runs in a savepoint within it (pytest-django's `db`), so what one test writes is undone before the next,
    and ~330 queries of building are paid per module instead of per test. Its uploads have a folder of their
    own, which every test of the module reads (`world_media`)."""
    media = tmp_path_factory.mktemp("world-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        yield _build_world(), media
        transaction.set_rollback(True)


@pytest.fixture
def world(db, _world_once, settings) -> "World":
    built, media = _world_once
    # Nothing lands in var/, and `snapshot` lists what a request stored next to the world's own files.
    settings.MEDIA_ROOT = media
    return built


def _build_world() -> "World":
    company, other_company, staff_user = cast.company(), cast.other_company(), cast.staff_user()
    employer, other_employer = cast.employer(company), cast.other_employer(other_company)
    auditor, unassigned_auditor = cast.auditor(company), cast.unassigned_auditor()
    member = MembershipFactory(company=company, is_owner=False, user=UserFactory(email="erin@roofing.example")).user
    new_employer = UserFactory(email="frank@newco.example")
    # Both trained-employee candidates: permanent, full-time, in Saskatchewan, with an email (TRN-1, TRN-2).
    employee = EmployeeFactory(company=company, first_name="Gina", last_name="Roofer", email="gina@roofing.example")
    other_employee = EmployeeFactory(
        company=other_company, first_name="Hank", last_name="Mason", email="hank@concrete.example"
    )
    training = _training(company, employee, employer, staff_user)
    other_training = _training(other_company, other_employee, other_employer, staff_user)
    documents = training.pop("documents") | {
        f"other_{name}": data for name, data in other_training.pop("documents").items()
    }
    return World(
        company=company,
        employee=employee,
        other_company=other_company,
        other_employee=other_employee,
        application=ApplicationFactory(company=company, submitted_by=employer),
        users={
            "employer": employer,
            "member": member,
            "other_employer": other_employer,
            "new_employer": new_employer,
            "auditor": auditor,
            "unassigned_auditor": unassigned_auditor,
            "staff_user": staff_user,
        },
        **training,
        **{f"other_{name}": value for name, value in other_training.items()},
        program_document=(
            program_document := program_document_upload(
                kind=ProgramDocument.Kind.SITE_ASSESSMENT,
                upload=DocumentField(types=MANUAL_TYPES).clean(pdf("site-assessment.pdf")),
                note="",
                actor=staff_user,
            )
        ),
        program_document_kind=program_document.kind,
        documents=documents,
        tool_version=audit_tool_version_copy(
            source=audit_tool_on(timezone.localdate()), actor=staff_user, name="SECOR audit tool (draft)"
        ),
    )


@pytest.fixture
def client_as(world, client, login):
    """A test client signed in as the named role (force_login), or anonymous."""

    def _client_as(role: str):
        return client if role == ANONYMOUS else login(world.users[role])

    return _client_as


def hostile_payload(world: World) -> dict:
    """Valid input for every form of the project: a POST that got through would change something."""
    safety_management = Course.objects.get(code=CourseCode.SAFETY_MANAGEMENT)
    sections = sections_of(audit_tool_on(timezone.localdate()))
    return {
        # company details (edit, registration)
        "legal_name": "Taken Over Ltd.",
        "operating_name": "",
        "wcb_account_number": world.company.wcb_account_number,
        "street_address": "9 Intruder Way",
        "city": "Moose Jaw",
        "postal_code": "S6H 1A1",
        "phone": "306-555-0199",
        "email": "mallory@intruder.example",
        "trade": "Demolition",
        "is_scsa_member": "on",
        # roster entry; invitation (first/last name, email) and staff invitation (role)
        "first_name": "Mallory",
        "last_name": "Intruder",
        "employment_type": "full_time",
        "is_permanent": "on",
        "works_in_saskatchewan": "on",
        "location": "field",
        "start_date": "2024-01-08",
        "role": User.Role.STAFF,
        # status change, auditor removal, application decision
        "action": "withdraw",
        "reason": "Hostile change",
        "remove": str(world.users["auditor"].pk),
        "accept": "1",
        # an irreversible decision, confirmed (secor/viewutils.py: confirmation_page)
        "confirmed": "yes",
        # registration journey
        "owners_office": "1",
        "full_time_field": "3",
        "agree": "on",
        "signed_name": "Mallory Intruder",
        # training: a course record (new or corrected), a designation (A's employee, #1 for Safety Management),
        # a submission (an LSE proficiency, whose course A's employee holds) or a resubmitted file
        "employee": str(world.employee.pk),
        "course": str(safety_management.pk),
        "courses": [str(safety_management.pk)],
        "position": "1",
        "completed_on": "2024-03-01",
        "certificate_number": "FORGED-666",
        "certificate_file": pdf("forged-certificate.pdf", pdf_bytes(title="Forged")),
        "kind": ProficiencySubmission.Kind.LSE_PROFICIENCY,
        "file": pdf("forged-submission.pdf", pdf_bytes(title="Forged submission")),
        # reviews: a record verified ("verify" wins over a rejection reason), a submission accepted
        "verify": "1",
        "decision": "accept",
        "comments": "Hostile review",
        # the manual: a file covering every section; a review approving every section; its reviewer
        "file_1": SimpleUploadedFile("forged-manual.pdf", pdf_bytes(title="Forged manual")),
        "sections_1": [str(section.pk) for section in sections],
        "outcome": "approve",
        **{f"verdict_{section.pk}": "accepted" for section in sections},
        "reviewer": str(world.users["auditor"].pk),
        # a milestone letter's extension (with the reason above)
        "to_date": "2099-01-31",
        # audits: the request's forms and date, a booking (with the reviewer above as auditor), a score
        # sheet's first section (completing an audit takes the course's `completed_on` above)
        "site_assessment": pdf("forged-site.pdf", pdf_bytes(title="Forged site")),
        "compliance_declaration": pdf("forged-declaration.pdf", pdf_bytes(title="Forged declaration")),
        # AUD-1: the evidence of the working system, each record with its date
        **{
            field: value
            for kind in SystemEvidence.Kind
            for field, value in (
                (f"{kind}_file", pdf(f"forged-{kind}.pdf", pdf_bytes(title=f"Forged {kind}"))),
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
            slot_key(*slot): pdf(f"forged-{slot_key(*slot)}.pdf", pdf_bytes(title="Forged")) for slot in package_slots()
        },
        # a question to SCSA, and staff's answer
        "step": Question.Step.TRAINING,
        "text": "Hostile question",
        "answer": "Hostile answer",
        # an invoice's payment
        "paid_on": str(timezone.localdate()),
        "method": "cheque",
        "scheduled_on": "2099-03-02",
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


def snapshot() -> tuple:
    """Everything a request could change, the uploaded files included."""
    return (
        list(Company.objects.order_by("pk").values()),
        list(Employee.objects.order_by("pk").values()),
        list(Membership.objects.order_by("pk").values_list("pk", "company_id", "user_id", "is_owner")),
        list(AuditorAssignment.objects.order_by("pk").values_list("pk", "company_id", "auditor_id")),
        list(Application.objects.order_by("pk").values()),
        list(User.objects.order_by("pk").values_list("pk", "email", "role", "is_active", "is_staff")),
        list(TrainingRecord.objects.order_by("pk").values()),
        list(ProficiencySubmission.objects.order_by("pk").values()),
        list(Review.objects.order_by("pk").values()),
        list(ReviewVersion.objects.order_by("pk").values()),
        list(Document.objects.order_by("pk").values()),
        list(Notice.objects.order_by("pk").values()),
        list(TrainedEmployee.objects.order_by("pk").values()),
        list(ManualSubmission.objects.order_by("pk").values()),
        list(VersionFile.objects.order_by("pk").values()),
        list(MilestoneLetter.objects.order_by("pk").values()),
        list(LetterExtension.objects.order_by("pk").values()),
        list(CalendarFeed.objects.order_by("pk").values()),
        list(AuditRequest.objects.order_by("pk").values()),
        list(SystemEvidence.objects.order_by("pk").values()),
        list(ProgramDocument.objects.order_by("pk").values()),
        list(Audit.objects.order_by("pk").values()),
        list(AuditScore.objects.order_by("pk").values()),
        list(Certificate.objects.order_by("pk").values()),
        list(MaintenancePackage.objects.order_by("pk").values()),
        list(Invoice.objects.order_by("pk").values()),
        list(AuditorCalendar.objects.order_by("pk").values()),
        list(AuditToolVersion.objects.order_by("pk").values()),
        list(AuditSection.objects.order_by("pk").values()),
        list(Question.objects.order_by("pk").values()),
        sorted(str(path) for path in Path(settings.MEDIA_ROOT).rglob("*")),
        Event.objects.count(),
        len(mail.outbox),
    )
