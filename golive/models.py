from django.conf import settings
from django.db import models
from django.utils import timezone


def import_file_path(instance, filename: str) -> str:
    # Under the private media root, never served: the file staff uploaded, kept with what became of it.
    return (
        f"private/imports/{timezone.localdate():%Y/%m}/{instance.kind}-{timezone.now():%H%M%S%f}.{instance.extension}"
    )


class ImportRun(models.Model):
    """One file staff import: checked first (a dry run, nothing saved), then, once staff confirm, imported whole or
    not at all. Its outcome is kept: the counts and every problem by line and column."""

    class State(models.TextChoices):
        CHECKING = "checking", "Being checked"
        CHECKED = "checked", "Checked: nothing saved yet"
        IMPORTING = "importing", "Being imported"
        IMPORTED = "imported", "Imported"
        REFUSED = "refused", "Not imported: the file has problems"

    RUNNING = (State.CHECKING, State.IMPORTING)

    kind = models.SlugField(max_length=40)
    filename = models.CharField(max_length=200, help_text="The name of the file as staff uploaded it.")
    extension = models.CharField(max_length=8)
    file = models.FileField(upload_to=import_file_path, max_length=200)
    rows = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=10, choices=State.choices, default=State.CHECKING)
    # What the check (and then the import) found: {"new": n, "changed": n, "unchanged": n} and the problems, each
    # {"line": n, "column": "…", "message": "…", "rule": "ELIG-6"}.
    counts = models.JSONField(default=dict)
    problems = models.JSONField(default=list)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} from {self.filename}"

    @property
    def running(self) -> bool:
        return self.state in self.RUNNING
