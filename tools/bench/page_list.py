"""Which pages `make bench` measures, as whom, and each one's target (issues 7 and 23): every page of every role at
province scale, in the states the loaders give the data (tools/bench/data.py, later_data.py, issue21_data.py,
busy_month_data.py), in groups that are each compared with the admin changelist measured beside them, at the row
count of each page (its page size, read from its view).
"""

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.base import ContentFile
from django.db.models import Count
from django.utils import timezone

from audits.audit import views as audit_views
from audits.certificates.selectors import certificates_ended_by_leaving
from audits.certificates.services import certificate_document_issue
from audits.invoices import views as invoice_views
from audits.maintenance import views as maintenance_views
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
from audits.reviewing import pages as reviewing
from companies import staff_views as company_staff_views
from companies.models import AuditorAssignment, Company
from companies.questions import views as question_views
from companies.selectors import cor_handoffs_waiting
from milestones import views as milestone_views
from milestones.models import CalendarFeed, MilestoneLetter
from milestones.services import letter_document_issue
from secor.core.models import User
from secor.documents.models import Document
from secor.notices import views as notice_views
from secor.pages import companies as company_list
from secor.reviews.models import Review
from tools.bench import long_history_data
from tools.bench.data import bench_staff
from tools.bench.issue21_data import SAMPLE_PDF
from training import views as training_views

# The issue's targets (p95 with 8 concurrent clients, milliseconds).
STAFF_P95_MS = 150
EMPLOYER_P95_MS = 100
PDF_P95_MS = 300
MAX_QUERIES = 15


# The rows of a staff page that lists none (the dashboard, a company's page, a form): compared, as the issue
# compares the dashboard, with the changelist of the company list's rows.
STAFF_ROWS = company_list.PAGE_SIZE


@dataclass(frozen=True)
class Page:
    role: str  # whose session requests it
    label: str
    url: str
    target_ms: float | None = None  # p95 with 8 clients
    max_queries: int | None = MAX_QUERIES
    # SCSA's pages (staff and program auditors): the rows it shows, the admin changelist's it is compared with.
    rows: int | None = None
    # Also measured cold, a write said through the seam before each request (tools/bench/measuring.py): every
    # page of SCSA's shows kept values (the navigation's waiting counts; the dashboard's figures), and so do the
    # employer pages the bench's write is about (the de-rolls due, the company's training summary).
    cold: bool = True
    # Requested in turn, one a request, instead of `url` (a PDF rendered: each one's first download renders it).
    urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    title: str
    pages: list[Page]

    @property
    def rows(self) -> list[int]:
        """The row counts of the admin changelist measured beside the group."""
        return sorted({page.rows for page in self.pages if page.rows is not None})


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
        "history employer": _owner(long_history_data.company()),
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


def _staff(label: str, url: str, rows: int = STAFF_ROWS, *, role: str = "staff") -> Page:
    return Page(role, label, url, STAFF_P95_MS, rows=rows)


def _employer(role: str, label: str, url: str, *, cold: bool = False) -> Page:
    """An employer's page; measured cold too where the write the bench makes is the employer's own (a course
    record entered: its home, its chart) and for the long history."""
    return Page(role, label, url, EMPLOYER_P95_MS, cold=cold)


def _public(label: str, url: str) -> Page:
    return Page("anonymous", label, url, EMPLOYER_P95_MS, cold=False)


def _download(role: str, label: str, url: str, *, target_ms: float | None = PDF_P95_MS, **rest) -> Page:
    """A file: measured as it is downloaded (a PDF cached, or stored; an export), not cold."""
    return Page(role, label, url, target_ms, cold=False, **rest)


def _rendered(label: str, companies) -> Page:
    """The training chart PDF rendered on its request: a different company's chart each request (staff may read
    any), so none is in the cache (secor.pdf keeps one by its HTML)."""
    urls = tuple(f"/companies/{pk}/training/chart.pdf" for pk in companies)
    return _download("staff", label, urls[0], max_queries=None, urls=urls)


