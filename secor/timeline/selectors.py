from django.db.models import QuerySet

from secor.timeline.kinds import KINDS
from secor.timeline.models import Event


def events_for_company(*, company, kind: str = "") -> QuerySet[Event]:
    """The company's timeline, newest first, optionally of one kind (an unknown kind shows everything)."""
    # Without the actors' password hashes: a company's page keeps its timeline in the shared cache.
    events = Event.objects.filter(company=company).select_related("actor").defer("actor__password")
    return events.filter(kind=kind) if kind in KINDS else events


def event_kinds() -> list[tuple[str, str]]:
    return KINDS.sorted_by_label()
