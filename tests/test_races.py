"""Races (issue 25), on PostgreSQL with two threads each with its own connection: two payments recorded on one
invoice at once, the score sheet completed twice at once, a maintenance package accepted and returned at once
by two reviewers. One wins; the other is told what happened instead; nothing is done twice."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from audits.audit import services as audit_services
from audits.invoices import services as invoice_services
from audits.maintenance import services as maintenance_services
from audits.models import Audit, Certificate, Invoice
from secor.documents.models import Document
from secor.notices.models import Notice
from secor.reviews.models import Review
from tests.audits.cycle import certified, send_package
from tests.audits.test_audits import book, entries, request
from tests.clock import on
from tests.factories import ManualSubmissionFactory, completed_audit

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*calls) -> list:
    """Each call in a thread of its own, released together: what each returned, or the error it raised."""
    barrier, outcomes = threading.Barrier(len(calls)), [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # the loser's refusal, or a failure the test then shows
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def one_wins(outcomes: list, told: str) -> None:
    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(refused) == 1, outcomes
    assert isinstance(refused[0], ValidationError) and told in " ".join(refused[0].messages), refused[0]


def test_aud_6_two_payments_recorded_on_one_invoice_at_once_one_is_kept(company, staff_user):
    with on(date(2026, 8, 11)):
        invoice = invoice_services.invoice_for_audit(
            audit=completed_audit(company, staff_user, date(2026, 8, 11)), actor=staff_user
        )
    documents = Document.objects.count()
    with on(date(2026, 8, 20)):
        outcomes = at_once(
            *(
                lambda reference=reference: invoice_services.invoice_pay(
                    invoice=invoice, actor=staff_user, paid_on=date(2026, 8, 19), method="eft", reference=reference
                )
                for reference in ("T-1", "T-2")
            )
        )
    one_wins(outcomes, "This invoice is paid: only an issued one is paid.")
    invoice.refresh_from_db()
    (won,) = [outcome for outcome in outcomes if isinstance(outcome, Invoice)]
    assert (invoice.state, invoice.payment_reference) == ("paid", won.payment_reference)
    assert Document.objects.count() == documents + 1  # one paid PDF
    assert company.events.filter(summary__startswith=f"Invoice {invoice.reference} paid").count() == 1


def test_aud_5_the_score_sheet_completed_twice_at_once_completes_once(company, employer, staff_user, auditor):
    ManualSubmissionFactory(company=company, status="accepted", submitted_on=date(2026, 3, 2))
    with on(date(2026, 6, 1)):
        request(company, employer)
    audit = book(company, staff_user, auditor)
    audit_services.audit_record_scores(audit=audit, actor=auditor, entries=entries(audit))
    with on(date(2026, 8, 4)):
        outcomes = at_once(
            lambda: audit_services.audit_complete(audit=audit, actor=auditor),
            lambda: audit_services.audit_complete(audit=audit, actor=staff_user),
        )
    one_wins(outcomes, "This audit is already completed.")
    audit.refresh_from_db()
    assert audit.state == Audit.State.COMPLETED
    assert Document.objects.filter(company=company, kind="audit-report").count() == 1
    assert Invoice.objects.filter(company=company, kind=Invoice.Kind.AUDIT).count() == 1
    assert Certificate.objects.filter(company=company).count() == 1
    assert Notice.objects.filter(kind="audit-completed", recipient_email=employer.email).count() == 1


def test_mnt_1_a_package_accepted_and_returned_at_once_is_decided_once(
    company, staff_user, employer, unassigned_auditor
):
    _, jane = certified(company, staff_user)
    package = send_package(company, employer, jane, day=date(2027, 6, 1))
    with on(date(2027, 6, 2)):
        maintenance_services.maintenance_assign(package=package, reviewer=unassigned_auditor, actor=staff_user)
        outcomes = at_once(
            lambda: maintenance_services.maintenance_decide(package=package, actor=unassigned_auditor, accept=True),
            lambda: maintenance_services.maintenance_decide(
                package=package, actor=staff_user, accept=False, comments="Safe Job Procedure 2 is unsigned."
            ),
        )
    one_wins(outcomes, "This is not waiting for review")
    package.refresh_from_db()
    review = package.review
    assert review.state in (Review.State.ACCEPTED, Review.State.RETURNED) and review.versions.count() == 1
    assert review.latest_version.outcome == review.state
    assert company.events.filter(summary__contains="(version 1) ").count() == 1
    assert Notice.objects.filter(kind="maintenance-reviewed", recipient_email=employer.email).count() == 1
