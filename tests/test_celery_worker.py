"""Once through the real stack: a service dispatches on commit, Redis carries it, a Celery worker sends."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from companies import services
from secor.celery import app as celery_app
from tests.factories import ApplicationFactory, MembershipFactory, StaffFactory

WORKER_DEADLINE_SECONDS = 60


@pytest.fixture
def celery_worker_process(tmp_path, transactional_db):
    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL is not set (make test sets it to the local Redis)")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        # django-environ drops the first slash of the path, hence four.
        "EMAIL_URL": f"filemail:///{tmp_path}",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "secor", "worker", "--pool=solo", "--loglevel=warning"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    celery_app.conf.task_always_eager = False
    yield tmp_path
    worker.terminate()
    output, _ = worker.communicate(timeout=30)
    print(output.decode())  # shown by pytest only when the test fails


def test_accepting_an_application_emails_the_employer_through_a_real_worker(celery_worker_process):
    application = ApplicationFactory(company__legal_name="Worker Tested Ltd.")
    MembershipFactory(company=application.company, user=application.submitted_by)

    services.application_accept(application=application, actor=StaffFactory())

    outbox: Path = celery_worker_process
    deadline = time.monotonic() + WORKER_DEADLINE_SECONDS
    while not any(outbox.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.1)  # waiting on another process, not on time itself
    sent = [path.read_text() for path in outbox.iterdir()]
    assert len(sent) == 1, "the worker did not send the decision email"
    assert "Worker Tested Ltd. is now registered in the SECOR program" in sent[0]
    assert application.submitted_by.email in sent[0]
