"""The kinds of timeline event the audits app records."""

from secor.timeline.kinds import event_kind

MANUAL = event_kind("manual", "Health & safety manual")
AUDITS = event_kind("audits", "Audits")
