"""The kinds of timeline event the companies app records."""

from secor.timeline.kinds import event_kind

APPLICATION = event_kind("application", "Application and registration")
STATUS = event_kind("status", "Status changes")
DETAILS = event_kind("details", "Company details")
ROSTER = event_kind("roster", "Roster")
PEOPLE = event_kind("people", "Users and program auditors")
QUESTIONS = event_kind("questions", "Questions to SCSA")
COR_HANDOFF = event_kind("cor-handoff", "Hand-off to COR")
