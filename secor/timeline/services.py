from django.contrib.contenttypes.models import ContentType

from secor.timeline.kinds import KINDS
from secor.timeline.models import Event


def event_record(
    *, company, actor, kind: str, summary: str, detail: str = "", subject=None, data: dict | None = None
) -> Event:
    """Add a line to the company's timeline. Call it inside the service's transaction, so the line and the
    change it describes are saved together or not at all. A detail in RuleWords keeps its rule's id in the
    line's data (secor.rule_ids: shown to staff and program auditors only)."""
    KINDS.check(kind)
    if rule := getattr(detail, "rule", ""):
        data = {**(data or {}), "rule": rule}
    return Event.objects.create(
        company=company,
        actor=actor,
        kind=kind,
        summary=summary[:300],
        detail=str(detail),
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=subject.pk if subject is not None else None,
        data=data or {},
    )
