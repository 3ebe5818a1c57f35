from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def keep_latest_submitted_at(apps, schema_editor):
    """Every review's latest version's submission time, copied onto the review (one UPDATE)."""
    Review = apps.get_model("reviews", "Review")
    ReviewVersion = apps.get_model("reviews", "ReviewVersion")
    sent = ReviewVersion.objects.filter(pk=OuterRef("latest_version_id")).values("submitted_at")
    Review.objects.filter(latest_version__isnull=False).update(latest_submitted_at=Subquery(sent))


class Migration(migrations.Migration):
    dependencies = [("reviews", "0002_review_block")]

    operations = [
        migrations.AddField(
            model_name="review",
            name="latest_submitted_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(keep_latest_submitted_at, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="review",
            index=models.Index(
                condition=models.Q(("state", "submitted")),
                fields=["kind", "latest_submitted_at"],
                name="review_waiting_since",
            ),
        ),
        migrations.AddIndex(
            model_name="review",
            index=models.Index(fields=["decided_at"], include=("latest_submitted_at",), name="review_decided_at"),
        ),
    ]
