"""Running SECOR in another process against the test database: a Celery worker, or a script."""

import os
import subprocess
import sys

from django.conf import settings
from django.db import connection


def environment(**overrides: str) -> dict[str, str]:
    """This process's environment, pointed at the test database (which the test must have committed to)."""
    db = connection.settings_dict
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        **overrides,
    }


def run_script(code: str, **environment_overrides: str) -> subprocess.CompletedProcess:
    """Run Python `code` with Django set up, in a process of its own; fails the test on a non-zero exit. Its tasks
    run in-process unless it is given a broker: no worker takes them from the suite's queue."""
    script = f"import django\ndjango.setup()\n{code}"
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=environment(DJANGO_SETTINGS_MODULE="secor.settings", **{"CELERY_BROKER_URL": "", **environment_overrides}),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result


def start_worker(**environment_overrides: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "secor", "worker", "--pool=solo", "--loglevel=warning"],
        env=environment(**environment_overrides),
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
