"""The timeline kind of what staff imported from SCSA's files."""

from secor.timeline.kinds import event_kind

IMPORTED = event_kind("imported", "Imported from SCSA's records")
