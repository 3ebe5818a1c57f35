"""The anniversary rows of the certificates issued before anniversaries were kept (CERT-1)."""

from django.db import migrations

from audits.maintenance import rules


def add_anniversaries(apps, schema_editor):
    Certificate = apps.get_model("audits", "Certificate")
    Anniversary = apps.get_model("audits", "Anniversary")
    rows = [
        Anniversary(certificate_id=pk, company_id=company_id, number=number, on=on)
        for pk, company_id, issued_on in Certificate.objects.values_list("pk", "company_id", "issued_on").iterator()
        for number, on in enumerate(rules.anniversaries(issued_on), start=1)
    ]
    Anniversary.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("audits", "0008_maintenance_and_recertification")]

    operations = [migrations.RunPython(add_anniversaries, migrations.RunPython.noop)]
