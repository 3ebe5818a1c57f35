"""Milestone letters: issued, requested, extended (MIL-1, MIL-2, MAN-3), and their notices (NTC-1)."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from companies.models import Company
from companies.services import application_accept
from milestones import services
from milestones.models import MilestoneLetter
from milestones.notices import LETTER_EXPIRY_FIRST, LETTER_EXPIRY_LAST, LETTER_REQUESTED
from secor.core.models import ProgramSettings
from secor.notices.models import Notice
from secor.notices.services import notices_sweep
from tests.clock import on
from tests.factories import ApplicationFactory, MembershipFactory
from tests.milestones.helpers import milestone_1_met, registered
from tests.pdfs import pdf_text

pytestmark = pytest.mark.django_db
FIRST, SECOND = MilestoneLetter.Milestone.FIRST, MilestoneLetter.Milestone.SECOND


def test_mil_1_accepting_the_registration_issues_milestone_1_as_a_numbered_pdf_letter(staff_user):
    application = ApplicationFactory(company__legal_name="Letter Roofing Ltd.", company__status=Company.Status.APPLIED)
    MembershipFactory(company=application.company, user=application.submitted_by)
    with on(date(2026, 3, 10)):
        application_accept(application=application, actor=staff_user)
    letter = MilestoneLetter.objects.get(company=application.company)
    assert (letter.milestone, letter.issued_on, letter.expires_on) == (FIRST, date(2026, 3, 10), date(2027, 3, 10))
    text = pdf_text(letter.document.file)
    for expected in (
        "Saskatchewan Construction Safety Association",
        letter.reference,
        "Letter Roofing Ltd.",
        "March 10, 2026",
        "March 10, 2027",
        "Self-audit accepted",
        "Health & safety manual review approved",
        "de-rolled",
    ):
        assert expected in text, expected
    assert letter.document.origin == "issued" and letter.document.company == application.company
    assert application.company.events.filter(kind="milestones").exists()


@pytest.mark.parametrize(
    ("registered_on", "months", "expires_on"),
    [
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # 29 February: the last day of February the next year
        (date(2026, 1, 31), 12, date(2027, 1, 31)),
        (date(2025, 8, 31), 18, date(2027, 2, 28)),  # a month end into a shorter month
        (date(2026, 3, 10), 10, date(2027, 1, 10)),  # the program setting, changed by staff
    ],
)
def test_mil_1_mil_2_the_expiry_is_registration_plus_the_settings_months(company, registered_on, months, expires_on):
    ProgramSettings.objects.update_or_create(
        pk=1, defaults={"milestone_1_months": months, "milestone_2_months": months}
    )
    assert registered(company, registered_on).expires_on == expires_on


def test_mil_1_the_conditions_read_each_requirement_as_met_or_not(company):
    from milestones.selectors import milestone_standing
    from training.selectors import training_chart

    registered(company, date(2026, 1, 5))
    today = date(2026, 6, 1)
    standing = milestone_standing(company=company, chart=training_chart(company=company, today=today), today=today)
    assert [(c.label, c.met) for c in standing.conditions] == [
        ("Required courses held", False),
        ("Self-audit accepted (Internal Auditor Certification)", False),
        ("LSE proficiency accepted", False),
        ("Health & safety manual review approved", False),
    ]
    assert "Safety Management" in standing.conditions[0].detail
    milestone_1_met(company, manual_approved_on=date(2026, 5, 20))
    standing = milestone_standing(company=company, chart=training_chart(company=company, today=today), today=today)
    assert standing.met and standing.may_request_next
    assert standing.conditions[3].detail == "Approved May 20, 2026."


def test_man_3_the_request_for_milestone_2_is_refused_until_milestone_1_is_met(company, employer):
    registered(company, date(2026, 1, 5))
    with on(date(2026, 6, 1)), pytest.raises(ValidationError, match="Milestone #1 is not met yet: Required courses"):
        services.milestone_request_next(company=company, actor=employer)


def test_man_3_the_request_is_made_on_the_expiry_day_but_not_the_day_after(company, employer, staff_user):
    registered(company, date(2026, 1, 5))
    milestone_1_met(company, manual_approved_on=date(2026, 11, 1))
    with on(date(2027, 1, 6)), pytest.raises(ValidationError, match="expired on January 5, 2027"):
        services.milestone_request_next(company=company, actor=employer)
    with on(date(2027, 1, 5)):
        letter = services.milestone_request_next(company=company, actor=employer)
    assert letter.next_requested_by == employer
    assert Notice.objects.filter(kind=LETTER_REQUESTED, recipient_email=staff_user.email, for_staff=True).exists()
    with on(date(2027, 1, 5)), pytest.raises(ValidationError, match="was requested on January 5, 2027"):
        services.milestone_request_next(company=company, actor=employer)


def test_mil_2_staff_issue_milestone_2_expiring_18_months_after_registration(company, staff_user):
    first = registered(company, date(2026, 1, 5))
    with on(date(2026, 9, 1)), pytest.raises(ValidationError, match="Milestone #1 is not met"):
        services.letter_issue_next(company=company, actor=staff_user)
    milestone_1_met(company, manual_approved_on=date(2026, 8, 20))
    with on(date(2026, 9, 1)):
        second = services.letter_issue_next(company=company, actor=staff_user)
    assert (second.milestone, second.issued_on, second.expires_on) == (SECOND, date(2026, 9, 1), date(2027, 7, 5))
    first.refresh_from_db()
    assert (first.settled, first.settled_on) == (MilestoneLetter.Settled.MET, date(2026, 9, 1))
    assert "Baseline audit achieving the standard" in pdf_text(second.document.file)
    with on(date(2026, 9, 2)), pytest.raises(ValidationError, match="no Milestone #1 letter to follow"):
        services.letter_issue_next(company=company, actor=staff_user)


def test_staff_extend_a_letter_with_a_reason_to_a_later_date(company, staff_user):
    letter = registered(company, date(2026, 1, 5))
    with on(date(2026, 12, 1)):
        with pytest.raises(ValidationError, match="Say why"):
            services.letter_extend(letter=letter, actor=staff_user, to_date=date(2027, 3, 1), reason=" ")
        with pytest.raises(ValidationError, match="later than the current one"):
            services.letter_extend(letter=letter, actor=staff_user, to_date=date(2027, 1, 5), reason="Late review")
        services.letter_extend(
            letter=letter, actor=staff_user, to_date=date(2027, 3, 1), reason="SCSA's review was late"
        )
    letter.refresh_from_db()
    assert letter.expires_on == date(2027, 3, 1)
    extension = letter.extensions.get()
    assert (extension.from_date, extension.to_date) == (date(2027, 1, 5), date(2027, 3, 1))
    event = company.events.get(kind="milestones", summary__contains="extended")
    assert event.detail == "SCSA's review was late" and "March 1, 2027" in event.summary


# --- NTC-1: the expiry notices ------------------------------------------------------------------------------


def _expiry_notices():
    return sorted(
        Notice.objects.filter(kind__in=[LETTER_EXPIRY_FIRST, LETTER_EXPIRY_LAST]).values_list("kind", "about_date")
    )


def test_ntc_1_the_expiry_is_told_60_and_14_days_before_each_once(company, employer):
    registered(company, date(2026, 1, 5))  # expires January 5, 2027
    for day in (date(2026, 11, 5), date(2026, 11, 6)):  # 61 days before; then 60
        with on(day):
            notices_sweep()
            notices_sweep()
    assert _expiry_notices() == [(LETTER_EXPIRY_FIRST, date(2027, 1, 5))]
    for day in (date(2026, 12, 21), date(2026, 12, 22), date(2026, 12, 23)):  # 15, 14, 13 days before
        with on(day):
            notices_sweep()
    assert _expiry_notices() == [(LETTER_EXPIRY_LAST, date(2027, 1, 5)), (LETTER_EXPIRY_FIRST, date(2027, 1, 5))]
    notice = Notice.objects.get(kind=LETTER_EXPIRY_LAST)
    assert notice.recipient_email == employer.email and notice.due_on == date(2026, 12, 22)
    assert "expires on January 5, 2027, in 14 days" in notice.body


def test_ntc_1_a_sweep_missed_until_the_last_14_days_sends_only_the_14_day_notice(company, employer):
    registered(company, date(2026, 1, 5))
    with on(date(2026, 12, 30)):
        notices_sweep()
    assert _expiry_notices() == [(LETTER_EXPIRY_LAST, date(2027, 1, 5))]


def test_ntc_1_a_met_milestone_with_its_next_letter_requested_is_not_warned(company, employer):
    registered(company, date(2026, 1, 5))
    milestone_1_met(company, manual_approved_on=date(2026, 10, 1))
    with on(date(2026, 10, 2)):
        services.milestone_request_next(company=company, actor=employer)
    with on(date(2026, 11, 6)):
        notices_sweep()
    assert _expiry_notices() == []


def test_ntc_1_changing_the_warning_settings_moves_the_warning_days(company, employer):
    registered(company, date(2026, 1, 5))  # expires January 5, 2027
    settings = ProgramSettings.current()
    settings.letter_first_warning_days, settings.letter_last_warning_days = 45, 10
    settings.save()
    for day in (date(2026, 11, 6), date(2026, 11, 20)):  # 60 days before; 46
        with on(day):
            notices_sweep()
    assert _expiry_notices() == []
    with on(date(2026, 11, 21)):  # 45 days before
        notices_sweep()
    assert Notice.objects.get(kind=LETTER_EXPIRY_FIRST).due_on == date(2026, 11, 21)
    for day in (date(2026, 12, 22), date(2026, 12, 26)):  # 14 days before: nothing; 10: the last warning
        with on(day):
            notices_sweep()
    assert Notice.objects.get(kind=LETTER_EXPIRY_LAST).due_on == date(2026, 12, 26)


def test_ntc_2_an_extension_starts_a_new_notice_cycle(company, employer, staff_user):
    letter = registered(company, date(2026, 1, 5))
    with on(date(2026, 12, 22)):
        notices_sweep()
        services.letter_extend(letter=letter, actor=staff_user, to_date=date(2027, 4, 5), reason="Review delayed")
        notices_sweep()
    assert _expiry_notices() == [(LETTER_EXPIRY_LAST, date(2027, 1, 5))]
    with on(date(2027, 2, 4)):  # 60 days before the new expiry
        notices_sweep()
    assert _expiry_notices() == [(LETTER_EXPIRY_LAST, date(2027, 1, 5)), (LETTER_EXPIRY_FIRST, date(2027, 4, 5))]


def test_mil_1_companies_registered_before_letters_get_theirs_dated_by_their_registration(company, other_company):
    Company.objects.filter(pk=company.pk).update(registration_date=date(2025, 6, 30))
    Company.objects.filter(pk=other_company.pk).update(status=Company.Status.WITHDRAWN)
    from django.core.management import call_command

    out = io.StringIO()
    call_command("issue_milestone_letters", stdout=out)
    letter = MilestoneLetter.objects.get()
    assert (letter.company, letter.issued_on, letter.expires_on) == (company, date(2025, 6, 30), date(2026, 6, 30))
    assert "1 Milestone #1 letter issued" in out.getvalue()
    call_command("issue_milestone_letters", stdout=io.StringIO())
    assert MilestoneLetter.objects.count() == 1


def test_mil_1_a_company_reinstated_without_a_letter_gets_its_first(company, staff_user):
    from companies.services import company_change_status

    Company.objects.filter(pk=company.pk).update(status=Company.Status.WITHDRAWN, registration_date=date(2026, 2, 2))
    company.refresh_from_db()
    with on(date(2026, 5, 1)):
        company_change_status(company=company, actor=staff_user, action="reinstate", reason="Back in")
    letter = MilestoneLetter.objects.get(company=company)
    assert (letter.issued_on, letter.expires_on) == (date(2026, 2, 2), date(2027, 2, 2))
    with on(date(2026, 5, 2)):
        Company.objects.filter(pk=company.pk).update(status=Company.Status.WITHDRAWN)
        company.refresh_from_db()
        company_change_status(company=company, actor=staff_user, action="reinstate", reason="Back again")
    assert MilestoneLetter.objects.filter(company=company).count() == 1
