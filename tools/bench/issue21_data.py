"""A company's whole life at province scale for `make bench` (issue 21): certificates ended by leaving the program
(CERT-2), hand-offs to COR waiting and recorded (ELIG-3/4), companies registered again with their earlier
letters (MIL-1), audit requests with their evidence (AUD-1), maintenance packages still in review after their
anniversary or returned with a correction window (MNT-1), the program documents' versions and the audit tool's.

The companies whose Milestone #2 request is missing (MIL-2) need no rows of their own: the milestones and audits
loaders already leave a few hundred companies with Milestone #1 met and no #2 letter asked for.
Each state is given to companies no other state here took, with the fields the services that make it set."""

import random
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from audits.audit.rules import system_functioning_since
from audits.maintenance.rules import maintenance_owed_by_after_return
from audits.models import (
    Anniversary,
    Audit,
    AuditRequest,
    Certificate,
    MaintenancePackage,
    ManualSubmission,
    ProgramDocument,
    SystemEvidence,
)
from audits.tool.selectors import audit_tool_on
from audits.tool.services import audit_tool_version_copy, audit_tool_version_update
from companies import rules as company_rules
from companies.models import Company, CorHandoff, Membership, RegistrationWait
from companies.services import headcounts_refresh
from milestones import rules as milestone_rules
from milestones.models import MilestoneLetter
from secor.core.models import ProgramSettings, User
from secor.documents.models import Document
from secor.reviews.models import Review, ReviewVersion
from tools.bench.data import BATCH, BENCH_TODAY, bench_staff, uploaded_pdf

Status = Company.Status
# How many companies each state is given: in proportion to 20,000 companies.
ENDED = {Status.TRANSFERRED_TO_COR: 120, Status.WITHDRAWN: 100, Status.DEROLLED: 80}
HANDOFFS_WAITING = 250
REGISTERED_AGAIN = 150
REQUESTS_WAITING = 150  # audit requests not booked yet, besides one for each baseline audit booked
PACKAGES_IN_REVIEW_LATE, PACKAGES_RETURNED = 120, 80
# Versions uploaded of each program document (the current one is the highest).
PROGRAM_DOCUMENT_VERSIONS = dict(zip(ProgramDocument.Kind.values, (3, 2, 2, 1, 2), strict=True))
# A PDF small enough to serve at once: the program documents are downloaded, so their files must exist.
SAMPLE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n%%EOF\n"
)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


@transaction.atomic
def load(stdout) -> None:
    rng = random.Random(2033)
    staff = bench_staff()
    # ELIG-3/4 read the kept headcounts, as the pages do (refreshed for the day they are read).
    headcounts_refresh(today=timezone.localdate())
    owners = dict(Membership.objects.filter(is_owner=True).values_list("company_id", "user_id"))
    taken: set[int] = set()
    _certificates_ended(rng, taken, owners, stdout)
    _handoffs_waiting(rng, taken, owners, stdout)
    _registered_again(rng, taken, stdout)
    _audit_requests(rng, taken, owners, stdout)
    _packages_owed(rng, taken, staff, stdout)
    _program_documents(staff, stdout)
    _audit_tool_versions(staff, stdout)


def _sample(rng: random.Random, ids, count: int, taken: set[int]) -> list[int]:
    """`count` of the company ids (or fewer if there are fewer), none taken yet; then taken."""
    free = sorted(set(ids) - taken)
    chosen = sorted(rng.sample(free, min(count, len(free))))
    taken.update(chosen)
    return chosen


