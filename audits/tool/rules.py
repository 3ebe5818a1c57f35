"""The audit tool's program numbers and the states of its versions (MAN-1, AUD-4). Pure: no database."""

from datetime import date
from enum import StrEnum

# MAN-1: the national standard elements of the SECOR audit tool, in order.
NATIONAL_ELEMENTS = (
    "Company Health & Safety Policy",
    "Hazard Assessment",
    "Safe Work Practices",
    "Safe Job Procedures",
    "Company Rules",
    "Personal Protective Equipment",
    "Preventative Maintenance",
    "Training & Communication",
    "Inspections",
    "Investigations & Reporting",
    "Emergency Preparedness",
    "Records & Statistics",
    "Legislation",
)
# MAN-1: SCSA adds its supplemental sections after them; staff name them.
SUPPLEMENTAL_SECTIONS = 3
# MAN-1: the names the seeded version gives them until staff name them ("SCSA supplemental section 1").
PLACEHOLDER_NAME = "SCSA supplemental section {}"


def placeholder_sections(sections) -> list:
    """MAN-1: the supplemental sections that still carry the seeded placeholder name instead of their own."""
    return [
        section
        for section in sections
        if section.supplemental and section.name == PLACEHOLDER_NAME.format(section.number - len(NATIONAL_ELEMENTS))
    ]


# MAN-1, AUD-4: where a version of the audit tool stands on a day. Staff make a draft by copying the version in
# effect and give it the day it takes effect; from then (or once a manual or audit uses it) it is read-only,
# and the versions before it are replaced for what starts after.
class ToolVersion(StrEnum):
    DRAFT = "draft"
    TAKES_EFFECT = "takes effect"
    IN_EFFECT = "in effect"
    REPLACED = "replaced"


def tool_version_state(*, effective_from: date | None, in_effect_from: date | None, today: date) -> ToolVersion:
    """MAN-1 on `today`; `in_effect_from` is the effective day of the version in effect today."""
    if effective_from is None:
        return ToolVersion.DRAFT
    if effective_from > today:
        return ToolVersion.TAKES_EFFECT
    return ToolVersion.IN_EFFECT if effective_from == in_effect_from else ToolVersion.REPLACED


def tool_version_editable(*, effective_from: date | None, used: bool, today: date) -> bool:
    """MAN-1: a version is edited until it takes effect: its day reached, or a manual or audit started on it."""
    return not used and (effective_from is None or effective_from > today)


def tool_effective_date_problems(*, effective_from: date | None, sections: int, today: date) -> list[str]:
    """MAN-1: why a version cannot take effect on `effective_from` (none for a draft, which has no date)."""
    if effective_from is None:
        return []
    if sections == 0:
        return [
            "A version without sections cannot take effect: manuals could cover nothing and no audit could pass. "
            "Make the new version by copying the version in effect, then edit its sections."
        ]
    if effective_from <= today:
        return [
            "A new version takes effect from tomorrow at the earliest, so that what was started today keeps its "
            "version; leave the date empty to keep it as a draft."
        ]
    return []
