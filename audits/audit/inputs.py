"""What the audit's forms hand its services: the records of the working system (AUD-1) and the score sheet
(AUD-4)."""

from dataclasses import dataclass
from datetime import date

from audits.tool.models import AuditSection


@dataclass(frozen=True)
class Evidence:
    """AUD-1: one earliest record of the working system (SystemEvidence.Kind), its date and its file."""

    kind: str
    dated_on: date
    upload: object


@dataclass(frozen=True)
class ScoreEntry:
    section: AuditSection
    available: int
    actual: int
    not_applicable: int = 0
    notes: str = ""
