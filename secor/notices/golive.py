"""Switching notices on at go-live: which kinds of deadline notice the daily sweep claims, and what its next run would
send, read before staff switch a kind on (nothing here writes)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.apps import apps

from secor.core.models import ProgramSettings
from secor.notices.kinds import NOTICE_KINDS, NoticeDraft, NoticeKind
from secor.notices.models import DeadlineNoticeSwitch, Notice


def deadline_kinds() -> list[NoticeKind]:
    """The kinds the sweep finds by date (the others are sent when something happens), by label."""
    return sorted((kind for kind in NOTICE_KINDS.values() if kind.find_due is not None), key=lambda kind: kind.label)


def go_live_on() -> date | None:
    return ProgramSettings.current().go_live_on


def kinds_switched_on() -> set[str]:
    """Before a go-live date is set every deadline kind is swept (a program that started in SECOR); after, only those
    staff switched on."""
    if go_live_on() is None:
        return {kind.key for kind in deadline_kinds()}
    return set(DeadlineNoticeSwitch.objects.filter(on=True).values_list("kind", flat=True))


def before_go_live(draft: NoticeDraft, go_live: date | None) -> bool:
    """A notice that fell due before SECOR took over is SCSA's old process's: recorded, never sent."""
    return go_live is not None and draft.due_on < go_live


@dataclass
class KindPreview:
    kind: NoticeKind
    on: bool
    to_send: list[NoticeDraft] = field(default_factory=list)
    before_go_live: list[NoticeDraft] = field(default_factory=list)


def _claimed_keys(kind: str, drafts: list[NoticeDraft]) -> set[tuple]:
    """The drafts' keys the ledger already holds: the sweep would skip them (the claim refuses a second row)."""
    if not drafts:
        return set()
    earliest = min(draft.about_date for draft in drafts)
    rows = Notice.objects.filter(kind=kind, about_date__gte=earliest).values_list(
        "recipient_email", "subject_key", "about_date"
    )
    return set(rows.iterator(chunk_size=5000))


def next_sweep_preview(*, today: date) -> list[KindPreview]:
    """What the sweep of `today` would claim, kind by kind: to send, and to record as before go-live. It reads what
    the sweep reads (the kinds' finders and the ledger), so the two agree; it does not run the day's de-rolls first."""
    go_live, switched_on = go_live_on(), kinds_switched_on()
    previews = []
    for kind in deadline_kinds():
        preview = KindPreview(kind, on=kind.key in switched_on)
        drafts = [draft for draft in kind.find_due(today) if draft.recipient.email]
        claimed = _claimed_keys(kind.key, drafts)
        seen = set()
        for draft in drafts:
            key = (draft.recipient.email.strip().lower(), draft.subject_key, draft.about_date)
            if key in claimed or key in seen:
                continue
            seen.add(key)
            (preview.before_go_live if before_go_live(draft, go_live) else preview.to_send).append(draft)
        previews.append(preview)
    return previews


def company_names(drafts: list[NoticeDraft]) -> dict[int, str]:
    """The names of the drafts' companies, in one query (the notices name them by id)."""
    ids = {draft.company_id for draft in drafts if draft.company_id}
    names = defaultdict(str)
    # The tenant model by name: this shared block sits below the companies app.
    names.update(apps.get_model("companies", "Company").objects.filter(pk__in=ids).values_list("pk", "legal_name"))
    return names