def _certificates_ended(rng: random.Random, taken: set[int], owners: dict, stdout) -> None:
    """CERT-2: certified companies that left within their certificate's 3 years, each as company_change_status
    leaves them: transferred to COR (companies over the limit, after telling SCSA: a hand-off recorded),
    withdrawn, or de-rolled by staff (with the wait on its WCB number, ELIG-5). None has a package in review."""
    certified = (
        Certificate.objects.filter(
            superseded_by__isnull=True,
            expires_on__gt=BENCH_TODAY,
            issued_on__lt=BENCH_TODAY - timedelta(days=30),
            company__status=Status.REGISTERED,
            company__left_program_on__isnull=True,
        )
        .exclude(company__maintenance_packages__review__state=Review.State.SUBMITTED)
        .values_list("company_id", "issued_on")
    )
    issued = dict(certified)
    over = set(Company.objects.over_secor_limit().filter(pk__in=issued).values_list("pk", flat=True))
    stdout.write(f"Certificates ended by leaving ({sum(ENDED.values())})…")
    companies, waits, handoffs = [], [], []
    for status, count in ENDED.items():
        pool = over if status == Status.TRANSFERRED_TO_COR else issued
        for company in Company.objects.filter(pk__in=_sample(rng, pool, count, taken)):
            left_on = issued[company.pk] + timedelta(days=rng.randint(30, (BENCH_TODAY - issued[company.pk]).days))
            company.status, company.left_program_on, company.left_program_as = status, left_on, status
            if status == Status.DEROLLED:
                company.derolled_on = left_on
                waits.append(
                    RegistrationWait(
                        wcb_account_number=company.wcb_account_number, company=company, derolled_on=left_on
                    )
                )
            if status == Status.TRANSFERRED_TO_COR:
                told_on = max(left_on - timedelta(days=rng.randint(14, 120)), company.registration_date)
                handoffs.append(
                    CorHandoff(
                        company=company,
                        expected_on=left_on + timedelta(days=rng.randint(0, 30)),
                        told_on=told_on,
                        told_by_id=owners[company.pk],
                    )
                )
            companies.append(company)
    Company.objects.bulk_update(companies, ["status", "left_program_on", "left_program_as", "derolled_on"])
    RegistrationWait.objects.bulk_create(waits)
    CorHandoff.objects.bulk_create(handoffs)


def _handoffs_waiting(rng: random.Random, taken: set[int], owners: dict, stdout) -> None:
    """ELIG-3/4: registered companies over the limit that told SCSA, since their registration, when they expect
    to register for COR (at most 2 years after telling); staff have not recorded the transfer yet."""
    over = Company.objects.over_secor_limit().filter(
        status=Status.REGISTERED, registration_date__lt=BENCH_TODAY - timedelta(days=30)
    )
    registered = dict(over.values_list("pk", "registration_date"))
    chosen = _sample(rng, registered, HANDOFFS_WAITING, taken)
    stdout.write(f"Hand-offs to COR waiting ({len(chosen)})…")
    handoffs = []
    for pk in chosen:
        told_on = BENCH_TODAY - timedelta(days=rng.randint(0, min(150, (BENCH_TODAY - registered[pk]).days)))
        latest = (told_on + relativedelta(years=company_rules.COR_EXPECTED_AHEAD_YEARS) - BENCH_TODAY).days
        handoffs.append(
            CorHandoff(
                company_id=pk,
                expected_on=BENCH_TODAY + timedelta(days=rng.randint(30, min(400, latest))),
                note="Our COR coordinator is the office manager." if rng.random() < 0.3 else "",
                told_on=told_on,
                told_by_id=owners[pk],
            )
        )
    CorHandoff.objects.bulk_create(handoffs)


def _registered_again(rng: random.Random, taken: set[int], stdout) -> None:
    """MIL-1: companies registered in the last 10 months after an earlier registration they left (de-rolled
    once its letter lapsed, the wait of ELIG-5 since over; or withdrawn): the earlier letter is kept as
    history (earlier_registration) and a new Milestone #1 letter runs from the new registration. The
    company's open letter becomes the earlier one (so the new one is the newest), as the leaving stays kept."""
    letters = MilestoneLetter.objects.filter(
        milestone=MilestoneLetter.Milestone.FIRST,
        settled=MilestoneLetter.Settled.OPEN,
        document__isnull=True,
        company__status=Status.REGISTERED,
        company__registration_date__gte=BENCH_TODAY - timedelta(days=300),
        company__registration_date__lt=BENCH_TODAY - timedelta(days=30),
    ).select_related("company")
    by_company = {letter.company_id: letter for letter in letters}
    chosen = [by_company[pk] for pk in _sample(rng, by_company, REGISTERED_AGAIN, taken)]
    stdout.write(f"Companies registered again ({len(chosen)})…")
    new_letters, waits, companies = [], [], []
    for letter in chosen:
        company, registered_on = letter.company, letter.company.registration_date
        new_letters.append(
            MilestoneLetter(company=company, milestone=1, issued_on=registered_on, expires_on=letter.expires_on)
        )
        if rng.random() < 2 / 3:  # de-rolled the day after the earlier letter expired, at least 6 months before
            expired_on = (
                registered_on
                - relativedelta(months=company_rules.REREGISTRATION_WAIT_MONTHS)
                - timedelta(days=rng.randint(1, 200))
            )
            left_on = milestone_rules.deroll_date(expired_on)
            letter.settled, letter.settled_on = MilestoneLetter.Settled.DEROLLED, left_on
            letter.settled_at = _at(left_on)
            left_as = Status.DEROLLED
            waits.append(
                RegistrationWait(wcb_account_number=company.wcb_account_number, company=company, derolled_on=left_on)
            )
        else:  # withdrew while the earlier letter was open: it stays unsettled
            left_on = registered_on - timedelta(days=rng.randint(210, 400))
            expired_on = left_on + timedelta(days=rng.randint(1, 200))
            left_as = Status.WITHDRAWN
        letter.issued_on = expired_on - relativedelta(months=12)
        letter.expires_on, letter.earlier_registration = expired_on, True
        company.left_program_on, company.left_program_as = left_on, left_as
        companies.append(company)
    MilestoneLetter.objects.bulk_update(
        chosen, ["issued_on", "expires_on", "settled", "settled_on", "settled_at", "earlier_registration"]
    )
    MilestoneLetter.objects.bulk_create(new_letters)
    RegistrationWait.objects.bulk_create(waits)
    Company.objects.bulk_update(companies, ["left_program_on", "left_program_as"])


