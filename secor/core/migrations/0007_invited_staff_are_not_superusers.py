"""Invited staff were made superusers; they become program administrators (secor.core.groups, kept after
every migrate). Superusers made with createsuperuser, who were invited by nobody, stay."""

from django.db import migrations


def demote_invited_staff(apps, schema_editor):
    User = apps.get_model("core", "User")
    User.objects.filter(role="staff", invited_by__isnull=False, is_superuser=True).update(is_superuser=False)


class Migration(migrations.Migration):
    dependencies = [("core", "0006_fee_schedule")]

    operations = [migrations.RunPython(demote_invited_staff, migrations.RunPython.noop)]
