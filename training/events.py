"""The kinds of timeline event the training app records."""

from secor.timeline.kinds import event_kind

TRAINING = event_kind("training", "Training")
