"""The world's objects of the go-live imports: a companies file checked without problems, waiting to be imported."""

from django.core.files.base import ContentFile

from golive.models import ImportRun
from secor.core.models import User


def program(staff: User) -> dict:
    run = ImportRun(kind="companies", filename="companies.csv", extension="csv", uploaded_by=staff, rows=0)
    run.state, run.counts = ImportRun.State.CHECKED, {"new": 0, "changed": 0, "unchanged": 0}
    run.file.save("companies.csv", ContentFile(b"WCB account number\n"), save=False)
    run.save()
    return {"import_run": run, "import_kind": "companies"}


def payload(world) -> dict:
    return {}  # confirming an import takes no field


# Whose rows a request could change.
MODELS = (ImportRun,)
