"""The migration that finishes the review block carries every reviewer, assignment day, file and section over:
from the manuals' and packages' own columns and file tables to the review block's, and back."""

from datetime import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audits.maintenance.selectors import package_slots
from audits.models import MaintenancePackage, ManualSubmission
from secor.reviews.models import Review, VersionFile
from tests.audits.cycle import certified
from tests.clock import REGINA
from tests.factories import AuditorFactory, DocumentFactory, MaintenancePackageFactory, ManualSubmissionFactory

# Migrating a schema needs its own transactions: the test's rows are flushed after it (the seeds put back).
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("audits", "0014_system_evidence_and_program_documents"), ("reviews", "0001_initial")]
GIVEN = datetime(2027, 1, 4, 9, 30, tzinfo=REGINA)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _files():
    """Every file of every version, as the review block keeps it: what it is, where, and what it covers."""
    return sorted(
        (f.version_id, f.document_id, f.part, f.position, f.carried_over, tuple(s.pk for s in f.sections.all()))
        for f in VersionFile.objects.prefetch_related("sections")
    )


def test_reviewers_and_files_of_manuals_and_packages_are_carried_over_both_ways(company, staff_user):
    certificate, _ = certified(company, staff_user)
    auditor = AuditorFactory()
    manual = ManualSubmissionFactory(company=company, reviewer=auditor)
    Review.objects.filter(pk=manual.review_id).update(assigned_at=GIVEN)
    version = manual.review.latest_version
    kept = VersionFile.objects.create(version=version, document=DocumentFactory(company=company), carried_over=True)
    first_sections = [s.pk for s in version.files.first().sections.all()]
    kept.sections.set(first_sections[:2])
    package = MaintenancePackageFactory(anniversary=certificate.anniversaries.first())
    before = _files()
    assert len(before) == 2 + len(package_slots())

    old = _migrate(BEFORE)
    old_manual = old.get_model("audits", "ManualSubmission").objects.get(pk=manual.pk)
    assert (old_manual.reviewer_id, old_manual.assigned_at) == (auditor.pk, GIVEN)
    assert old.get_model("audits", "MaintenancePackage").objects.get(pk=package.pk).reviewer_id is None
    old_files = old.get_model("audits", "ManualFile").objects.order_by("pk")
    assert [(f.document_id, f.carried_over) for f in old_files] == [
        (version.document_id, False),
        (kept.document_id, True),
    ]
    assert [s.pk for s in old_files[1].sections.order_by("pk")] == sorted(first_sections[:2])
    old_package_files = old.get_model("audits", "MaintenanceFile").objects.order_by("part", "position")
    assert sorted((f.part, f.position) for f in old_package_files) == sorted(package_slots())

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert _files() == before
    manual = ManualSubmission.objects.select_related("review").get(pk=manual.pk)
    assert (manual.review.reviewer, manual.review.assigned_at) == (auditor, GIVEN)
    assert MaintenancePackage.objects.get(pk=package.pk).review.reviewer is None
