"""The company list's search column (companies.rules.company_search_text): added, written for every company, and
indexed by trigrams on PostgreSQL so that `search_text LIKE '%term%'` reads the index (as 0010's indexes do)."""

from django.db import migrations, models

from companies.rules import company_search_text

BATCH = 2000


def fill(apps, schema_editor):
    Company = apps.get_model("companies", "Company")
    companies = Company.objects.only("legal_name", "operating_name", "city").order_by("pk")
    batch = []
    for company in companies.iterator(chunk_size=BATCH):
        company.search_text = company_search_text(
            legal_name=company.legal_name, operating_name=company.operating_name, city=company.city
        )
        batch.append(company)
        if len(batch) == BATCH:
            Company.objects.bulk_update(batch, ["search_text"])
            batch = []
    Company.objects.bulk_update(batch, ["search_text"])


def index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS company_search_text ON companies_company USING gin (search_text gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS company_search_text")


class Migration(migrations.Migration):
    dependencies = [("companies", "0016_company_left_program_index")]

    operations = [
        migrations.AddField(
            model_name="company",
            name="search_text",
            field=models.CharField(default="", editable=False, max_length=520),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(index, drop_index),
    ]
