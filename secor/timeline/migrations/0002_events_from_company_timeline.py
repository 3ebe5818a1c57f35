"""Move the lines of the old company timeline (companies.CompanyEvent) here, each with the kind it is about."""

from django.db import migrations

# The old lines had no kind; their summaries were written by the services, so the wording tells the kind.
KIND_BY_WORDING = [
    ("application", ("application", "Registered in SECOR")),
    ("status", ("Status changed",)),
    ("details", ("Company details changed",)),
    ("roster", ("to the roster", "Roster entry")),
    ("people", ("invited", "Program auditor")),
]


def kind_of(summary: str) -> str:
    for kind, words in KIND_BY_WORDING:
        if any(word.lower() in summary.lower() for word in words):
            return kind
    return "training"


def copy_events(apps, schema_editor):
    CompanyEvent = apps.get_model("companies", "CompanyEvent")
    Event = apps.get_model("timeline", "Event")
    Event.objects.bulk_create(
        Event(
            company_id=old.company_id,
            actor_id=old.actor_id,
            at=old.at,
            kind=kind_of(old.summary),
            summary=old.summary,
            detail=old.detail,
        )
        for old in CompanyEvent.objects.order_by("pk").iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0001_initial"),
        ("companies", "0004_application_closed_decision"),
    ]

    operations = [migrations.RunPython(copy_events, migrations.RunPython.noop)]
