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
