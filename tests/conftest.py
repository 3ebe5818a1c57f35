import importlib
import os

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db.models.signals import post_migrate

from secor.celery import app as celery_app
from tests import cast
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
def _tasks_run_in_process():
    """Services dispatch tasks on commit; here they run in-process (one test uses a real worker)."""
    celery_app.conf.task_always_eager = True


@pytest.fixture(autouse=True)
def _empty_cache():
    """The cache keeps figures and settings until the next write (secor.freshness, secor.request_memo): each
    test starts with its own records, so with nothing remembered."""
    cache.clear()


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path_factory):
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The real hasher is deliberately slow; tests hash hundreds of passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
