"""Every invoice has its due date (0016 filled them): required from now on. A migration of its own, as PostgreSQL
does not alter a table in the transaction that updated its rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audits", "0016_invoice_due_dates_and_payment_corrections")]

    operations = [
        migrations.AlterField(model_name="historicalinvoice", name="due_on", field=models.DateField()),
        migrations.AlterField(model_name="invoice", name="due_on", field=models.DateField()),
    ]
