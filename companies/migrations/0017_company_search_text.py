"""The company list's search column (companies.rules.company_search_text): added, indexed by trigrams on PostgreSQL
so that `search_text LIKE '%term%'` reads the index (as 0010's indexes do), and written for every company."""

from django.db import migrations, models

from companies.rules import SEARCHED_FIELDS, company_search_text

BATCH = 2000


def fill(apps, schema_editor):
    Company = apps.get_model("companies", "Company")
    companies = Company.objects.only(*SEARCHED_FIELDS).order_by("pk")
    batch = []
    for company in companies.iterator(chunk_size=BATCH):
        company.search_text = company_search_text(*(getattr(company, field) for field in SEARCHED_FIELDS))
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
        # The index first, then the rows: an index built after the rows were rewritten in the same transaction
        # is unusable until every older transaction on the server has ended (PostgreSQL's indcheckxmin).
        migrations.RunPython(index, drop_index),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
