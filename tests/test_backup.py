"""`make backup` and `make restore` (issue 12): a round trip of the real PostgreSQL database and the stored
files. What changed after the backup is undone; every table's rows and every file are back."""

import json

import pytest
from django.core.management import CommandError, call_command

from companies.models import Company
from secor.backups import media_files, row_counts
from secor.documents.models import Document
from tests.factories import DocumentFactory, EmployeeFactory, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)  # pg_restore replaces the tables: no open transaction


def test_a_backup_restores_the_records_and_the_files_as_they_were(tmp_path, capsys):
    company = MembershipFactory(company__legal_name="Kept Roofing Ltd.").company
    EmployeeFactory.create_batch(3, company=company)
    document = DocumentFactory(company=company)
    stored = document.file.read()
    rows, files = row_counts(), media_files()

    call_command("backup", "--into", str(tmp_path))
    (folder,) = tmp_path.iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["rows"] == rows and manifest["files"] == files and files

    # After the backup: a company gone with its people and file, another added, a file deleted by hand.
    document.file.delete(save=False)
    company.delete()
    MembershipFactory(company__legal_name="Added Later Inc.")
    assert row_counts() != rows

    with pytest.raises(CommandError, match="add --yes"):
        call_command("restore", str(folder))
    call_command("restore", str(folder), "--yes")
    assert "as backed up" in capsys.readouterr().out
    assert row_counts() == rows and media_files() == files
    assert list(Company.objects.values_list("legal_name", flat=True)) == ["Kept Roofing Ltd."]
    assert Company.objects.get().employees.count() == 3
    assert Document.objects.get().file.read() == stored
