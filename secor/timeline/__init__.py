"""The company timeline: every app records what happened through `secor.timeline.services.event_record`.

Kinds are declared by the apps that record them (`event_kind`), so this block knows none of them by name.
"""
