"""What the import tests share: staff who upload a file, and confirm it when its check found nothing, and who download
SECOR's data of a kind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from golive.models import ImportRun


@pytest.fixture
def staff(login, staff_user, django_capture_on_commit_callbacks):
    client = login(staff_user)

    def imported(kind: str, text: str | bytes, extension: str = "csv") -> ImportRun:
        """Upload, check, and import when the check found nothing: the run as it ends."""
        file = SimpleUploadedFile(f"{kind}.{extension}", text if isinstance(text, bytes) else text.encode())
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("golive:imports"), {"kind": kind, "file": file})
        run = ImportRun.objects.latest("pk")
        if run.state == "checked" and not run.problems:
            with django_capture_on_commit_callbacks(execute=True):
                client.post(reverse("golive:confirm", args=[run.pk]))
            run.refresh_from_db()
        return run

    def exported(kind: str, format: str = "csv") -> bytes:
        """SECOR's data of a kind, in its file's columns, as staff download it."""
        response = client.get(reverse("golive:export", args=[kind]), {"export": format})
        assert response.status_code == 200
        return b"".join(response.streaming_content)

    client.imported, client.exported = imported, exported
    return client
