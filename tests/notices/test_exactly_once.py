"""NTC-2 under real concurrency and faults, on the real PostgreSQL: sweeps racing, senders racing, the broker
down. Each test commits its data so that several connections (threads, processes) see it."""

import threading
from datetime import date

import pytest
from django.core import mail
from django.db import connection

from secor.notices.kinds import NOTICE_KINDS
from secor.notices.models import Notice, NoticeSweep
from secor.notices.services import notices_deliver_due, notices_sweep
from tests.clock import on
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    EmployeeFactory,
    MembershipFactory,
    StaffFactory,
    TrainingRecordFactory,
    course,
)
from tests.processes import run_script
from training.notices import SELF_AUDIT_DUE
from training.rules import CourseCode

pytestmark = pytest.mark.django_db(transaction=True)
COMPANIES = 12


@pytest.fixture
def due_everywhere():
    """COMPANIES companies, each with an owner and a person whose TRN-5 notice is due on 2026-08-16."""
    for number in range(COMPANIES):
        company = CompanyFactory()
        MembershipFactory(company=company)
        person = EmployeeFactory(company=company, email=f"trained{number}@roster.example")
        TrainingRecordFactory(
            employee=person, course=course(CourseCode.SAFETY_MANAGEMENT), completed_on=date(2025, 1, 6)
        )
        TrainingRecordFactory(employee=person, course=course(CourseCode.SAFETY_AUDITOR), completed_on=date(2026, 1, 15))
    return 2 * COMPANIES


def in_threads(count: int, work) -> list:
    """Run `work` in `count` threads released at the same moment, each with its own database connection."""
    start, results, errors = threading.Barrier(count), [], []

    def run():
        try:
            start.wait()
            results.append(work())
        except Exception as error:  # surfaced below: a thread's failure must fail the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_ntc_2_two_sweeps_racing_claim_and_send_each_notice_once(due_everywhere):
    with on(date(2026, 8, 16), 7, tick=False):
        reports = in_threads(2, notices_sweep)
    assert sum(report.sweep.claimed for report in reports) == due_everywhere
    assert sum(report.delivered.get("sent", 0) for report in reports) == due_everywhere
    assert len(mail.outbox) == due_everywhere
    assert len({(message.to[0], message.subject) for message in mail.outbox}) == due_everywhere
    assert Notice.objects.filter(state=Notice.State.SENT).count() == due_everywhere
    assert NoticeSweep.objects.count() == 2


def test_ntc_2_four_senders_racing_over_the_same_waiting_notices_send_each_once(due_everywhere):
    with on(date(2026, 8, 16), 7, tick=False):
        # Claimed by a sweep whose sending was cut short (a worker restarted): every notice is waiting.
        Notice.objects.bulk_create(Notice(**row) for row in _claimed_rows())
        outcomes = in_threads(4, notices_deliver_due)
    assert sum(outcome.get("sent", 0) for outcome in outcomes) == due_everywhere
    assert len(mail.outbox) == due_everywhere
    assert set(Notice.objects.values_list("attempts", flat=True)) == {1}


def _claimed_rows():
    return [
        {
            "kind": SELF_AUDIT_DUE,
            "recipient_email": draft.recipient.email,
            "subject_key": draft.subject_key,
            "about_date": draft.about_date,
            "due_on": draft.due_on,
            "company_id": draft.company_id,
        }
        for draft in NOTICE_KINDS[SELF_AUDIT_DUE].find_due(date(2026, 8, 16))
    ]


def test_ntc_2_with_the_broker_down_the_decision_is_kept_and_its_notice_waits_for_the_delivery_pass():
    application = ApplicationFactory(company__legal_name="Broker Down Ltd.")
    MembershipFactory(company=application.company, user=application.submitted_by)
    staff = StaffFactory()
    # Another process, whose broker does not answer, accepts the application.
    run_script(
        "from companies.models import Application\n"
        "from companies.services import application_accept\n"
        "from secor.core.models import User\n"
        f"application_accept(application=Application.objects.get(pk={application.pk}), "
        f"actor=User.objects.get(pk={staff.pk}))\n",
        CELERY_BROKER_URL="redis://127.0.0.1:1/0",  # nothing listens on port 1
        EMAIL_URL="memorymail://",
    )
    application.refresh_from_db()
    assert application.decision == "accepted"
    notice = Notice.objects.get()
    assert (notice.state, notice.attempts) == (Notice.State.PENDING, 0)
    assert notices_deliver_due() == {Notice.State.SENT: 1}
    assert "Broker Down Ltd. is now registered" in mail.outbox[0].body
    assert notices_deliver_due() == {}
