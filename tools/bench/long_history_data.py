"""One company with a long history, for `make bench` (issue 23): registered in 2017 and certified three times since,
with 60 course records sent four times each (three returned for corrections), 400 lines of timeline, 300 notices
and the 6 maintenance packages of its three certificates. Its staff page, its home and its training chart are in
the page list: pages must stay within their queries and time however long a company has been in the program.

It is a certified company of the province whose life is moved back: its letters, its baseline audit and its
certificate dated from 2017, then two re-certification cycles, each certificate superseded by the next (RCT-1)."""

import random
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from audits.certificates.rules import CERTIFICATE_YEARS
from audits.maintenance.rules import anniversaries, maintenance_due, maintenance_owed_by_first
from audits.models import (
    Anniversary,
    Audit,
    AuditRequest,
    AuditScore,
    Certificate,
    Invoice,
    InvoiceCounter,
    MaintenancePackage,
)
from audits.tool.selectors import audit_tool_on, sections_of
from companies.models import Company, CorHandoff, Membership
from milestones import rules as milestone_rules
from milestones.models import MilestoneLetter
from secor.documents.models import Document
from secor.notices.kinds import NOTICE_KINDS
from secor.notices.models import Notice
from secor.reviews.models import Review, ReviewVersion
from secor.timeline.kinds import KINDS
from secor.timeline.models import Event
from tools.bench.data import BENCH_TODAY, uploaded_pdf
from tools.bench.later_data import audit_invoice
from tools.bench.reviewed import Sent, packages_make, sent_at
from training.models import Course, TrainingRecord
from training.rules import CourseCode

NAME = "Bench Long History Ltd."
REGISTERED_ON = date(2017, 3, 1)
CYCLES = 3  # certificates: the first after the baseline audit, then two re-certifications
RECORDS, VERSIONS, EVENTS, NOTICES = 60, 4, 400, 300
RETURNED_BECAUSE = "The certificate's completion date cannot be read: upload a clearer scan."


def company() -> Company:
    return Company.objects.get(legal_name=NAME)


def load(stdout) -> Company:
    stdout.write("A company with a long history…")
    rng = random.Random(2035)
    certificate = _chosen_certificate()
    company = certificate.company
    owner_id = Membership.objects.get(company=company, is_owner=True).user_id
    company.legal_name, company.registration_date = NAME, REGISTERED_ON
    company.save(update_fields=["legal_name", "registration_date"])
    certified_on = _letters(company)
    certificates = _cycles(company, certificate, certified_on)
    _packages(company, certificates, owner_id)
    _records(rng, company, owner_id)
    _timeline(rng, company, owner_id)
    _notices(rng, company, owner_id)
    return company


def _chosen_certificate() -> Certificate:
    """The current certificate of the first company certified more than a year ago, with a roster of six or more,
    in no state of issue 21 (no request, hand-off or earlier registration) and no package in review."""
    busy = (
        set(AuditRequest.objects.values_list("company_id", flat=True))
        | set(CorHandoff.objects.values_list("company_id", flat=True))
        | set(MilestoneLetter.objects.filter(earlier_registration=True).values_list("company_id", flat=True))
        | set(
            MaintenancePackage.objects.exclude(review__state=Review.State.ACCEPTED).values_list("company_id", flat=True)
        )
    )
    candidates = (
        Certificate.objects.filter(
            superseded_by__isnull=True,
            issued_on__lt=BENCH_TODAY - timedelta(days=400),
            company__status=Company.Status.REGISTERED,
            company__left_program_on__isnull=True,
            company__counted_workers__gte=6,
        )
        .exclude(company_id__in=busy)
        .select_related("company", "audit")
        .order_by("company_id")
    )
    return candidates.first()


def _letters(company: Company) -> date:
    """MIL-1/MIL-2 from 2017: both letters met, the second on the baseline audit's day; returns that day."""
    first = milestone_rules.letter_expiry(registration_date=REGISTERED_ON, months=12)
    second = milestone_rules.letter_expiry(registration_date=REGISTERED_ON, months=18)
    certified_on = second - timedelta(days=30)
    dates = {
        1: (REGISTERED_ON, first, first - timedelta(days=30)),
        2: (first - timedelta(days=30), second, certified_on),
    }
    letters = list(company.milestone_letters.all())
    for letter in letters:
        letter.issued_on, letter.expires_on, letter.settled_on = dates[letter.milestone]
        letter.settled = MilestoneLetter.Settled.MET
    MilestoneLetter.objects.bulk_update(letters, ["issued_on", "expires_on", "settled_on", "settled"])
    return certified_on