def _audit_requests(rng: random.Random, taken: set[int], owners: dict, stdout) -> None:
    """AUD-1: the request of each baseline audit booked, and requests waiting for a booking from companies whose
    manual is approved; each with its two forms and the earliest record of each kind, 6 months or more before
    the request (the system functions since the earliest)."""
    booked = list(
        Audit.objects.filter(
            state=Audit.State.SCHEDULED, purpose=Audit.Purpose.BASELINE, request__isnull=True
        ).order_by("pk")
    )
    approved = ManualSubmission.objects.filter(company=OuterRef("company"), review__state=Review.State.ACCEPTED)
    open_second = MilestoneLetter.objects.filter(
        milestone=MilestoneLetter.Milestone.SECOND,
        settled=MilestoneLetter.Settled.OPEN,
        company__status=Status.REGISTERED,
        company__audits__isnull=True,
        company__audit_requests__isnull=True,
    ).filter(Exists(approved))
    waiting = _sample(rng, open_second.values_list("company_id", flat=True), REQUESTS_WAITING, taken)
    asking = [(audit.company_id, BENCH_TODAY - timedelta(days=rng.randint(5, 40))) for audit in booked] + [
        (pk, BENCH_TODAY - timedelta(days=rng.randint(0, 30))) for pk in waiting
    ]
    stdout.write(f"Audit requests and their evidence ({len(asking):,})…")
    kinds = SystemEvidence.Kind.values
    plans = []
    for company_id, requested_on in asking:
        earliest = requested_on - timedelta(days=rng.randint(190, 700))
        dated = [earliest] + [earliest + timedelta(days=rng.randint(0, 60)) for _ in kinds[1:]]
        rng.shuffle(dated)
        plans.append((company_id, requested_on, dict(zip(kinds, dated, strict=True))))
    names = [("site-assessment", "site-assessment-form"), ("compliance-declaration", "audit-compliance-declaration")]
    documents = Document.objects.bulk_create(
        [
            uploaded_pdf(company_id=company_id, kind=kind, name=name, file=f"{kind}-{company_id}-{name}", size=300_000)
            for company_id, _, dated in plans
            for kind, name in names + [("system-evidence", f"{kind}-{on:%Y-%m-%d}") for kind, on in dated.items()]
        ],
        batch_size=BATCH,
    )
    per_request = 2 + len(kinds)
    requests = AuditRequest.objects.bulk_create(
        [
            AuditRequest(
                company_id=company_id,
                purpose=Audit.Purpose.BASELINE,
                site_assessment=documents[n * per_request],
                compliance_declaration=documents[n * per_request + 1],
                system_functioning_since=system_functioning_since(dated.values()),
                requested_at=_at(requested_on),
                requested_by_id=owners[company_id],
            )
            for n, (company_id, requested_on, dated) in enumerate(plans)
        ],
        batch_size=BATCH,
    )
    SystemEvidence.objects.bulk_create(
        [
            SystemEvidence(request=request, kind=kind, dated_on=on, document=documents[n * per_request + 2 + k])
            for n, (request, (_, _, dated)) in enumerate(zip(requests, plans, strict=True))
            for k, (kind, on) in enumerate(dated.items())
        ],
        batch_size=BATCH,
    )
    for audit, request in zip(booked, requests[: len(booked)], strict=True):  # the booked audits' come first
        audit.request = request
    Audit.objects.bulk_update(booked, ["request"])


