"""The audit tool of `load_demo`: the version in effect with its supplemental sections named and every section's
points set, as SCSA staff would have them before the first manual or audit uses it."""

from django.utils import timezone

from audits.tool.models import AuditSection
from audits.tool.selectors import audit_tool_on

# The demo's names of SCSA's three supplemental sections and the points of each section (1-16): illustrative,
# for the demo's score sheets; SCSA staff set the real ones in a version of the tool.
DEMO_SUPPLEMENTAL_NAMES = ("Working Alone", "Harassment & Violence Prevention", "Sub-contractor Management")
DEMO_POINTS = (40, 60, 50, 50, 30, 30, 40, 60, 60, 50, 40, 30, 30, 20, 20, 20)


def name_demo_audit_tool() -> None:
    """Name the supplemental sections and set the points of the version in effect (a second run changes nothing).
    Only the demo's loader writes a version in effect directly: it fills an empty database."""
    sections = sorted(audit_tool_on(timezone.localdate()).sections.all(), key=lambda section: section.number)
    supplemental = iter(DEMO_SUPPLEMENTAL_NAMES)
    for section, points in zip(sections, DEMO_POINTS, strict=True):
        if section.supplemental:
            section.name = next(supplemental)
        section.available_points = points
    AuditSection.objects.bulk_update(sections, ["name", "available_points"])
