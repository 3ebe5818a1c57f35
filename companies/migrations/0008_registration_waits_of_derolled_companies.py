"""ELIG-5 (DOMAIN section 8): every de-rolled company's wait moves onto its WCB account number."""

from django.db import migrations


def waits(apps, schema_editor):
    Company = apps.get_model("companies", "Company")
    RegistrationWait = apps.get_model("companies", "RegistrationWait")
    RegistrationWait.objects.bulk_create(
        RegistrationWait(wcb_account_number=company.wcb_account_number, company=company, derolled_on=company.derolled_on)
        for company in Company.objects.filter(derolled_on__isnull=False)
    )


class Migration(migrations.Migration):
    dependencies = [("companies", "0007_registration_waits")]

    operations = [migrations.RunPython(waits, migrations.RunPython.noop)]
