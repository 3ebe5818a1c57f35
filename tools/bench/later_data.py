"""The program's later work at province scale for `make bench`: milestone letters, manuals, audits,
certificates and invoices, anniversaries and maintenance packages, questions to SCSA, in proportion to the companies
tools/bench/data.py loads."""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from audits.certificates.rules import CERTIFICATE_YEARS
from audits.maintenance.rules import anniversaries, maintenance_owed_by_first
from audits.models import (
    Anniversary,
    Audit,
    AuditScore,
    Certificate,
    Invoice,
    InvoiceCounter,
    ManualSubmission,
)
from audits.tool.selectors import audit_tool_on, sections_of
from companies.models import AuditorAssignment, Company, Employee, Membership
from companies.questions.models import Question
from milestones import rules
from milestones.models import MilestoneLetter
from secor.core.models import ProgramSettings, User
from secor.reviews.models import Review
from tools.bench.data import BATCH, BENCH_TODAY, _days_ago
from tools.bench.reviewed import Sent, manuals_make, packages_make

TAX_RATE_PERCENT = Decimal("5.00")


@transaction.atomic
def load_milestones(stdout) -> None:
    """Milestone letters and manuals in proportion: each registered company's letters as its age gives them
    (under a year: #1 open; a year to 18 months: #1 met and #2 open; older: both met, their audits being the
    audits issue's), a manual for most companies past 6 months (in review, returned or approved) given to
    10 program auditors, and 20 letters that expired yesterday for the sweep to de-roll."""
    rng = random.Random(2027)
    now = timezone.now()
    registered = list(
        Company.objects.filter(status=Company.Status.REGISTERED).order_by("pk").values_list("pk", "registration_date")
    )
    auditors = User.objects.bulk_create(
        [User(email=f"reviewer{n}@bench.example", role=User.Role.AUDITOR, password="!") for n in range(10)]
    )
    stdout.write(f"Milestone letters ({len(registered):,} companies)…")
    letters, expiring_yesterday = [], set(rng.sample(range(len(registered)), 20))
    for index, (pk, registered_on) in enumerate(registered):
        first = rules.letter_expiry(registration_date=registered_on, months=12)
        second = rules.letter_expiry(registration_date=registered_on, months=18)
        if index in expiring_yesterday:
            letters.append(
                MilestoneLetter(
                    company_id=pk,
                    milestone=1,
                    issued_on=BENCH_TODAY - timedelta(days=365),
                    expires_on=BENCH_TODAY - timedelta(days=1),
                )
            )
            continue
        met = MilestoneLetter.Settled.MET
        if first >= BENCH_TODAY:
            letters.append(MilestoneLetter(company_id=pk, milestone=1, issued_on=registered_on, expires_on=first))
            continue
        letters.append(
            MilestoneLetter(
                company_id=pk,
                milestone=1,
                issued_on=registered_on,
                expires_on=first,
                settled=met,
                settled_on=first - timedelta(days=30),
                settled_at=now,
            )
        )
        done = second < BENCH_TODAY
        letters.append(
            MilestoneLetter(
                company_id=pk,
                milestone=2,
                issued_on=first - timedelta(days=30),
                expires_on=second,
                settled=met if done else MilestoneLetter.Settled.OPEN,
                settled_on=second if done else None,
                settled_at=now if done else None,
            )
        )
    MilestoneLetter.objects.bulk_create(letters, batch_size=BATCH)

    with_manual = [
        (pk, registered_on)
        for pk, registered_on in registered
        if (BENCH_TODAY - registered_on).days > 180 and rng.random() < 0.8
    ]
    stdout.write(f"Manuals ({len(with_manual):,}) and their files…")
    tool = audit_tool_on(BENCH_TODAY)
    sections = sections_of(tool)
    owners = dict(Membership.objects.filter(is_owner=True).values_list("company_id", "user_id"))
    for start in range(0, len(with_manual), BATCH):
        chunk = with_manual[start : start + BATCH]
        states = [
            Review.State.ACCEPTED
            if (BENCH_TODAY - registered_on).days > 365
            else rng.choice([Review.State.SUBMITTED] * 2 + [Review.State.RETURNED] + [Review.State.ACCEPTED] * 2)
            for _, registered_on in chunk
        ]
        sent = [_days_ago(rng, 1, 60) for _ in chunk]
        manuals_make(
            [
                Sent(pk, state, on, rng.choice(auditors).pk if state == Review.State.SUBMITTED else None)
                for (pk, _), state, on in zip(chunk, states, sent, strict=True)
            ],
            tool=tool,
            sections=sections,
            owners=owners,
            now=now,
        )
    AuditorAssignment.objects.bulk_create(
        [
            AuditorAssignment(company_id=manual.company_id, auditor_id=manual.review.reviewer_id)
            for manual in ManualSubmission.objects.filter(review__reviewer__isnull=False).select_related("review")
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )


def audit_invoice(*, number: int, audit: Audit, description: str, amount: Decimal, paid: bool) -> Invoice:
    """An audit's invoice as completing the audit issues it (and, `paid`, as recording the payment leaves it)."""
    tax = amount * TAX_RATE_PERCENT / 100
    invoice = Invoice(
        number=number,
        company_id=audit.company_id,
        kind=Invoice.Kind.AUDIT,
        audit=audit,
        description=description,
        amount=amount,
        tax_rate_percent=TAX_RATE_PERCENT,
        tax=tax,
        total=amount + tax,
        issued_on=audit.completed_on,
        due_on=audit.completed_on + timedelta(days=ProgramSettings.current().invoice_payment_days),
        state=Invoice.State.PAID if paid else Invoice.State.ISSUED,
    )
    if paid:
        invoice.paid_on, invoice.payment_method = invoice.issued_on + timedelta(days=20), "eft"
    return invoice


@transaction.atomic
def load_audits(stdout) -> None:
    """Audits, certificates and invoices in proportion: each company whose Milestone #2 is met has its baseline
    audit (16 sections scored), its certificate and the audit's invoice (80% paid); 600 audits are booked in
    the next 90 days across the 10 program auditors; every third non-member registration fee is invoiced."""
    rng = random.Random(2028)
    now = timezone.now()
    tool = audit_tool_on(BENCH_TODAY)
    sections = sections_of(tool)
    auditors = list(User.objects.filter(role=User.Role.AUDITOR, email__startswith="reviewer"))
    staff_id = auditors[0].pk
    met = list(
        MilestoneLetter.objects.filter(milestone=2, settled=MilestoneLetter.Settled.MET)
        .select_related("company")
        .order_by("company_id")
    )
    stdout.write(f"Audits, certificates and invoices ({len(met):,} certified companies)…")
    audits = Audit.objects.bulk_create(
        [
            Audit(
                company_id=letter.company_id,
                kind=Audit.Kind.BASELINE,
                purpose=Audit.Purpose.BASELINE,
                tool=tool,
                auditor=rng.choice(auditors),
                scheduled_on=letter.settled_on,
                location=f"{letter.company.street_address}, {letter.company.city}",
                scheduled_by_id=staff_id,
                state=Audit.State.COMPLETED,
                completed_on=letter.settled_on,
                achieved=True,
            )
            for letter in met
        ],
        batch_size=BATCH,
    )
    AuditScore.objects.bulk_create(
        [
            AuditScore(audit=audit, section=section, available=20, actual=rng.randint(14, 20))
            for audit in audits
            for section in sections
        ],
        batch_size=BATCH,
    )
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    Certificate.objects.bulk_create(
        [
            Certificate(
                company_id=audit.company_id,
                audit=audit,
                number="SECOR-" + "-".join("".join(rng.choice(alphabet) for _ in range(4)) for _ in range(3)),
                issued_on=audit.completed_on,
                expires_on=audit.completed_on + relativedelta(years=3),
                listed=rng.random() < 0.97,
            )
            for audit in audits
        ],
        batch_size=BATCH,
    )
    invoices = [
        audit_invoice(
            number=n + 1,
            audit=audit,
            description="SECOR baseline audit",
            amount=Decimal("1500.00"),
            paid=rng.random() < 0.8,
        )
        for n, audit in enumerate(audits)
    ]
    Invoice.objects.bulk_create(invoices, batch_size=BATCH)
    InvoiceCounter.objects.update_or_create(pk=1, defaults={"last": len(invoices)})
    waiting = list(
        MilestoneLetter.objects.filter(milestone=2, settled=MilestoneLetter.Settled.OPEN)
        .select_related("company")
        .order_by("company_id")[:600]
    )
    booked = Audit.objects.bulk_create(
        [
            Audit(
                company_id=letter.company_id,
                kind=Audit.Kind.BASELINE,
                purpose=Audit.Purpose.BASELINE,
                tool=tool,
                auditor=auditors[n % len(auditors)],
                scheduled_on=BENCH_TODAY + timedelta(days=1 + n // len(auditors)),
                location=f"{letter.company.street_address}, {letter.company.city}",
                scheduled_by_id=staff_id,
                scheduled_at=now,
            )
            for n, letter in enumerate(waiting)
        ],
        batch_size=BATCH,
    )
    # As booking does, the auditor is assigned the company (AUD-3).
    AuditorAssignment.objects.bulk_create(
        [AuditorAssignment(company_id=audit.company_id, auditor=audit.auditor) for audit in booked],
        ignore_conflicts=True,
    )


@transaction.atomic
def load_maintenance(stdout) -> None:
    """Each certificate's anniversaries (kept rows, as issuing keeps them) and the maintenance packages due by
    them (MNT-1): nine in ten of the anniversaries passed have an accepted package, and four in ten of those in
    the next 90 days one in review; each package's internal audit by the company's first person."""
    rng = random.Random(2029)
    now = timezone.now()
    Anniversary.objects.bulk_create(
        [
            Anniversary(
                certificate_id=pk,
                company_id=company_id,
                number=number,
                on=on,
                owed_by=maintenance_owed_by_first(number=number, anniversary_on=on),
            )
            for pk, company_id, issued_on in Certificate.objects.values_list("pk", "company_id", "issued_on")
            for number, on in enumerate(anniversaries(issued_on), start=1)
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    due = Anniversary.objects.filter(number__lt=CERTIFICATE_YEARS, on__lte=BENCH_TODAY + timedelta(90))
    chosen = [
        (anniversary, Review.State.ACCEPTED if anniversary.on < BENCH_TODAY else Review.State.SUBMITTED)
        for anniversary in due.order_by("pk")
        if rng.random() < (0.9 if anniversary.on < BENCH_TODAY else 0.4)
    ]
    stdout.write(f"Maintenance packages ({len(chosen):,})…")
    first_person = dict(Employee.objects.order_by("company_id", "-pk").values_list("company_id", "pk"))
    owners = dict(Membership.objects.filter(is_owner=True).values_list("company_id", "user_id"))
    auditors = list(User.objects.filter(role=User.Role.AUDITOR, email__startswith="reviewer"))
    for start in range(0, len(chosen), BATCH):
        chunk = [(a, state) for a, state in chosen[start : start + BATCH] if a.company_id in first_person]
        sent = [anniversary.on - timedelta(days=rng.randint(10, 80)) for anniversary, _ in chunk]
        packages_make(
            [
                (
                    anniversary,
                    Sent(
                        anniversary.company_id,
                        state,
                        on,
                        rng.choice(auditors).pk if state == Review.State.SUBMITTED else None,
                    ),
                )
                for (anniversary, state), on in zip(chunk, sent, strict=True)
            ],
            internal_auditors=first_person,
            owners=owners,
            now=now,
        )


@transaction.atomic
def load_questions(stdout) -> None:
    """Questions to SCSA in proportion: one company in five has asked one or two in the last year, nine in
    ten of them answered within a week; the others wait in the staff queue (a few hundred)."""
    rng = random.Random(2031)
    owners = list(
        Membership.objects.filter(is_owner=True, company__status=Company.Status.REGISTERED)
        .order_by("company_id")
        .values_list("company_id", "user_id")
    )
    staff_id = User.objects.filter(role=User.Role.STAFF).values_list("pk", flat=True).first()
    steps = Question.Step.values
    questions = []
    for company_id, user_id in rng.sample(owners, len(owners) // 5):
        for _ in range(rng.randint(1, 2)):
            asked_on = _days_ago(rng, 0, 365)
            asked_at = timezone.make_aware(datetime.combine(asked_on, time(rng.randint(8, 17))))
            answered = rng.random() < 0.9 and asked_on < BENCH_TODAY - timedelta(days=7)
            questions.append(
                Question(
                    company_id=company_id,
                    asked_by_id=user_id,
                    asked_at=asked_at,
                    step=rng.choice(steps),
                    text="Which of our records show the system working?",
                    answer="Your inspections, meetings and hazard assessments, dated." if answered else "",
                    answered_by_id=staff_id if answered else None,
                    answered_at=asked_at + timedelta(days=rng.randint(1, 7)) if answered else None,
                )
            )
    stdout.write(f"Questions to SCSA ({len(questions):,})…")
    Question.objects.bulk_create(questions, batch_size=BATCH)
