import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("training", "0006_remove_reviewed_fields"),
    ]

    operations = [
        migrations.AlterField(
            model_name="proficiencysubmission",
            name="review",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="reviews.review"
            ),
        ),
        migrations.AlterField(
            model_name="trainingrecord",
            name="review",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="reviews.review"
            ),
        ),
    ]
