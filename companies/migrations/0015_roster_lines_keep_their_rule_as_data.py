"""The timeline's roster lines said "(ELIG-3)" in their words, which a page rewrite took out for employers. The
rule's id is now the line's data (secor.rule_ids), shown to staff and program auditors only: the lines kept so
far are given the same shape."""

from django.db import migrations

OLD_ENDING = " (ELIG-3)."


def rule_as_data(apps, schema_editor):
    Event = apps.get_model("timeline", "Event")
    for event in Event.objects.filter(kind="roster", detail__contains=OLD_ENDING).iterator():
        event.detail = event.detail.replace(OLD_ENDING, ".")
        event.data = {**event.data, "rule": "ELIG-3"}
        event.save(update_fields=["detail", "data"])


class Migration(migrations.Migration):

    dependencies = [
        ("companies", "0014_company_lifted_deroll_on"),
        ("timeline", "0002_events_from_company_timeline"),
    ]

    operations = [migrations.RunPython(rule_as_data, migrations.RunPython.noop)]
