"""The embedded default (`make run`'s SQLite) takes concurrent writes without "database is locked"."""

from tests.processes import run_script

CONCURRENT_SAVES = """
import threading
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from secor.core.models import ProgramSettings
from companies.models import Company

# The tables straight from the models: the saves are what is tested, and replaying every migration on SQLite took
# half a minute.
settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
call_command("migrate", run_syncdb=True, verbosity=0)
errors = []

def save(worker):
    try:
        for n in range(15):
            with transaction.atomic():
                ProgramSettings.current()  # read first, then write: the upgrade that used to fail
                Company.objects.create(
                    legal_name=f"Worker {worker} company {n}", wcb_account_number=f"{worker:02d}{n:05d}",
                    street_address="1 Main St", city="Regina", postal_code="S4P 3Y2", phone="306-555-0100",
                    email="a@b.example", trade="Roofing",
                )
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=save, args=(worker,)) for worker in range(6)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(Company.objects.count(), errors)
"""


def test_two_saves_at_the_same_moment_on_the_embedded_database_both_succeed(tmp_path):
    result = run_script(CONCURRENT_SAVES, DATABASE_URL=f"sqlite:///{tmp_path}/secor.sqlite3", DEBUG="true")
    assert result.stdout.strip() == "90 []"


IMPORTS = """
import importlib, io
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from golive.kinds import IMPORT_KINDS
from golive.services import import_file
from secor.core.models import User
from training.models import TrainingRecord

settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
call_command("migrate", run_syncdb=True, verbosity=0)
importlib.import_module("training.migrations.0002_seed_course_catalogue").seed(apps, None)
staff = User.objects.create(email="staff@scsa.example", role=User.Role.STAFF)
FILES = {
    "companies": "WCB account number,Legal name,Street address,City,Postal code,Phone,Email,Trade,Status,"
    "Registration date\\n1234567,Prairie Roofing Ltd.,1 Main St,Regina,S4P 3Y2,306-555-0101,a@p.example,Roofing,"
    "Registered,2025-03-01\\n",
    "users": "WCB account number,Email,Owner\\n1234567,ann@p.example,yes\\n",
    "roster": "WCB account number,First name,Last name,Email,Type,Permanent,Works in Saskatchewan,Field or office,"
    "Start date\\n1234567,Ann,Lee,ann@p.example,Full-time,yes,yes,field,2024-01-08\\n",
    "training": "WCB account number,First name,Last name,Course,Completed on,Certificate number\\n"
    "1234567,Ann,Lee,Safety Management,2025-01-06,SM-1\\n",
}
for kind, text in FILES.items():
    for dry_run in (True, False):
        resource = IMPORT_KINDS[kind].resource(actor=staff, filename=f"{kind}.csv")
        counts, problems = import_file(resource, io.BytesIO(text.encode()), "csv", dry_run=dry_run)
        assert not problems and counts["new"] == 1, (kind, counts, problems)
print(TrainingRecord.objects.get().review.state)
"""


def test_the_go_live_imports_run_on_the_embedded_database(tmp_path):
    """Staff trying the imports on `make run`'s demo: the batch writes are SQL both databases read."""
    result = run_script(IMPORTS, DATABASE_URL=f"sqlite:///{tmp_path}/secor.sqlite3", DEBUG="true")
    assert result.stdout.strip() == "accepted"
