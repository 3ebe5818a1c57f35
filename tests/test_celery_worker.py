"""Once through the real stack: services hand work to Redis, a Celery worker does it, beat's schedule too."""

import time
from datetime import timedelta
from pathlib import Path

import pytest
from celery.beat import Scheduler
from django.conf import settings
from django.utils import timezone

from companies import services
from secor.celery import app as celery_app
from secor.notices.models import Notice, NoticeSweep
from tests.factories import (
    ApplicationFactory,
    EmployeeFactory,
    MembershipFactory,
    StaffFactory,
    TrainingRecordFactory,
    course,
)
from tests.processes import start_worker
from training import rules
from training.rules import CourseCode

# A deadline, not a wait: the worker finishes in seconds, even beside the rest of the suite on two cores.
WORKER_DEADLINE_SECONDS = 60
# One process runs these tests, one after the other: their workers share the suite's broker, and a worker started
# by another process would take this test's task and run it on that process's database.
pytestmark = pytest.mark.xdist_group("celery-worker")


@pytest.fixture
def worker_outbox(tmp_path, transactional_db):
    """A real worker on the test database and Redis; the mail it sends lands in the returned folder."""
    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL is not set (make test sets it to the local Redis)")
    # What a stopped run (or the flush ending an earlier test here) left in the queue is no task of this test's: a
    # solo worker would work through that backlog first, on this test's database.
    celery_app.control.purge()
    # django-environ drops the first slash of the path, hence four.
    worker = start_worker(EMAIL_URL=f"filemail:///{tmp_path}")
    celery_app.conf.task_always_eager = False
    yield tmp_path
    # In-process again before the flush that ends the test: its tasks would wait in the queue for no worker.
    celery_app.conf.task_always_eager = True
    worker.terminate()
    output, _ = worker.communicate(timeout=30)
    print(output.decode())  # shown by pytest only when the test fails


def wait_for(condition) -> None:
    deadline = time.monotonic() + WORKER_DEADLINE_SECONDS
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)  # waiting on another process, not on time itself
    assert condition(), "the worker did not finish in time"


def mail_in(outbox: Path) -> str:
    return "\n".join(path.read_text() for path in sorted(outbox.iterdir()))


def test_accepting_an_application_emails_the_employer_through_a_real_worker(worker_outbox):
    application = ApplicationFactory(company__legal_name="Worker Tested Ltd.")
    MembershipFactory(company=application.company, user=application.submitted_by)

    services.application_accept(application=application, actor=StaffFactory())

    # The ledger says when the worker is done; only then is the file whole.
    wait_for(lambda: Notice.objects.filter(state=Notice.State.SENT).exists())
    sent = mail_in(worker_outbox)
    assert "Worker Tested Ltd. is now registered in the SECOR program" in sent
    assert application.submitted_by.email in sent


def test_ntc_1_beats_daily_sweep_runs_on_a_real_worker_and_a_second_run_sends_nothing(worker_outbox, company):
    owner = MembershipFactory(company=company).user
    person = EmployeeFactory(company=company, email="jane@roofing.example")
    today = timezone.localdate()
    # A Safety Auditor Training whose 8-month deadline is 30 days from today: its notice is due today.
    trained_on = rules.latest_date_within(today + timedelta(days=30), months=rules.PROFICIENCY_WINDOW_MONTHS)
    TrainingRecordFactory(employee=person, course=course(CourseCode.SAFETY_MANAGEMENT), completed_on=trained_on)
    TrainingRecordFactory(employee=person, course=course(CourseCode.SAFETY_AUDITOR), completed_on=trained_on)
    entry = settings.CELERY_BEAT_SCHEDULE["notice-sweep"]
    assert entry["options"]["expires"] > 0

    scheduler = Scheduler(app=celery_app, lazy=True)

    def beat_sends_the_sweep() -> None:
        """What beat does when the entry is due: apply it, with its options, through the broker."""
        scheduler.apply_async(scheduler.Entry(name="notice-sweep", app=celery_app, **entry), advance=False)

    beat_sends_the_sweep()
    wait_for(lambda: NoticeSweep.objects.filter(finished_at__isnull=False).count() == 1)
    assert Notice.objects.filter(state=Notice.State.SENT).count() == 2
    assert sorted(Notice.objects.values_list("recipient_email", flat=True)) == sorted([owner.email, person.email])
    beat_sends_the_sweep()
    wait_for(lambda: NoticeSweep.objects.filter(finished_at__isnull=False).count() == 2)
    assert NoticeSweep.objects.order_by("started_at").last().claimed == 0
    assert Notice.objects.count() == 2
    assert mail_in(worker_outbox).count("The self-audit must be submitted") == 2
