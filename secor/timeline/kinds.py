"""The kinds of timeline event, declared by the apps that record them (for filtering and labels)."""

KINDS: dict[str, str] = {}


def event_kind(key: str, label: str) -> str:
    """Declare a kind of event; returns its key, for the declaring module to keep as a constant."""
    if KINDS.get(key, label) != label:
        raise ValueError(f"Timeline kind {key!r} is already declared as {KINDS[key]!r}")
    KINDS[key] = label
    return key
