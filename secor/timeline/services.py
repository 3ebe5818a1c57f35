from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType

from secor.timeline.kinds import KINDS
from secor.timeline.models import Event


def event_record(
    *, company, actor, kind: str, summary: str, detail: str = "", subject=None, data: dict | None = None
) -> Event:
    """Add a line to the company's timeline. Call it inside the service's transaction, so the line and the
    change it describes are saved together or not at all. A detail in RuleWords keeps its rule's id in the
    line's data (secor.rule_ids: shown to staff and program auditors only)."""
    event = _event(company=company, actor=actor, kind=kind, summary=summary, detail=detail, subject=subject, data=data)
    event.save(force_insert=True)
    return event


def events_record(*, actor, kind: str, summary: str, subjects: Iterable[tuple]) -> None:
    """`event_record` of one line for each `(company, subject)`, in one insert (an import's rows: issue 26)."""
    Event.objects.bulk_create(
        _event(company=company, actor=actor, kind=kind, summary=summary, subject=subject)
        for company, subject in subjects
    )


def _event(*, company, actor, kind: str, summary: str, detail: str = "", subject=None, data: dict | None = None):
    KINDS.check(kind)
    if rule := getattr(detail, "rule", ""):
        data = {**(data or {}), "rule": rule}
    return Event(
        company=company,
        actor=actor,
        kind=kind,
        summary=summary[:300],
        detail=str(detail),
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=subject.pk if subject is not None else None,
        data=data or {},
    )
