"""What the manual's forms hand its services."""

from dataclasses import dataclass

from audits.tool.models import AuditSection


@dataclass(frozen=True)
class ManualPart:
    """One file of the manual (checked by a DocumentField) and the sections of the tool it covers."""

    upload: object
    sections: list[AuditSection]
