from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from secor.bulk_writes import columns, table, values
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


def events_record(*, actor, kind: str, summary: str, subjects: Iterable[tuple]) -> None:
    """`event_record` of one line for each `(company, subject)`, in one statement from their ids (an import's rows,
    up to half a million at go-live: issue 26), rather than an object built and sent back value by value each."""
    KINDS.check(kind)
    actor_id, now, summary = getattr(actor, "pk", None), timezone.now(), summary[:300]
    lines = [
        [company.pk, actor_id, now, kind, ContentType.objects.get_for_model(subject).pk, subject.pk, summary, "", "{}"]
        for company, subject in subjects
    ]
    if not lines:
        return
    column = columns(Event)
    names = ("company", "actor", "at", "kind", "subject_type", "subject_id", "summary", "detail", "data")
    rows, parameters = values(lines)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table(Event)} ({', '.join(column[name] for name in names)}) VALUES {rows}", parameters
        )
