"""What the audit tool's forms hand its services."""

from dataclasses import dataclass

from audits.tool.models import AuditSection


@dataclass(frozen=True)
class SectionEdit:
    """What staff change in one section of a draft: its name and the points it is scored out of."""

    section: AuditSection
    name: str
    available_points: int | None
