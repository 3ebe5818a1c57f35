"""Reads of the audit tool (MAN-1): the version in effect on a day, its sections, and every version's state."""

from datetime import date

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from audits.audit.models import Audit
from audits.manual.models import ManualSubmission
from audits.tool import rules
from audits.tool.models import AuditSection, AuditToolVersion


def audit_tool_on(day: date) -> AuditToolVersion:
    """The version of the tool in effect on `day` (MAN-1): the latest effective on or before it."""
    return AuditToolVersion.objects.filter(effective_from__lte=day).latest()


def sections_of(version: AuditToolVersion) -> list[AuditSection]:
    return list(version.sections.order_by("number"))


def _used(versions: QuerySet) -> QuerySet:
    """MAN-1: whether a manual or an audit started on each version (then it is read-only)."""
    return versions.annotate(
        used=Exists(ManualSubmission.objects.filter(tool=OuterRef("pk")))
        | Exists(Audit.objects.filter(tool=OuterRef("pk")))
    )


def audit_tool_versions(*, today: date) -> list[AuditToolVersion]:
    """MAN-1: every version, drafts and the next first, each with its number of sections, whether it was used,
    and its state today (draft / takes effect / in effect / replaced): one query."""
    versions = list(_used(AuditToolVersion.objects.annotate(section_count=Count("sections"))))
    started = [version.effective_from for version in versions if version.effective_from]
    in_effect = max((day for day in started if day <= today), default=None)
    for version in versions:
        version.state = rules.tool_version_state(
            effective_from=version.effective_from, in_effect_from=in_effect, today=today
        )
        version.editable = rules.tool_version_editable(
            effective_from=version.effective_from, used=version.used, today=today
        )
    return versions


def audit_tool_version_get(*, pk: int, today: date, lock: bool = False) -> AuditToolVersion:
    """One version, with whether it may still be edited today (MAN-1); locked for a write that checks it."""
    versions = AuditToolVersion.objects.select_for_update(of=("self",)) if lock else AuditToolVersion.objects.all()
    version = get_object_or_404(_used(versions), pk=pk)
    version.editable = rules.tool_version_editable(
        effective_from=version.effective_from, used=version.used, today=today
    )
    return version
