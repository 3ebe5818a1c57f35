"""Reads of the audit tool."""

from datetime import date

from audits.models import AuditSection, AuditToolVersion


def audit_tool_on(day: date) -> AuditToolVersion:
    """The version of the tool in effect on `day` (MAN-1): the latest effective on or before it."""
    return AuditToolVersion.objects.filter(effective_from__lte=day).latest()


def sections_of(version: AuditToolVersion) -> list[AuditSection]:
    return list(version.sections.order_by("number"))