def _cycles(company: Company, certificate: Certificate, certified_on: date) -> list[Certificate]:
    """The baseline audit and its certificate moved to `certified_on`, then a re-certification audit a month
    before each certificate expires, with its certificate (which supersedes the one before) and its invoice."""
    baseline = certificate.audit
    baseline.scheduled_on = baseline.completed_on = certified_on
    baseline.save(update_fields=["scheduled_on", "completed_on"])
    certificate.issued_on, certificate.expires_on = certified_on, certified_on + relativedelta(years=CERTIFICATE_YEARS)
    certificate.save(update_fields=["issued_on", "expires_on"])
    Invoice.objects.filter(audit=baseline).update(issued_on=certified_on)
    Invoice.objects.filter(audit=baseline, paid_on__isnull=False).update(paid_on=certified_on + timedelta(days=20))
    tool, certificates = audit_tool_on(BENCH_TODAY), [certificate]
    counter = InvoiceCounter.objects.select_for_update().get(pk=1)
    for cycle in range(2, CYCLES + 1):
        day = certificates[-1].expires_on - timedelta(days=30)
        audit = Audit.objects.create(
            company=company,
            kind=Audit.Kind.RECERTIFICATION,
            purpose=Audit.Purpose.RECERTIFICATION,
            tool=tool,
            auditor=baseline.auditor,
            scheduled_on=day,
            location=baseline.location,
            scheduled_by=baseline.scheduled_by,
            state=Audit.State.COMPLETED,
            completed_on=day,
            achieved=True,
        )
        AuditScore.objects.bulk_create(
            AuditScore(audit=audit, section=section, available=20, actual=18) for section in sections_of(tool)
        )
        renewed = Certificate.objects.create(
            company=company,
            audit=audit,
            number=f"{certificate.number[:-2]}R{cycle}",
            issued_on=day,
            expires_on=day + relativedelta(years=CERTIFICATE_YEARS),
        )
        certificates[-1].superseded_by = renewed
        certificates[-1].save(update_fields=["superseded_by"])
        certificates.append(renewed)
        counter.last += 1
        audit_invoice(
            number=counter.last,
            audit=audit,
            description="SECOR re-certification audit",
            amount=Decimal("1200.00"),
            paid=True,
        ).save()
    counter.save()
    return certificates


def _packages(company: Company, certificates: list[Certificate], owner_id: int) -> None:
    """Each certificate's anniversaries, and the package accepted for each one a package is due by (MNT-1):
    two per certificate, the ones the company had before replaced."""
    old = list(MaintenancePackage.objects.filter(company=company).values_list("pk", "review_id"))
    MaintenancePackage.objects.filter(pk__in=[pk for pk, _ in old]).delete()
    Review.objects.filter(pk__in=[review_id for _, review_id in old]).delete()
    Anniversary.objects.filter(company=company).delete()
    kept = Anniversary.objects.bulk_create(
        Anniversary(
            certificate=certificate,
            company=company,
            number=number,
            on=on,
            owed_by=maintenance_owed_by_first(number=number, anniversary_on=on),
        )
        for certificate in certificates
        for number, on in enumerate(anniversaries(certificate.issued_on), start=1)
    )
    due = [anniversary for anniversary in kept if maintenance_due(anniversary.number) and anniversary.on < BENCH_TODAY]
    internal_auditor = company.employees.order_by("pk").values_list("pk", flat=True).first()
    packages_make(
        [
            (anniversary, Sent(company.pk, Review.State.ACCEPTED, anniversary.on - timedelta(days=30)))
            for anniversary in due
        ],
        internal_auditors={company.pk: internal_auditor},
        owners={company.pk: owner_id},
        now=timezone.now(),
    )


