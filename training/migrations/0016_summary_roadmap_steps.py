from django.db import migrations, models


def forget_summaries(apps, schema_editor):
    """The kept summaries lack the new steps: they are computed again on their next read."""
    apps.get_model("training", "TrainingSummary").objects.all().delete()
    apps.get_model("training", "TrainingDeadline").objects.all().delete()
    apps.get_model("training", "TrainingSummariesState").objects.update(all_current_on=None)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0015_deadlines_by_day"),
    ]

    operations = [
        migrations.AddField(
            model_name="trainingsummary",
            name="courses_held",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="trainingsummary",
            name="proficiencies_held",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(forget_summaries, migrations.RunPython.noop),
    ]