def pages(people: dict[str, User], *, samples: int) -> list[Group]:
    """The groups of pages; `samples`: how many different companies a PDF rendered needs (one a request)."""
    typical = people["employer"].membership.company
    big = people["big employer"].membership.company
    history = people["history employer"].membership.company
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
    by_roster = Company.objects.annotate(people=Count("employees")).exclude(pk__in=[typical.pk, big.pk])
    sevens = by_roster.filter(people=typical.employees.count()).order_by("pk").values_list("pk", flat=True)
    biggest = by_roster.order_by("-people", "pk").values_list("pk", "people")[:samples]
    watch = milestone_views.WATCH_PAGE_SIZE
    return [
        Group(
            "Staff: the dashboard, the company list, a company's page",
            [
                _staff("dashboard", "/staff/dashboard/"),
                _staff("deadlines, next 90 days", "/staff/deadlines/?within=90", training_views.DEADLINES_PAGE_SIZE),
                _staff(
                    "  maintenance audits overdue", "/staff/deadlines/?overdue=1", training_views.DEADLINES_PAGE_SIZE
                ),
                _staff("company list", "/companies/"),
                _staff("  sorted by headcount", "/companies/?sort=-headcount"),
                _staff("  sorted by city, page 700", "/companies/?sort=city&page=700"),
                _staff("  search 'Regina'", "/companies/?q=Regina"),
                _staff("  search a name", "/companies/?q=Roofing+42"),
                _staff("  training incomplete", "/companies/?training=incomplete"),
                _staff("  over the limit", "/companies/?over_limit=1"),
                _staff("  registered members", "/companies/?status=registered&member=yes"),
                _staff("  certificates ended by leaving", "/companies/?certificate=ended"),
                _staff("  by roadmap stage", "/companies/?stage=manual"),
                _download("staff", "CSV of all companies", "/companies/export.csv", target_ms=None, max_queries=None),
                _staff("company page (roster of 7)", f"/companies/{typical.pk}/"),
                _staff(f"company page (roster of {big.employees.count()})", f"/companies/{big.pk}/"),
                _staff("company page (certificate ended)", f"/companies/{ended.company_id}/"),
                _staff("company page (long history)", f"/companies/{history.pk}/"),
            ],
        ),
        Group(
            "Staff: the queues, as a busy month leaves them",
            [
                _staff("training to review", "/staff/verification/", training_views.QUEUE_PAGE_SIZE),
                _staff("  deep page", "/staff/verification/?page=100", training_views.QUEUE_PAGE_SIZE),
                _staff("applications", "/staff/applications/", company_staff_views.APPLICATIONS_PAGE_SIZE),
                _staff("manuals to review", "/staff/manuals/", reviewing.QUEUE_PAGE_SIZE),
                _staff("  deep page", "/staff/manuals/?page=100", reviewing.QUEUE_PAGE_SIZE),
                _staff("  waiting over 4 weeks", "/staff/manuals/?waiting=28", reviewing.QUEUE_PAGE_SIZE),
                _staff("manual review form", f"/companies/{waiting.company_id}/manual/{waiting.pk}/review/"),
                _staff("maintenance packages to review", "/staff/maintenance/", reviewing.QUEUE_PAGE_SIZE),
                _staff("  deep page", "/staff/maintenance/?page=20", reviewing.QUEUE_PAGE_SIZE),
                _staff("questions from companies", "/staff/questions/", question_views.QUEUE_PAGE_SIZE),
                _staff("  deep page", "/staff/questions/?page=100", question_views.QUEUE_PAGE_SIZE),
                _staff("  waiting for an answer", "/staff/questions/?show=waiting", question_views.QUEUE_PAGE_SIZE),
                _staff("hand-offs to COR waiting", "/staff/cor-handoffs/", company_staff_views.HANDOFFS_PAGE_SIZE),
                _staff("  deep page", "/staff/cor-handoffs/?page=5", company_staff_views.HANDOFFS_PAGE_SIZE),
                _staff("notices log", "/staff/notices/", notice_views.PAGE_SIZE),
            ],
        ),
        Group(
            "Staff: milestones, audits, invoices, maintenance, documents",
            [
                _staff("milestone letters to watch", "/staff/milestones/", watch),
                _staff("  expiring within 90 days", "/staff/milestones/?within=90", watch),
                _staff("  #2 requests missing, page 5", "/staff/milestones/?missing_page=5", watch),
                _staff("audits of this month", "/staff/audits/", audit_views.CALENDAR_PAGE),
                _staff("  audits of the next 90 days", "/staff/audits/?within=90", audit_views.CALENDAR_PAGE),
                _staff("invoices", "/staff/invoices/", invoice_views.LIST_PAGE_SIZE),
                _staff("  issued, deep page", "/staff/invoices/?state=issued&page=10", invoice_views.LIST_PAGE_SIZE),
                _download(
                    "staff", "CSV of all invoices", "/staff/invoices/export.csv", target_ms=None, max_queries=None
                ),
                _staff("score sheet (completed)", sheet),
                _staff(
                    "anniversaries, next 90 days", "/staff/anniversaries/?within=90", maintenance_views.LIST_PAGE_SIZE
                ),
                _staff("  maintenance overdue", "/staff/anniversaries/?overdue=1", maintenance_views.LIST_PAGE_SIZE),
                _staff("program documents", "/staff/documents/"),
                _staff("audit tool versions", "/staff/audit-tool/"),
                _staff("  a draft's sections to edit", f"/staff/audit-tool/{draft.pk}/"),
            ],
        ),
        Group(
            "Program auditors",
            [
                _staff(
                    "auditor: score sheet to enter",
                    f"/companies/{booked.company_id}/audits/{booked.pk}/",
                    role="reviewer",
                ),
                _staff("auditor: my companies", "/companies/", company_list.PAGE_SIZE, role="auditor"),
                _staff(
                    "auditor: submissions to review",
                    "/staff/verification/",
                    training_views.QUEUE_PAGE_SIZE,
                    role="auditor",
                ),
                _staff("auditor: manuals to review", "/staff/manuals/", reviewing.QUEUE_PAGE_SIZE, role="reviewer"),
                _staff("auditor: my audits", "/staff/audits/my-calendar/", audit_views.CALENDAR_PAGE, role="reviewer"),
                _staff(
                    "auditor: maintenance to review", "/staff/maintenance/", reviewing.QUEUE_PAGE_SIZE, role="reviewer"
                ),
            ],
        ),
        Group(
            "Employers",
            [
                _employer("employer", "employer home (company page)", f"/companies/{typical.pk}/", cold=True),
                _employer("employer", "roster", f"/companies/{typical.pk}/roster/"),
                _employer("employer", "training chart", f"/companies/{typical.pk}/training/", cold=True),
                _download("employer", "training chart PDF, cached", f"/companies/{typical.pk}/training/chart.pdf"),
                _rendered("  rendered: another chart of 7 each request", sevens[:samples]),
                _employer("employer", "notices", f"/companies/{typical.pk}/notices/"),
                _employer("employer", "questions to SCSA", f"/companies/{typical.pk}/questions/"),
                _download(
                    "employer",
                    "milestone letter PDF (stored)",
                    f"/companies/{typical.pk}/documents/{letter.document_id}/",
                ),
                _download(
                    "staff",
                    "certificate PDF (stored)",
                    f"/companies/{certified.company_id}/documents/{certified.document_id}/",
                ),
                _employer(
                    "manual employer", "manual (returned, with comments)", f"/companies/{returned.company_id}/manual/"
                ),
                _employer("maintenance employer", "maintenance page", f"/companies/{maintained.pk}/maintenance/"),
                _employer("maintenance employer", "  its company page (certified)", f"/companies/{maintained.pk}/"),
                _employer("hand-off employer", "its hand-off to COR", f"/companies/{handing_off.pk}/cor-handoff/"),
                _employer("hand-off employer", "  its company page (over the limit)", f"/companies/{handing_off.pk}/"),
                _employer("employer", "program document (current version)", "/documents/audit-submission-checklist/"),
                _employer(
                    "request employer", "audit request form (checklist)", f"/companies/{requesting.pk}/audits/request/"
                ),
                _employer(
                    "requested employer", "audits (request waiting, evidence)", f"/companies/{requested.pk}/audits/"
                ),
                _employer("registered again employer", "registered again: home", f"/companies/{again.pk}/"),
                _employer("big employer", "big roster: home", f"/companies/{big.pk}/"),
                _employer("big employer", "big roster: training chart", f"/companies/{big.pk}/training/"),
                _download("big employer", "big roster: chart PDF, cached", f"/companies/{big.pk}/training/chart.pdf"),
                _rendered(
                    f"  rendered: the next biggest rosters ({biggest[len(biggest) - 1][1]}-{biggest[0][1]}) in turn",
                    [pk for pk, _ in biggest],
                ),
                _employer("history employer", "long history: home", f"/companies/{history.pk}/", cold=True),
                _employer(
                    "history employer", "long history: training chart", f"/companies/{history.pk}/training/", cold=True
                ),
            ],
        ),
        Group(
            "Public",
            [
                _public("calendar feed (ICS)", f"/calendar/{feed.token}.ics"),
                _public("public: verify a certificate", f"/verify/{certified.number}/"),
                _public("  one ended by leaving", f"/verify/{ended.number}/"),
                _public("public: certified companies", "/certified/"),
                _public("  page 40", "/certified/?page=40"),
                _public("  search 'Regina'", "/certified/?q=Regina"),
            ],
        ),
    ]
