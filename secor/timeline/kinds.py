"""The kinds of timeline event, declared by the apps that record them (for filtering and labels)."""

from secor.kinds import Kinds

KINDS = Kinds("Timeline")
event_kind = KINDS.declare
