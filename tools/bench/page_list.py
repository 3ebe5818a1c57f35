"""Which pages `make bench` measures, as whom, and each one's target (issue 7): every page of every role at
province scale, in the states the loaders give the data (tools/bench/data.py,
milestone_data.py, audit_data.py, maintenance_data.py, question_data.py, issue21_data.py).
"""

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.base import ContentFile
from django.db.models import Count
from django.utils import timezone

from audits.certificates.selectors import certificates_ended_by_leaving
from audits.certificates.services import certificate_document_issue
from audits.models import (
    Audit,
    AuditRequest,
    AuditToolVersion,
    Certificate,
    MaintenancePackage,
    ManualSubmission,
    ProgramDocument,
)
from audits.program_documents.selectors import program_document_current
from companies.models import AuditorAssignment, Company
from companies.selectors import cor_handoffs_waiting
from milestones.models import CalendarFeed, MilestoneLetter
from milestones.services import letter_document_issue
from secor.core.models import User
from secor.documents.models import Document
from secor.reviews.models import Review
from tools.bench.data import bench_staff
from tools.bench.issue21_data import SAMPLE_PDF

# The issue's targets (p95 with 8 concurrent clients, milliseconds).
STAFF_P95_MS = 150
EMPLOYER_P95_MS = 100
PDF_P95_MS = 300
MAX_QUERIES = 15


@dataclass(frozen=True)
class Page:
    role: str  # whose session requests it
    label: str
    url: str
    target_ms: float | None = None  # p95 with 8 clients
    requests: int = 120  # per run with 8 clients (half with one), enough for a steady p95; fewer for slow pages
    max_queries: int | None = MAX_QUERIES


def bench_people() -> dict[str, User]:
    """The bench's signed-in people: staff (a superuser, for the admin reference), an auditor with 50
    companies, an auditor given manuals to review, the owner of a company of 7 and the owner of the company
    with the biggest roster."""
    staff = bench_staff()
    auditor, created = User.objects.get_or_create(
        email="auditor@bench.example", defaults={"role": User.Role.AUDITOR, "first_name": "Bench"}
    )
    if created:
        AuditorAssignment.objects.bulk_create(
            AuditorAssignment(company=company, auditor=auditor) for company in Company.objects.order_by("pk")[:50]
        )
    reviewer = User.objects.get(email="reviewer0@bench.example")
    # SCSA's people have an authenticator app (or every page would send them to set one up).
    for person in (staff, auditor, reviewer):
        if not Authenticator.objects.filter(user=person).exists():
            TOTP.activate(person, generate_totp_secret())
    by_roster = Company.objects.filter(status=Company.Status.REGISTERED).annotate(people=Count("employees"))
    typical = by_roster.filter(people=7).order_by("pk").first()
    biggest = by_roster.order_by("-people", "pk").first()
    return {
        "staff": staff,
        "auditor": auditor,
        "reviewer": reviewer,
        "manual employer": ManualSubmission.objects.filter(review__state=Review.State.RETURNED)
        .order_by("pk")
        .first()
        .company.memberships.get(is_owner=True)
        .user,
        "maintenance employer": MaintenancePackage.objects.order_by("pk")
        .first()
        .company.memberships.get(is_owner=True)
        .user,
        "employer": typical.memberships.get(is_owner=True).user,
        "big employer": biggest.memberships.get(is_owner=True).user,
        # Issue 21's states (tools/bench/issue21_data.py): a company that told SCSA when it expects to register
        # for COR, one whose manual is approved and that has not asked for its audit yet, one whose request
        # waits for a booking, and one registered again.
        "hand-off employer": _owner(cor_handoffs_waiting(today=timezone.localdate()).first().company),
        "request employer": _owner(
            MilestoneLetter.objects.filter(
                milestone=MilestoneLetter.Milestone.SECOND,
                settled=MilestoneLetter.Settled.OPEN,
                company__status=Company.Status.REGISTERED,
                company__audits__isnull=True,
                company__audit_requests__isnull=True,
            )
            .order_by("company_id")
            .first()
            .company
        ),
        "requested employer": _owner(AuditRequest.objects.filter(audit__isnull=True).order_by("pk").first().company),
        "registered again employer": _owner(
            MilestoneLetter.objects.filter(earlier_registration=True, company__status=Company.Status.REGISTERED)
            .order_by("pk")
            .first()
            .company
        ),
    }


def _stored(document: Document | None) -> bool:
    return document is not None and document.file.storage.exists(document.file.name)


def _owner(company: Company) -> User:
    return company.memberships.get(is_owner=True).user


