"""MAN-1: the SECOR audit tool in effect when SECOR went live, with its 13 national standard elements and
SCSA's 3 supplemental sections (named by staff in the program settings)."""

import datetime

from django.db import migrations

from audits.tool.rules import NATIONAL_ELEMENTS, PLACEHOLDER_NAME, SUPPLEMENTAL_SECTIONS

# The SECOR requirements in effect since September 1, 2018 (the seed document).
FIRST_VERSION = ("SECOR audit tool (2018)", datetime.date(2018, 9, 1))


def seed(apps, schema_editor):
    version_model, section_model = apps.get_model("audits", "AuditToolVersion"), apps.get_model("audits", "AuditSection")
    name, effective_from = FIRST_VERSION
    version, created = version_model.objects.get_or_create(name=name, defaults={"effective_from": effective_from})
    if not created:
        return
    names = [*NATIONAL_ELEMENTS, *(PLACEHOLDER_NAME.format(n) for n in range(1, SUPPLEMENTAL_SECTIONS + 1))]
    section_model.objects.bulk_create(
        section_model(version=version, number=number, name=name, supplemental=number > len(NATIONAL_ELEMENTS))
        for number, name in enumerate(names, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [("audits", "0001_audit_tool")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
