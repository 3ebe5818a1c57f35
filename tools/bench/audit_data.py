"""Manuals, audits, certificates and invoices at province scale for `make bench`, in proportion to the companies
tools/bench/data.py loads and the letters tools/bench/milestone_data.py gives them."""

import random
from datetime import timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from audits.models import Audit, AuditScore, Certificate, Invoice, InvoiceCounter
from audits.tool.selectors import audit_tool_on, sections_of
from companies.models import AuditorAssignment
from milestones.models import MilestoneLetter
from secor.core.models import User
from tools.bench.data import BATCH, BENCH_TODAY


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
        Invoice(
            number=n + 1,
            company_id=audit.company_id,
            kind=Invoice.Kind.AUDIT,
            audit=audit,
            description="SECOR baseline audit",
            amount=Decimal("1500.00"),
            tax_rate_percent=Decimal("5.00"),
            tax=Decimal("75.00"),
            total=Decimal("1575.00"),
            issued_on=audit.completed_on,
            due_on=audit.completed_on + timedelta(days=30),
            state=Invoice.State.PAID if rng.random() < 0.8 else Invoice.State.ISSUED,
        )
        for n, audit in enumerate(audits)
    ]
    for invoice in invoices:
        if invoice.state == Invoice.State.PAID:
            invoice.paid_on, invoice.payment_method = invoice.issued_on + timedelta(days=20), "eft"
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
