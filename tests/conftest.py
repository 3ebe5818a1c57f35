import importlib
import os
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_migrate
from django.test import override_settings

from secor.celery import app as celery_app
from tests import cast
from tests.demo import load_demo
from tests.factories import authenticator_app_give

# The data migrations whose rows the program reads: the course catalogue and the SECOR audit tool.
SEEDING_MIGRATIONS = ("training.migrations.0002_seed_course_catalogue", "audits.migrations.0002_seed_audit_tool")


def _reseed(**kwargs):
    # A transactional test ends by flushing every table, data migrations' rows included; the flush then
    # sends post_migrate, so the seeded rows are put back for the tests that follow.
    for migration in SEEDING_MIGRATIONS:
        importlib.import_module(migration).seed(apps, None)


post_migrate.connect(_reseed, sender=apps.get_app_config("training"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database is kept between runs (--reuse-db), and a transactional test empties it only when it ends:
    a run stopped halfway (killed, its interpreter gone) leaves that test's rows behind, which the next run's
    tests would find. So each run starts from an empty database, the seeded rows put back (`_reseed`)."""
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def pytest_configure(config):
    _commits_without_waiting_for_the_disk()
    _emptied_by_deleting()
    _a_cache_of_its_own_for_each_worker()
    _tasks_run_in_process()


def _commits_without_waiting_for_the_disk():
    """The suite's databases outlive no run, so a commit need not wait for the disk: the tests that commit (the
    browser's, the races', the migrations', and the flush after each of them) spent much of their time waiting."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        database["OPTIONS"]["options"] += " -c synchronous_commit=off"


def _emptied_by_deleting():
    """A transactional test (the browser's, the races', the migrations') ends by emptying every table. Django
    truncates them, which on PostgreSQL makes new files for each of ~80 tables and their indexes: 1-3 s a test,
    against a few milliseconds deleting the few rows a test leaves. The foreign keys are deferred to the commit
    (Django makes them so), so the tables are emptied in any order. Sequences are restarted by truncating, as
    before, for the test that asks for it."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]

    DatabaseOperations.sql_flush = sql_flush


def _tasks_run_in_process():
    """Services dispatch tasks on commit; here they run in-process, from the first write on (the session's flush
    and reseeding included), so nothing waits in the suite's queue for a worker. The real-worker tests switch
    this off for their own duration only."""
    celery_app.conf.task_always_eager = True


def _a_cache_of_its_own_for_each_worker():
    """With the suite spread over processes (pytest-xdist), each worker has a test database of its own
    (pytest-django's suffix) and needs a Redis database of its own too: every test flushes the cache
    (`_empty_cache`), which would wipe the other worker's in the middle of its test. Worker N takes the
    database N after the one given; the processes a test starts (a Celery worker, a script) inherit it."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    location = settings.CACHES["default"].get("LOCATION", "")
    if not worker or not location.startswith("redis://"):
        return
    server, _, database = location.rpartition("/")
    own = f"{server}/{int(database) + int(worker.removeprefix('gw'))}"
    settings.CACHES["default"]["LOCATION"] = os.environ["CACHE_URL"] = own


@pytest.fixture(autouse=True)
def _empty_cache():
    """The cache keeps figures and settings until the next write (secor.freshness, secor.request_memo): each
    test starts with its own records, so with nothing remembered."""
    cache.clear()


def _uploads_folder(tmp_path_factory):
    return tmp_path_factory.getbasetemp() / "media"


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path_factory):
    settings.MEDIA_ROOT = _uploads_folder(tmp_path_factory)


# The real hasher is deliberately slow; tests hash hundreds of passwords.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@contextmanager
def _as_each_test_runs(tmp_path_factory):
    """The settings each test runs with (below), for data built once for a module, outside any one test."""
    with override_settings(MEDIA_ROOT=_uploads_folder(tmp_path_factory), PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        yield


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for a module inside a transaction rolled back when the module ends: each test runs in
    a savepoint within it (pytest-django's `db`), so what one test writes is undone before the next. Loading it
    takes seconds; the module's tests only read it, or write and are undone."""
    with django_db_blocker.unblock(), _as_each_test_runs(tmp_path_factory), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo_committed_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, committed once for a module whose tests drive a live server (which reads it on its own
    connection), and emptied when the module ends (the seeded rows put back). For tests that only read it."""
    with django_db_blocker.unblock(), _as_each_test_runs(tmp_path_factory):
        try:
            yield load_demo()
        finally:
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def admin_user(db, django_user_model):
    """pytest-django's superuser (its admin_client's), with the second factor every SCSA person has."""
    user = django_user_model.objects.create_superuser(email="admin@example.com", password="password")
    authenticator_app_give(user)
    return user


@pytest.fixture
def staff_user(db):
    return cast.staff_user()


@pytest.fixture
def company(db):
    return cast.company()


@pytest.fixture
def employer(company):
    return cast.employer(company)


@pytest.fixture
def other_company(db):
    return cast.other_company()


@pytest.fixture
def other_employer(other_company):
    return cast.other_employer(other_company)


@pytest.fixture
def auditor(company):
    return cast.auditor(company)


@pytest.fixture
def unassigned_auditor(db):
    return cast.unassigned_auditor()


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
