from secor.timeline.kinds import event_kind

NOTICE_SENT = event_kind("notice", "Notices")
