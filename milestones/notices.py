"""The notices of the milestones (NTC-1): a letter issued, its expiry warned twice before (program settings,
60 and 14 days) while the company would be de-rolled at it (its milestone unmet, or Milestone #1 met with
no #2 letter asked for: MIL-2), and the company's request for its next letter (to staff). A de-roll is told
by the status change it records (companies.notices)."""

from datetime import date, timedelta

from django.utils import timezone

from companies.notices import company_page, company_recipients, recipients_of_companies
from milestones import rules, selectors
from milestones.expiries import open_letters
from milestones.models import MilestoneLetter
from secor.core.models import ProgramSettings
from secor.core.notices import program_staff
from secor.dates import long_date
from secor.notices.kinds import Message, NoticeDraft, NoticeKind, notice_kind, subject_key, subject_pk
from secor.notices.services import notice_send
from secor.notices.text import render_text
from training.summaries import summaries_refresh_all


def _letter(notice) -> MilestoneLetter:
    return MilestoneLetter.objects.select_related("company").get(pk=subject_pk(notice.subject_key))


def _message(notice) -> Message:
    letter = _letter(notice)
    company = letter.company
    context = {
        "letter": letter,
        "company": company,
        "kind": notice.kind,
        "expires_on": notice.about_date,
        "days_left": (notice.about_date - timezone.localdate()).days,
        "requirements": rules.REQUIREMENTS[letter.milestone],
        "url": company_page(company),
        # MIL-2: a warning about a Milestone #1 met but whose company has not asked for its #2 letter.
        "request_missing": notice.kind in (LETTER_EXPIRY_FIRST, LETTER_EXPIRY_LAST)
        and open_letters().filter(pk=letter.pk).filter(selectors.request_missing_now()).exists(),
    }
    name = letter.get_milestone_display()
    subject = {
        LETTER_ISSUED: f"{name} letter {letter.reference} issued, expiring {long_date(letter.expires_on)}",
        LETTER_REQUESTED: f"{company.display_name} requests its Milestone #2 letter",
    }.get(notice.kind, f"{name} letter expires {long_date(notice.about_date)}")
    return Message(
        subject=f"[SECOR] {subject} ({company.display_name})",
        body=render_text("email/milestone_letter.txt", context),
        link=context["url"],
    )


def letter_issued_send(letter: MilestoneLetter) -> None:
    notice_send(
        kind=LETTER_ISSUED, recipients=company_recipients(letter.company), subject=letter, company=letter.company
    )


def letter_requested_send(letter: MilestoneLetter) -> None:
    notice_send(kind=LETTER_REQUESTED, recipients=program_staff(), subject=letter, company=letter.company)


def _expiry_due(warning: str, kind: str):
    """NTC-1: the open letters that would de-roll their company (unmet today, or MIL-2's request missing) whose
    `warning` ("first" or "last") is due (a missed day catches up). The days are read from the program settings
    on each sweep: a change applies to the warnings not yet claimed."""

    def find(today: date) -> list[NoticeDraft]:
        settings = ProgramSettings.current()
        first, last = settings.letter_first_warning_days, settings.letter_last_warning_days
        days = first if warning == "first" else last
        summaries_refresh_all(today=today)  # "met today" reads the kept training summaries
        letters = open_letters().filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=first))
        letters = [
            letter
            for letter in letters.filter(selectors.deroll_ahead())
            if rules.expiry_notice_due(expires_on=letter.expires_on, today=today, first_days=first, last_days=last)
            == days
        ]
        recipients = recipients_of_companies({letter.company_id for letter in letters})
        return [
            NoticeDraft(
                kind,
                recipient,
                subject_key(letter),
                letter.expires_on,
                letter.expires_on - timedelta(days=days),
                letter.company_id,
            )
            for letter in letters
            for recipient in recipients[letter.company_id]
        ]

    return find


LETTER_ISSUED = notice_kind(NoticeKind("milestone-letter", "Milestone letter issued", render=_message, rule="MIL-1"))
LETTER_REQUESTED = notice_kind(
    NoticeKind("milestone-requested", "Milestone #2 letter requested", render=_message, rule="MAN-3", for_staff=True)
)
# The kinds keep the keys they had when the warnings were 60 and 14 days: the ledger's notices are kept by
# them (NTC-2, NTC-3); the days are now the program settings'.
LETTER_EXPIRY_FIRST = notice_kind(
    NoticeKind(
        "milestone-expiry-60",
        "Milestone letter expiry: first warning",
        render=_message,
        rule="NTC-1, MIL-3, MIL-2",
        find_due=_expiry_due("first", "milestone-expiry-60"),
    )
)
LETTER_EXPIRY_LAST = notice_kind(
    NoticeKind(
        "milestone-expiry-14",
        "Milestone letter expiry: last warning",
        render=_message,
        rule="NTC-1, MIL-3, MIL-2",
        find_due=_expiry_due("last", "milestone-expiry-14"),
    )
)
