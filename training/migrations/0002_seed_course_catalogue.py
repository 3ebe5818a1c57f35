"""Seed the SECOR course catalogue (staff edit it in the admin afterwards)."""

from django.db import migrations

CHART = [
    # code, name, chart order, description
    ("safety-management", "Safety Management", 1,
     "One-day classroom course; must be taken before Safety Auditor Training. No recertification required."),
    ("safety-auditor-training", "Safety Auditor Training", 2,
     "Two-day course. The self-audit must be submitted and accepted within 8 months."),
    ("internal-safety-auditor-certificate", "Internal Safety Auditor Certificate", 3,
     "Obtained when SCSA accepts the self-audit; internal auditor status lasts 3 years."),
    ("leadership-for-safety-excellence", "Leadership for Safety Excellence (LSE)", 4,
     "Two-day course; one-time certification once the proficiency is accepted within 8 months."),
    ("lse-proficiency", "LSE Proficiency", 5, "Obtained when SCSA accepts the LSE proficiency."),
    ("scot", "Safety Construction Orientation Training (SCOT)", 6,
     "13 online modules, 100% mastery. Required of every permanent full-time employee."),
]
OTHERS = [
    # code, name, counts as, description
    ("small-employer-safety-management", "Small Employer Safety Management", "safety-management",
     "The earlier course, accepted in place of Safety Management."),
    ("auditor-recertification-training", "Safety Auditor Re-certification Training", None,
     "Classroom training that, with a personal maintenance audit, keeps internal auditor status."),
    ("esc-common-safety-orientation", "Energy Safety Canada Common Safety Orientation", "scot",
     "SCOT equivalent SCSA may accept (formerly Enform)."),
    ("esc-petroleum-safety-training", "Energy Safety Canada Petroleum Safety Training", "scot",
     "SCOT equivalent SCSA may accept (formerly Enform)."),
]


def seed(apps, schema_editor):
    Course = apps.get_model("training", "Course")
    for code, name, order, description in CHART:
        Course.objects.update_or_create(code=code, defaults={"name": name, "chart_order": order, "description": description})
    for code, name, counts_as, description in OTHERS:
        Course.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "counts_as": Course.objects.get(code=counts_as) if counts_as else None,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
