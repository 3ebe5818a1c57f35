"""The settings that move dates staff set (issue 28): the notices' timing (NTC-1), the letters' months (MIL-1, MIL-2)
and the days to correct a returned maintenance package (MNT-1), and what a change would do before it is saved: the
dates SECOR would decide differently (secor.pages.date_preview), and the next notice sweep's notices. For these the
deadline finders run twice, with the settings as they are and as proposed (read for this preview only,
secor.request_memo.read_as), and the notices the ledger already holds are left out, as the sweep does."""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from companies.models import Company
from secor.core.models import ProgramSettings
from secor.exports import table_response
from secor.notices.kinds import NOTICE_KINDS, NoticeDraft
from secor.notices.models import Notice
from secor.pages.date_preview import DatesPreview, dates_preview
from secor.request_memo import read_as
from secor.roles import staff_required


@dataclass(frozen=True)
class Moved:
    """A notice the change moves: sent at the next sweep where it would not be (`sooner`), or the reverse."""

    kind: str
    company: str
    recipient: str
    about_date: date
    sooner: bool


def _due(settings: ProgramSettings, today: date) -> dict[tuple, NoticeDraft]:
    with read_as(ProgramSettings.SHARED_KEY, settings):
        return {
            (draft.recipient.email, draft.kind, draft.subject_key, draft.about_date): draft
            for kind in NOTICE_KINDS.values()
            if kind.find_due is not None
            for draft in kind.find_due(today)
            if draft.recipient.email
        }


def sweep_preview(proposed: ProgramSettings, *, today: date) -> list[Moved]:
    """The notices the next sweep on `today` would claim with `proposed` and not with the current settings
    (sooner), and those it would no longer claim (later), not counting those already in the ledger."""
    now, then = _due(ProgramSettings.current(), today), _due(proposed, today)
    changed = now.keys() ^ then.keys()
    emails = {key[0] for key in changed}
    claimed = set(
        Notice.objects.filter(recipient_email__in=emails).values_list(
            "recipient_email", "kind", "subject_key", "about_date"
        )
    )
    drafts = {key: then.get(key) or now[key] for key in changed - claimed}
    names = dict(Company.objects.filter(pk__in={d.company_id for d in drafts.values()}).values_list("pk", "legal_name"))
    return sorted(
        (
            Moved(NOTICE_KINDS[d.kind].label, names.get(d.company_id, ""), d.recipient.email, d.about_date, key in then)
            for key, d in drafts.items()
        ),
        key=lambda moved: (moved.company, moved.kind, moved.recipient),
    )


class NoticeTimingForm(forms.ModelForm):
    class Meta:
        model = ProgramSettings
        fields = ProgramSettings.DATE_FIELDS


# A preview shows this many rows of each list (at province scale a change can move thousands); its download holds all.
PREVIEW_ROWS = 100
PREVIEW_HEADER = ["What changes", "Company", "What", "Now", "With the change"]


def _preview_rows(dates: DatesPreview, moved: list[Moved]):
    """Every row of the preview, for its download."""
    for list_name, rows in (("Letter expiry", dates.letters), ("Correction owed by", dates.corrections)):
        for row in rows:
            yield [list_name, row.company, row.what, row.now, row.then]
    for row in moved:
        change = "sent at the next sweep" if row.sooner else "no longer sent at the next sweep"
        yield ["Next sweep's notices", row.company, f"{row.kind} to {row.recipient}", row.about_date, change]


@staff_required
def notice_timing(request):
    """The settings that move dates, each change previewed (dates and the next sweep's notices) before it is saved."""
    # A copy of the settings, not the one this request shares: a preview changes it without saving it.
    settings = ProgramSettings.objects.get(pk=ProgramSettings.current().pk)
    form = NoticeTimingForm(request.POST or None, instance=settings)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "save":
            form.save()
            messages.success(
                request,
                "Saved: the next sweep sends the notices not yet sent by these days, and the letters and returns "
                "SECOR decides from now on follow them.",
            )
            return redirect("pages:notice_timing")
        today = timezone.localdate()
        moved = sweep_preview(form.instance, today=today)
        dates = dates_preview(form.instance, today=today)
        if request.POST.get("action") == "download":
            rows = _preview_rows(dates, moved)
            return table_response(format="csv", name="secor-settings-preview", header=PREVIEW_HEADER, rows=rows)
        context |= {"moved": moved, "sooner": sum(m.sooner for m in moved), "previewed": True, "dates": dates}
        context |= {"later": len(moved) - context["sooner"], "shown": f":{PREVIEW_ROWS}", "preview_rows": PREVIEW_ROWS}
    return render(request, "notice_timing.html", context)
