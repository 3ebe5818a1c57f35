"""Switching notices on at go-live (NTC-1, NTC-2): what fell due before the go-live date is recorded and never sent,
each kind waits until staff switch it on, and the preview staff read is what the next sweep sends."""

from datetime import date

from django.core import mail
from django.urls import reverse

from secor.core.models import ProgramSettings
from secor.notices import golive
from secor.notices.models import Notice
from secor.notices.selectors import notices_for_company
from secor.notices.services import notices_sweep
from tests.clock import on
from tests.factories import StaffFactory
from tests.notices.test_sweep import _companies_with_everything_due
from training.summaries import summaries_refresh_all

TODAY, GO_LIVE = date(2025, 11, 10), date(2025, 11, 6)


def _go_live_on(day):
    settings = ProgramSettings.current()
    settings.go_live_on = day
    settings.save()


def _keys(drafts) -> set[tuple]:
    return {(d.kind, d.recipient.email.lower(), d.subject_key, d.about_date) for d in drafts}


def _ledger(**filters) -> set[tuple]:
    return set(Notice.objects.filter(**filters).values_list("kind", "recipient_email", "subject_key", "about_date"))


def test_ntc_1_the_go_live_preview_is_what_the_first_sweep_sends_and_earlier_notices_are_kept_unsent(db, login):
    _companies_with_everything_due(2)
    _go_live_on(GO_LIVE)
    staff = login(StaffFactory())
    with on(TODAY, 7, tick=False):
        summaries_refresh_all(today=TODAY)
        # Set, and nothing switched on yet: the sweep claims nothing, and the page says what each kind would send.
        assert notices_sweep().claimed_by_kind == {}
        page = staff.get(reverse("notices:go_live"))
        assert "Switching notices on" in page.text and "November 6, 2025" in page.text
        previews = golive.next_sweep_preview(today=TODAY)
        to_send = _keys(d for p in previews for d in p.to_send)
        held = _keys(d for p in previews for d in p.before_go_live)
        assert to_send and held and not to_send & held
        assert all(d.due_on >= GO_LIVE for p in previews for d in p.to_send)
        shown = next(p for p in previews if p.to_send)
        listed = staff.get(reverse("notices:go_live"), {"kind": shown.kind.key})
        assert all(draft.recipient.email in listed.text for draft in shown.to_send)
        exported = b"".join(
            staff.get(reverse("notices:go_live"), {"kind": shown.kind.key, "export": "csv"}).streaming_content
        )
        assert exported.decode().count("\n") == len(shown.to_send) + 1  # the header and each notice

        # Switching on asks first, saying how many go out; then each kind is on.
        kind = previews[0].kind.key
        asked = staff.post(reverse("notices:go_live_switch"), {"kind": kind, "on": "yes"})
        assert f"The next daily sweep sends {len(previews[0].to_send)} of these notices" in asked.text
        for preview in previews:
            staff.post(reverse("notices:go_live_switch"), {"kind": preview.kind.key, "on": "yes", "confirmed": "yes"})
        assert golive.kinds_switched_on() == {p.kind.key for p in previews}

        report = notices_sweep()
    assert _ledger(state=Notice.State.SENT) == to_send
    assert _ledger(state=Notice.State.BEFORE_GO_LIVE) == held
    assert sum(report.claimed_by_kind.values()) == len(to_send) == len(mail.outbox)
    assert sum(report.before_go_live_by_kind.values()) == len(held)
    with on(TODAY, 9, tick=False):
        # Nothing is left for the next sweep: the ledger holds every one, sent or kept.
        assert not any(p.to_send or p.before_go_live for p in golive.next_sweep_preview(today=TODAY))


def test_ntc_1_only_kinds_switched_on_are_swept_and_the_company_never_sees_what_fell_due_before_go_live(db, login):
    _companies_with_everything_due(1)
    _go_live_on(GO_LIVE)
    staff = StaffFactory()
    with on(TODAY, 7, tick=False):
        summaries_refresh_all(today=TODAY)
        previews = golive.next_sweep_preview(today=TODAY)
        # The self-audit deadline (TRN-5) fell due on October 21, before go-live: kept, never sent.
        chosen = next(p for p in previews if p.kind.key == "self-audit-due")
        assert (len(chosen.to_send), len(chosen.before_go_live)) == (0, 2)
        login(staff).post(reverse("notices:go_live_switch"), {"kind": chosen.kind.key, "on": "yes", "confirmed": "yes"})
        report = notices_sweep()
    assert (report.claimed_by_kind, report.before_go_live_by_kind) == ({}, {"self-audit-due": 2})
    assert not mail.outbox
    kept = Notice.objects.filter(state=Notice.State.BEFORE_GO_LIVE).first()
    assert kept in notices_for_company(company=kept.company, staff_view=True)
    assert kept not in notices_for_company(company=kept.company, staff_view=False)
    log = login(staff).get(reverse("notices:log"), {"state": Notice.State.BEFORE_GO_LIVE})
    assert "Due before go-live; not sent" in log.text
    refused = login(staff).post(reverse("notices:go_live_switch"), {"kind": "no-such-kind", "on": "yes"}, follow=True)
    assert "Choose one of the kinds of deadline notice listed." in refused.text