def pages(people: dict[str, User]) -> list[Page]:
    typical = people["employer"].membership.company
    big = people["big employer"].membership.company
    staff, employer, pdf = STAFF_P95_MS, EMPLOYER_P95_MS, PDF_P95_MS
    waiting = ManualSubmission.objects.filter(review__state=Review.State.SUBMITTED).order_by("pk").first()
    returned = ManualSubmission.objects.filter(review__state=Review.State.RETURNED).order_by("pk").first()
    feed, _ = CalendarFeed.objects.get_or_create(company=typical)
    certified = Certificate.objects.order_by("pk").first()
    ended = certificates_ended_by_leaving(today=timezone.localdate()).order_by("pk").first()
    draft = AuditToolVersion.objects.filter(effective_from__isnull=True).order_by("pk").first()
    handing_off = people["hand-off employer"].membership.company
    requesting = people["request employer"].membership.company
    requested = people["requested employer"].membership.company
    again = people["registered again employer"].membership.company
    maintained = people["maintenance employer"].membership.company
    sheet = f"/companies/{certified.company_id}/audits/{certified.audit_id}/"
    booked = Audit.objects.filter(state=Audit.State.SCHEDULED, auditor=people["reviewer"]).order_by("pk").first()
    # The bench loads letters and certificates without their PDF: render one of each, as issuing does. Each
    # checkout keeps its files apart (var/media) while the bench database is shared: a file stored by another
    # checkout's run is stored again here.
    letter = typical.milestone_letters.order_by("-pk").first()
    if not _stored(letter.document):
        letter_document_issue(letter, actor=None)
    if not _stored(certified.document):
        certificate_document_issue(certified, actor=None)
    checklist = program_document_current(kind=ProgramDocument.Kind.SUBMISSION_CHECKLIST).document
    if not _stored(checklist):
        checklist.file.storage.save(checklist.file.name, ContentFile(SAMPLE_PDF))
    return [
        Page("anonymous", "hello world (reference)", "/health/", requests=400, max_queries=None),
        Page("staff", "admin changelist (reference)", "/admin/companies/company/", max_queries=None),
        Page("staff", "admin search 'Regina' (reference)", "/admin/companies/company/?q=Regina", max_queries=None),
        Page("staff", "dashboard", "/staff/dashboard/", staff),
        Page("staff", "deadlines, next 90 days", "/staff/deadlines/?within=90", staff),
        Page("staff", "  maintenance audits overdue", "/staff/deadlines/?overdue=1", staff),
        Page("staff", "company list", "/companies/", staff),
        Page("staff", "  sorted by headcount", "/companies/?sort=-headcount", staff),
        Page("staff", "  sorted by city, page 700", "/companies/?sort=city&page=700", staff),
        Page("staff", "  search 'Regina'", "/companies/?q=Regina", staff),
        Page("staff", "  search a name", "/companies/?q=Roofing+42", staff),
        Page("staff", "  training incomplete", "/companies/?training=incomplete", staff),
        Page("staff", "  over the limit", "/companies/?over_limit=1", staff),
        Page("staff", "  registered members", "/companies/?status=registered&member=yes", staff),
        Page("staff", "  certificates ended by leaving", "/companies/?certificate=ended", staff),
        Page("staff", "CSV of all companies", "/companies/export.csv", None, requests=4, max_queries=None),
        Page("staff", "company page (roster of 7)", f"/companies/{typical.pk}/", staff),
        Page("staff", f"company page (roster of {big.employees.count()})", f"/companies/{big.pk}/", staff),
        Page("staff", "company page (certificate ended)", f"/companies/{ended.company_id}/", staff),
        Page("staff", "training to review", "/staff/verification/", staff),
        Page("staff", "  deep page", "/staff/verification/?page=100", staff),
        Page("staff", "applications", "/staff/applications/", staff),
        Page("staff", "notices log", "/staff/notices/", staff),
        Page("staff", "manuals to review", "/staff/manuals/", staff),
        Page("staff", "  deep page", "/staff/manuals/?page=100", staff),
        Page("staff", "  waiting over 4 weeks", "/staff/manuals/?waiting=28", staff),
        Page("staff", "manual review form", f"/companies/{waiting.company_id}/manual/{waiting.pk}/review/", staff),
        Page("staff", "milestone letters to watch", "/staff/milestones/", staff),
        Page("staff", "  expiring within 90 days", "/staff/milestones/?within=90", staff),
        Page("staff", "  #2 requests missing, page 5", "/staff/milestones/?missing_page=5", staff),
        Page("staff", "  company list by roadmap stage", "/companies/?stage=manual", staff),
        Page("staff", "audits of this month", "/staff/audits/", staff),
        Page("staff", "  audits of the next 90 days", "/staff/audits/?within=90", staff),
        Page("staff", "invoices", "/staff/invoices/", staff),
        Page("staff", "  issued, deep page", "/staff/invoices/?state=issued&page=10", staff),
        Page("staff", "CSV of all invoices", "/staff/invoices/export.csv", None, requests=4, max_queries=None),
        Page("staff", "score sheet (completed)", sheet, staff),
        Page("reviewer", "auditor: score sheet to enter", f"/companies/{booked.company_id}/audits/{booked.pk}/", staff),
        Page("auditor", "auditor: my companies", "/companies/", staff),
        Page("auditor", "auditor: submissions to review", "/staff/verification/", staff),
        Page("reviewer", "auditor: manuals to review", "/staff/manuals/", staff),
        Page("reviewer", "auditor: my audits", "/staff/audits/my-calendar/", staff),
        Page("reviewer", "auditor: maintenance to review", "/staff/maintenance/", staff),
        Page("staff", "maintenance packages to review", "/staff/maintenance/", staff),
        Page("staff", "  deep page", "/staff/maintenance/?page=20", staff),
        Page("staff", "questions from companies", "/staff/questions/", staff),
        Page("staff", "  deep page", "/staff/questions/?page=100", staff),
        Page("staff", "  waiting for an answer", "/staff/questions/?show=waiting", staff),
        Page("staff", "anniversaries, next 90 days", "/staff/anniversaries/?within=90", staff),
        Page("staff", "  maintenance overdue", "/staff/anniversaries/?overdue=1", staff),
        Page("staff", "hand-offs to COR waiting", "/staff/cor-handoffs/", staff),
        Page("staff", "  deep page", "/staff/cor-handoffs/?page=5", staff),
        Page("staff", "program documents", "/staff/documents/", staff),
        Page("staff", "audit tool versions", "/staff/audit-tool/", staff),
        Page("staff", "  a draft's sections to edit", f"/staff/audit-tool/{draft.pk}/", staff),
        Page("employer", "employer home (company page)", f"/companies/{typical.pk}/", employer),
        Page("employer", "roster", f"/companies/{typical.pk}/roster/", employer),
        Page("employer", "training chart", f"/companies/{typical.pk}/training/", employer),
        Page("employer", "training chart PDF", f"/companies/{typical.pk}/training/chart.pdf", pdf, requests=20),
        Page("employer", "notices", f"/companies/{typical.pk}/notices/", employer),
        Page("employer", "questions to SCSA", f"/companies/{typical.pk}/questions/", employer),
        Page("employer", "milestone letter PDF", f"/companies/{typical.pk}/documents/{letter.document_id}/", pdf),
        Page(
            "staff",
            "certificate PDF",
            f"/companies/{certified.company_id}/documents/{certified.document_id}/",
            pdf,
        ),
        Page(
            "manual employer", "manual (returned, with comments)", f"/companies/{returned.company_id}/manual/", employer
        ),
        Page("maintenance employer", "maintenance page", f"/companies/{maintained.pk}/maintenance/", employer),
        Page("maintenance employer", "  its company page (certified)", f"/companies/{maintained.pk}/", employer),
        Page("hand-off employer", "its hand-off to COR", f"/companies/{handing_off.pk}/cor-handoff/", employer),
        Page("hand-off employer", "  its company page (over the limit)", f"/companies/{handing_off.pk}/", employer),
        Page("employer", "program document (current version)", "/documents/audit-submission-checklist/", employer),
        Page(
            "request employer",
            "audit request form (checklist)",
            f"/companies/{requesting.pk}/audits/request/",
            employer,
        ),
        Page(
            "requested employer", "audits (request waiting, evidence)", f"/companies/{requested.pk}/audits/", employer
        ),
        Page("registered again employer", "registered again: home", f"/companies/{again.pk}/", employer),
        Page("anonymous", "calendar feed (ICS)", f"/calendar/{feed.token}.ics", employer),
        Page("anonymous", "public: verify a certificate", f"/verify/{certified.number}/", employer),
        Page("anonymous", "  one ended by leaving", f"/verify/{ended.number}/", employer),
        Page("anonymous", "public: certified companies", "/certified/", employer),
        Page("anonymous", "  page 40", "/certified/?page=40", employer),
        Page("anonymous", "  search 'Regina'", "/certified/?q=Regina", employer),
        Page("big employer", "big roster: home", f"/companies/{big.pk}/", employer),
        Page("big employer", "big roster: training chart", f"/companies/{big.pk}/training/", employer),
        Page("big employer", "big roster: chart PDF", f"/companies/{big.pk}/training/chart.pdf", pdf, requests=20),
    ]