def _packages_owed(rng: random.Random, taken: set[int], staff: User, stdout) -> None:
    """MNT-1: of the packages accepted for an anniversary of the last 60 days, some still in SCSA's review after
    the anniversary (sent in time: nothing owed), and some returned, owed corrected within the program's days
    of the return (a few past them: overdue). The loaded packages were all sent before their anniversary."""
    packages = list(
        MaintenancePackage.objects.filter(
            review__state=Review.State.ACCEPTED,
            anniversary__on__range=(BENCH_TODAY - timedelta(days=60), BENCH_TODAY - timedelta(days=1)),
            company__status=Status.REGISTERED,
        )
        .exclude(company_id__in=taken)
        .select_related("anniversary", "review__latest_version")
        .order_by("pk")
    )
    chosen = rng.sample(packages, min(PACKAGES_IN_REVIEW_LATE + PACKAGES_RETURNED, len(packages)))
    stdout.write(f"Maintenance packages in review after their anniversary, or returned ({len(chosen)})…")
    correction_days = ProgramSettings.current().maintenance_correction_days
    auditors = list(User.objects.filter(role=User.Role.AUDITOR, email__startswith="reviewer"))
    reviews, versions, anniversaries = [], [], []
    for n, package in enumerate(chosen):
        review, version, anniversary = package.review, package.review.latest_version, package.anniversary
        review.accepted_on, anniversary.maintained_on = None, None
        if n < PACKAGES_IN_REVIEW_LATE:
            review.state, review.decided_at, version.outcome = Review.State.SUBMITTED, None, ""
            review.reviewer = rng.choice(auditors)
        else:
            sent_on = version.submitted_at.date()
            returned_on = min(sent_on + timedelta(days=rng.randint(10, 70)), BENCH_TODAY)
            review.state, review.decided_at, review.decided_by = Review.State.RETURNED, _at(returned_on), staff
            version.outcome, version.decided_at, version.decided_by = (
                ReviewVersion.Outcome.RETURNED,
                _at(returned_on),
                staff,
            )
            version.comments = "The Safe Job Procedures are the samples unchanged: write your own."
            anniversary.owed_by = maintenance_owed_by_after_return(
                owed_by=anniversary.owed_by, returned_on=returned_on, correction_days=correction_days
            )
        reviews.append(review)
        versions.append(version)
        anniversaries.append(anniversary)
    Review.objects.bulk_update(reviews, ["state", "accepted_on", "decided_at", "decided_by", "reviewer"])
    ReviewVersion.objects.bulk_update(versions, ["outcome", "decided_at", "decided_by", "comments"])
    Anniversary.objects.bulk_update(anniversaries, ["maintained_on", "owed_by"])


def _program_documents(staff: User, stdout) -> None:
    """The program documents, each kind with a few versions over the last years, their files stored (as
    uploading stores them): employers download the current one."""
    stdout.write("Program documents…")
    now = timezone.now()
    documents, versions = [], []
    for kind, count in PROGRAM_DOCUMENT_VERSIONS.items():
        for number in range(1, count + 1):
            document = Document(
                kind=kind,
                name=f"{kind}-v{number}",
                extension="pdf",
                content_type="application/pdf",
                size=len(SAMPLE_PDF),
                sha256="0" * 64,
                origin=Document.Origin.UPLOADED,
                created_by=staff,
            )
            document.file.save(f"{document.name}.pdf", ContentFile(SAMPLE_PDF), save=False)
            documents.append(document)
            uploaded_at = now - timedelta(days=200 * (count - number))
            versions.append(
                ProgramDocument(kind=kind, version=number, note="", uploaded_by=staff, uploaded_at=uploaded_at)
            )
    for version, document in zip(versions, Document.objects.bulk_create(documents), strict=True):
        version.document = document
    ProgramDocument.objects.bulk_create(versions)


def _audit_tool_versions(staff: User, stdout) -> None:
    """MAN-1: besides the version in effect, the next one (copied from it, taking effect next autumn) and a draft
    of the one after, made as staff make them."""
    stdout.write("Audit tool versions…")
    source = audit_tool_on(BENCH_TODAY)
    upcoming = audit_tool_version_copy(source=source, actor=staff, name="SECOR audit tool (2027)")
    audit_tool_version_update(
        version=upcoming,
        actor=staff,
        name=upcoming.name,
        effective_from=date(2027, 9, 1),
        overall_pass_percent=upcoming.overall_pass_percent,
        section_pass_percent=upcoming.section_pass_percent,
        sections=[],
    )
    audit_tool_version_copy(source=source, actor=staff, name="SECOR audit tool (2028, draft)")
