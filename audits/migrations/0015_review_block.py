"""The review block, finished: who a review is given to is kept on the review itself, and the files of every
version (the manual's and the maintenance packages') are one model of the review block. The reviewers and
assignment days of the manuals and packages, and every file with the sections it covers, are carried over
before the old columns and tables go."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

# The review kinds of the manual and the maintenance packages, as they were declared when this was written.
MANUAL, MAINTENANCE = "manual", "maintenance"


def _models(apps):
    get = apps.get_model
    return (
        get("reviews", "Review"),
        get("reviews", "VersionFile"),
        get("audits", "ManualSubmission"),
        get("audits", "MaintenancePackage"),
        get("audits", "ManualFile"),
        get("audits", "MaintenanceFile"),
        get("audits", "AuditSection").files.through,
    )


def carry_over(apps, schema_editor):
    Review, VersionFile, ManualSubmission, MaintenancePackage, ManualFile, MaintenanceFile, Covers = _models(apps)
    for items in (ManualSubmission.objects, MaintenancePackage.objects):
        given = items.filter(review=OuterRef("pk"), reviewer__isnull=False)
        Review.objects.filter(pk__in=given.values("review_id")).update(
            reviewer_id=Subquery(given.values("reviewer_id")[:1]), assigned_at=Subquery(given.values("assigned_at")[:1])
        )
    manual_files = list(
        ManualFile.objects.order_by("pk").values_list("pk", "version_id", "document_id", "carried_over")
    )
    created = VersionFile.objects.bulk_create(
        [VersionFile(version_id=v, document_id=d, carried_over=c) for _, v, d, c in manual_files], batch_size=5000
    )
    new_pk = {old: file.pk for (old, *_), file in zip(manual_files, created, strict=True)}
    Covers.objects.bulk_create(
        [
            Covers(auditsection_id=section, versionfile_id=new_pk[file])
            for file, section in ManualFile.sections.through.objects.values_list("manualfile_id", "auditsection_id")
        ],
        batch_size=5000,
    )
    VersionFile.objects.bulk_create(
        [
            VersionFile(version_id=v, document_id=d, part=part, position=position, carried_over=c)
            for v, d, part, position, c in MaintenanceFile.objects.order_by("pk").values_list(
                "version_id", "document_id", "part", "position", "carried_over"
            )
        ],
        batch_size=5000,
    )


def carry_back(apps, schema_editor):
    Review, VersionFile, ManualSubmission, MaintenancePackage, ManualFile, MaintenanceFile, Covers = _models(apps)
    for items, kind in ((ManualSubmission.objects, MANUAL), (MaintenancePackage.objects, MAINTENANCE)):
        given = Review.objects.filter(pk=OuterRef("review_id"), kind=kind)
        items.update(
            reviewer_id=Subquery(given.values("reviewer_id")), assigned_at=Subquery(given.values("assigned_at"))
        )
    files = VersionFile.objects.order_by("pk")
    manual = list(
        files.filter(version__review__kind=MANUAL).values_list("pk", "version_id", "document_id", "carried_over")
    )
    created = ManualFile.objects.bulk_create(
        [ManualFile(version_id=v, document_id=d, carried_over=c) for _, v, d, c in manual], batch_size=5000
    )
    old_pk = {new: file.pk for (new, *_), file in zip(manual, created, strict=True)}
    ManualFile.sections.through.objects.bulk_create(
        [
            ManualFile.sections.through(manualfile_id=old_pk[file], auditsection_id=section)
            for section, file in Covers.objects.filter(versionfile_id__in=old_pk).values_list(
                "auditsection_id", "versionfile_id"
            )
        ],
        batch_size=5000,
    )
    MaintenanceFile.objects.bulk_create(
        [
            MaintenanceFile(version_id=v, document_id=d, part=part, position=position, carried_over=c)
            for v, d, part, position, c in files.filter(version__review__kind=MAINTENANCE).values_list(
                "version_id", "document_id", "part", "position", "carried_over"
            )
        ],
        batch_size=5000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0014_system_evidence_and_program_documents"),
        ("reviews", "0002_review_block"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditsection",
            name="files",
            field=models.ManyToManyField(blank=True, related_name="sections", to="reviews.versionfile"),
        ),
        migrations.RunPython(carry_over, carry_back),
        migrations.RemoveIndex(
            model_name="maintenancepackage",
            name="maintenance_by_reviewer",
        ),
        migrations.RemoveIndex(
            model_name="manualsubmission",
            name="manual_by_reviewer",
        ),
        migrations.RemoveField(
            model_name="historicalmaintenancepackage",
            name="assigned_at",
        ),
        migrations.RemoveField(
            model_name="historicalmaintenancepackage",
            name="reviewer",
        ),
        migrations.RemoveField(
            model_name="historicalmanualsubmission",
            name="assigned_at",
        ),
        migrations.RemoveField(
            model_name="historicalmanualsubmission",
            name="reviewer",
        ),
        migrations.RemoveField(
            model_name="maintenancepackage",
            name="assigned_at",
        ),
        migrations.RemoveField(
            model_name="maintenancepackage",
            name="reviewer",
        ),
        migrations.RemoveField(
            model_name="manualsubmission",
            name="assigned_at",
        ),
        migrations.RemoveField(
            model_name="manualsubmission",
            name="reviewer",
        ),
        migrations.DeleteModel(
            name="MaintenanceFile",
        ),
        migrations.DeleteModel(
            name="ManualFile",
        ),
    ]
