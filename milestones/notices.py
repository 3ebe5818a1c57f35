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
from secor.notices.editable import EditableText, editable_text, secors_own
from secor.notices.kinds import NoticeDraft, NoticeKind, notice_kind, subject_key, subject_pk
from secor.notices.services import notice_send
from training.summaries import summaries_refresh_all


def _letter(notice) -> MilestoneLetter:
    return MilestoneLetter.objects.select_related("company").get(pk=subject_pk(notice.subject_key))


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


LETTER_ISSUED = notice_kind(NoticeKind("milestone-letter", "Milestone letter issued", render=secors_own, rule="MIL-1"))
LETTER_REQUESTED = notice_kind(
    NoticeKind("milestone-requested", "Milestone #2 letter requested", render=secors_own, rule="MAN-3", for_staff=True)
)
# The kinds keep the keys they had when the warnings were 60 and 14 days: the ledger's notices are kept by
# them (NTC-2, NTC-3); the days are now the program settings'.
LETTER_EXPIRY_FIRST = notice_kind(
    NoticeKind(
        "milestone-expiry-60",
        "Milestone letter expiry: first warning",
        render=secors_own,
        rule="NTC-1, MIL-3, MIL-2",
        find_due=_expiry_due("first", "milestone-expiry-60"),
    )
)
LETTER_EXPIRY_LAST = notice_kind(
    NoticeKind(
        "milestone-expiry-14",
        "Milestone letter expiry: last warning",
        render=secors_own,
        rule="NTC-1, MIL-3, MIL-2",
        find_due=_expiry_due("last", "milestone-expiry-14"),
    )
)


def _values(notice) -> dict[str, str]:
    letter = _letter(notice)
    warning = notice.kind in (LETTER_EXPIRY_FIRST, LETTER_EXPIRY_LAST)
    # A warning is about the expiry it was claimed for (NTC-2); the other notices about the letter as it stands.
    expires_on = notice.about_date if warning else letter.expires_on
    days = (expires_on - timezone.localdate()).days
    return {
        "milestone": letter.get_milestone_display(),
        "letter": letter.reference,
        "company": letter.company.display_name,
        "issued_on": long_date(letter.issued_on),
        "expires_on": long_date(expires_on),
        "days_left": f"{days} day{'s' if days != 1 else ''}",
        "requirements": "\n".join(f"- {requirement}" for requirement in rules.REQUIREMENTS[letter.milestone]),
        # MIL-2: a warning about a Milestone #1 met but whose company has not asked for its #2 letter.
        "request_missing": "yes"
        if warning and open_letters().filter(pk=letter.pk).filter(selectors.request_missing_now()).exists()
        else "",
        "url": company_page(letter.company),
    }


PLACEHOLDERS = {
    "milestone": '"Milestone #1" or "Milestone #2"',
    "letter": "the letter's number",
    "company": "the company's name",
    "issued_on": "the day the letter was issued",
    "expires_on": "the day the letter expires",
    "days_left": 'the days from today to the expiry ("14 days", "1 day")',
    "requirements": 'the milestone\'s requirements, one line each: "- requirement"',
    "request_missing": '"yes" when Milestone #1 is met but the company has not asked for its Milestone #2 letter '
    "(MIL-2), else nothing",
    "url": "the company's page",
}
_EXPIRY = """Hello,

{% if request_missing %}The Milestone #1 letter of {{ company }} ({{ letter }}) expires on {{ expires_on }}, in \
{{ days_left }}. Milestone #1 is met, but SCSA has not been asked for the Milestone #2 letter yet: ask SCSA for your \
Milestone #2 letter by {{ expires_on }}, with the button on your company page.

The request is one of the Milestone #1 letter's deadlines: without it the company is de-rolled from SECOR on the \
next day and may register again six months later.{% else %}The {{ milestone }} letter of {{ company }} \
({{ letter }}) expires on {{ expires_on }}, in {{ days_left }}, and its requirements are not all met yet:

{{ requirements }}

If they are not met by that day, the company is de-rolled from SECOR on the next day and may register again six \
months later. If SCSA's own review is holding you up, contact SCSA before the expiry.{% endif %}

Your company page: {{ url }}
"""
_TEXTS = {
    LETTER_ISSUED: (
        "[SECOR] {{ milestone }} letter {{ letter }} issued, expiring {{ expires_on }} ({{ company }})",
        """Hello,

SCSA has issued the {{ milestone }} letter of {{ company }}, number {{ letter }}, on {{ issued_on }}. It expires on \
{{ expires_on }}: by that day the company must have met

{{ requirements }}

A company that misses the expiry with these unmet is de-rolled from SECOR the next day and may register again six \
months later. The letter (PDF) is on your company page.

Your company page: {{ url }}
""",
    ),
    LETTER_REQUESTED: (
        "[SECOR] {{ company }} requests its Milestone #2 letter ({{ company }})",
        """Hello,

{{ company }} has met Milestone #1 and requests its Milestone #2 letter (the Milestone #1 letter {{ letter }} \
expires on {{ expires_on }}). Issue it from the company page.

Your company page: {{ url }}
""",
    ),
    LETTER_EXPIRY_FIRST: ("[SECOR] {{ milestone }} letter expires {{ expires_on }} ({{ company }})", _EXPIRY),
    LETTER_EXPIRY_LAST: ("[SECOR] {{ milestone }} letter expires {{ expires_on }} ({{ company }})", _EXPIRY),
}
for _kind, (_subject, _body) in _TEXTS.items():
    editable_text(EditableText(_kind, PLACEHOLDERS, _values, _subject, _body))
