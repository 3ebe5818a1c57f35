"""Trigram indexes for the company list's search (name, operating name, city: case-insensitive; WCB number).

Django's icontains on PostgreSQL is `UPPER(column::text) LIKE UPPER('%term%')`: the indexes are on that
expression, so a search over 20,000 companies reads the index instead of every row. pg_trgm is a trusted
extension: the database owner (the app's role) may create it. SQLite (`make run`) has no such index.
"""

from django.db import migrations

COLUMNS = {"legal_name": True, "operating_name": True, "city": True, "wcb_account_number": False}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column, case_insensitive in COLUMNS.items():
        expression = f"UPPER(({column})::text)" if case_insensitive else column
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS company_search_{column} ON companies_company "
            f"USING gin (({expression}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS company_search_{column}")


class Migration(migrations.Migration):
    dependencies = [("companies", "0009_kept_headcount_and_list_indexes")]

    operations = [migrations.RunPython(create, drop)]
