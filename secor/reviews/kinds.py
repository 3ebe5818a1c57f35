"""The kinds of review, declared by the apps whose submissions they are (for queues and labels)."""

from secor.kinds import Kinds

KINDS = Kinds("Review")
review_kind = KINDS.declare