def _records(rng: random.Random, company: Company, owner_id: int) -> None:
    """Course records over the years, each sent four times: three returned for corrections, the fourth accepted."""
    people = list(company.employees.order_by("pk").values_list("pk", flat=True))
    courses = list(Course.objects.filter(code__in=[CourseCode.SCOT, CourseCode.SAFETY_MANAGEMENT, CourseCode.LSE]))
    span = (BENCH_TODAY - REGISTERED_ON).days - 60
    plans = []
    for n in range(RECORDS):
        completed_on = REGISTERED_ON + timedelta(days=rng.randint(0, span))
        plans.append((people[n % len(people)], courses[n % len(courses)], completed_on, f"H-{n}"))
    reviews = Review.objects.bulk_create(
        Review(
            company=company,
            kind=TrainingRecord.REVIEW_KIND,
            state=Review.State.ACCEPTED,
            first_submitted_on=completed_on + timedelta(days=5),
            accepted_on=completed_on + timedelta(days=5 + 7 * VERSIONS),
            decided_at=sent_at(completed_on + timedelta(days=5 + 7 * VERSIONS)),
        )
        for _, _, completed_on, _ in plans
    )
    documents = Document.objects.bulk_create(
        uploaded_pdf(
            company_id=company.pk, kind="certificate", name=f"{number}-v{v}", file=f"{number}-v{v}", size=250_000
        )
        for _, _, _, number in plans
        for v in range(1, VERSIONS + 1)
    )
    versions = []
    for index, (review, (_, _, completed_on, number)) in enumerate(zip(reviews, plans, strict=True)):
        for v in range(1, VERSIONS + 1):
            sent_on, accepted = completed_on + timedelta(days=5 + 7 * (v - 1)), v == VERSIONS
            versions.append(
                ReviewVersion(
                    review=review,
                    number=v,
                    document=documents[index * VERSIONS + v - 1],
                    data={"completed_on": completed_on.isoformat(), "certificate_number": number},
                    submitted_by_id=owner_id,
                    submitted_at=sent_at(sent_on),
                    outcome=ReviewVersion.Outcome.ACCEPTED if accepted else ReviewVersion.Outcome.RETURNED,
                    decided_at=sent_at(sent_on + timedelta(days=7)),
                    comments="" if accepted else RETURNED_BECAUSE,
                )
            )
    versions = ReviewVersion.objects.bulk_create(versions)
    for index, review in enumerate(reviews):
        review.latest_version = versions[index * VERSIONS + VERSIONS - 1]
    Review.objects.bulk_update(reviews, ["latest_version"])
    TrainingRecord.objects.bulk_create(
        TrainingRecord(
            company=company,
            employee_id=employee_id,
            course=course,
            completed_on=completed_on,
            certificate_number=number,
            review=review,
        )
        for review, (employee_id, course, completed_on, number) in zip(reviews, plans, strict=True)
    )


def _timeline(rng: random.Random, company: Company, owner_id: int) -> None:
    kinds = sorted(KINDS)
    span = int((BENCH_TODAY - REGISTERED_ON).total_seconds())
    start = sent_at(REGISTERED_ON)
    Event.objects.bulk_create(
        Event(
            company=company,
            actor_id=owner_id,
            at=start + timedelta(seconds=rng.randint(0, span)),
            kind=kinds[n % len(kinds)],
            summary=f"Bench history line {n}",
            detail="Kept as the company's story.",
        )
        for n in range(EVENTS)
    )


def _notices(rng: random.Random, company: Company, owner_id: int) -> None:
    """Notices sent to the owner over the years, each about its own subject (none a sweep would claim again)."""
    email = company.memberships.get(is_owner=True).user.email
    kinds = sorted(NOTICE_KINDS)
    span = (BENCH_TODAY - REGISTERED_ON).days - 1
    notices = []
    for n in range(NOTICES):
        day = REGISTERED_ON + timedelta(days=rng.randint(0, span))
        at = sent_at(day)
        notices.append(
            Notice(
                kind=kinds[n % len(kinds)],
                recipient_email=email,
                recipient_user_id=owner_id,
                subject_key=f"bench.history:{n}",
                about_date=day,
                company=company,
                due_on=day,
                state=Notice.State.SENT,
                subject=f"SECOR: a notice of {day:%B %Y}",
                body="Sent by the bench's history.",
                attempts=1,
                next_attempt_at=None,
                sent_at=at,
                created_at=at,
            )
        )
    Notice.objects.bulk_create(notices)
