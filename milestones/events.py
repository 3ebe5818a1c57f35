"""The kinds of timeline event the milestones app records."""

from secor.timeline.kinds import event_kind

MILESTONES = event_kind("milestones", "Milestone letters")
