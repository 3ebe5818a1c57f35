"""A company's whole life with its letters (DOMAIN section 8): registered again it starts afresh (MIL-1); the
request for Milestone #2 is one of the #1 letter's deadlines, and #2 lapses like #1 (MIL-2)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from companies.inputs import COMPANY_DETAIL_FIELDS
from companies.models import Company
from companies.services import DeclaredWorkers, application_accept, application_submit, company_change_status
from milestones import services
from milestones.models import MilestoneLetter
from milestones.notices import LETTER_EXPIRY_FIRST, LETTER_EXPIRY_LAST
from secor.notices.models import Notice
from secor.notices.services import notices_sweep
from tests.clock import on
from tests.factories import CompanyFactory
from tests.milestones.helpers import milestone_1_met, registered
from tests.reckoned import folded

pytestmark = pytest.mark.django_db
FIRST = MilestoneLetter.Milestone.FIRST


def status_of(company):
    company.refresh_from_db()
    return company.status, company.derolled_on


def register_again(company, owner, staff_user, day: date):
    """The company applies again through the registration and SCSA accepts it on `day`."""
    details = {name: getattr(company, name) for name in COMPANY_DETAIL_FIELDS}
    details |= {"acts_as_general_contractor": False, "expected_workers_as_general_contractor": None}
    with on(day):
        application = application_submit(
            user=owner,
            details=details,
            workers=DeclaredWorkers({"owners_office": 1, "full_time_field": 3}),
            signed_name="Alice Owner",
            company=company,
        )
        application_accept(application=application, actor=staff_user)
    company.refresh_from_db()


# --- MIL-1: registered again, the company starts afresh ------------------------------------------------------


def test_mil_1_a_company_registered_again_after_its_de_roll_gets_a_new_letter_and_is_de_rolled_on_it(
    company, employer, staff_user, login
):
    old = registered(company, date(2025, 1, 5))  # expires January 5, 2026
    with on(date(2026, 1, 6)):
        services.letters_settle_expired()
    assert status_of(company) == (Company.Status.DEROLLED, date(2026, 1, 6))

    register_again(company, employer, staff_user, date(2026, 7, 10))  # after ELIG-5's wait

    new = MilestoneLetter.objects.exclude(pk=old.pk).get(company=company)
    assert (new.milestone, new.issued_on, new.expires_on) == (FIRST, date(2026, 7, 10), date(2027, 7, 10))
    old.refresh_from_db()
    assert old.earlier_registration and old.settled == MilestoneLetter.Settled.DEROLLED
    assert old.history.first().earlier_registration  # its history keeps the change, as for every letter's
    with on(date(2026, 7, 11)):
        page = login(employer).get(reverse("companies:detail", args=[company.pk])).content.decode()
    current, earlier = page.split('id="earlier-letters"')
    assert new.reference in current and "Expires July 10, 2027" in folded(current) and old.reference not in current
    assert old.reference in earlier and "an earlier registration" in earlier
    # MIL-4: the roadmap runs from the new registration, month 1.
    assert "SCSA's suggested dates from the registration on July 10, 2026" in page
    assert "July 10, 2026 \u2013 January 10, 2027" in page  # courses: months 1 to 6
    # MIL-3 applies to the new letter as to the first.
    with on(date(2027, 7, 10)):
        assert services.letters_settle_expired().derolled == []
    with on(date(2027, 7, 11)):
        assert services.letters_settle_expired().derolled == [company.pk]
    assert status_of(company) == (Company.Status.DEROLLED, date(2027, 7, 11))


def test_mil_1_a_company_that_withdrew_and_registered_again_is_not_held_to_its_old_letters(
    company, employer, staff_user
):
    first = registered(company, date(2025, 1, 5))
    with on(date(2025, 3, 1)):
        company_change_status(company=company, actor=staff_user, action="withdraw", reason="Closing for winter")
    register_again(company, employer, staff_user, date(2025, 12, 1))
    new = company.milestone_letters.exclude(pk=first.pk).get()
    assert new.expires_on == date(2026, 12, 1)
    # The old letter, still open when the company left, expires on January 5, 2026: it de-rolls nobody.
    with on(date(2026, 1, 7)):
        assert services.letters_settle_expired().derolled == []
    assert status_of(company)[0] == Company.Status.REGISTERED
    first.refresh_from_db()
    assert first.earlier_registration and first.settled == MilestoneLetter.Settled.OPEN
    with pytest.raises(ValidationError, match="earlier registration"):
        services.letter_extend(letter=first, actor=staff_user, to_date=date(2026, 6, 1), reason="By mistake")


def test_mil_1_a_reinstated_company_keeps_its_letter_to_be_extended(company, staff_user):
    """Reinstating is not registering again: the registration date and its letter stay (README)."""
    letter = registered(company, date(2025, 1, 5))
    with on(date(2026, 1, 6)):
        services.letters_settle_expired()
        services.letter_extend(letter=letter, actor=staff_user, to_date=date(2026, 3, 1), reason="SCSA's delay")
        company_change_status(company=company, actor=staff_user, action="reinstate", reason="Letter extended")
    assert list(company.milestone_letters.values_list("pk", "earlier_registration")) == [(letter.pk, False)]


# --- MIL-2: asking for the Milestone #2 letter is a deadline of the #1 letter -------------------------------


def test_mil_2_milestone_1_met_without_the_request_de_rolls_the_day_after_the_expiry(company):
    letter = registered(company, date(2026, 1, 5))  # expires January 5, 2027
    milestone_1_met(company, manual_approved_on=date(2026, 10, 1))
    with on(date(2027, 1, 5), hour=23):
        assert services.letters_settle_expired().derolled == []
    with on(date(2027, 1, 6), hour=0):
        assert services.letters_settle_expired().derolled == [company.pk]
    assert status_of(company) == (Company.Status.DEROLLED, date(2027, 1, 6))
    letter.refresh_from_db()
    assert letter.settled == MilestoneLetter.Settled.DEROLLED
    reason = company.events.get(kind="status").detail
    assert "Milestone #1 met but no Milestone #2 letter requested: the request was due by that day" in reason


def test_mil_2_the_request_made_on_the_expiry_day_settles_milestone_1_as_met(company, employer):
    letter = registered(company, date(2026, 1, 5))
    milestone_1_met(company, manual_approved_on=date(2026, 10, 1))
    with on(date(2027, 1, 5)):
        services.milestone_request_next(company=company, actor=employer)
    with on(date(2027, 1, 6)):
        assert services.letters_settle_expired().met == [company.pk]
    letter.refresh_from_db()
    assert (letter.settled, status_of(company)[0]) == (MilestoneLetter.Settled.MET, Company.Status.REGISTERED)


def test_mil_2_ntc_1_the_warnings_and_next_steps_name_the_missing_request_and_its_date(
    company, employer, staff_user, login
):
    registered(company, date(2026, 1, 5))
    milestone_1_met(company, manual_approved_on=date(2026, 10, 1))
    with on(date(2026, 11, 6)):  # 60 days before the expiry
        notices_sweep()
        page = login(employer).get(reverse("companies:detail", args=[company.pk])).content.decode()
    warning = Notice.objects.get(kind=LETTER_EXPIRY_FIRST, recipient_email=employer.email)
    assert "ask SCSA for your Milestone #2 letter by January 5, 2027" in warning.body
    assert "requirements are not all met" not in warning.body
    assert "Ask SCSA for your Milestone #2 letter by January 5, 2027" in page  # the next steps and the milestones
    assert 'data-letter-state="request-missing"' in page
    assert "MIL-2" not in page  # rule ids are for staff
    with on(date(2026, 11, 7)):
        services.milestone_request_next(company=company, actor=employer)
    with on(date(2026, 12, 22)):  # 14 days before: asked for, nothing to warn about
        notices_sweep()
        page = login(employer).get(reverse("companies:detail", args=[company.pk])).content.decode()
    assert not Notice.objects.filter(kind=LETTER_EXPIRY_LAST).exists()
    assert "Ask SCSA for your Milestone #2 letter" not in page


def test_mil_2_staff_see_the_missing_requests_soonest_expiry_first(company, other_company, staff_user, login):
    later = CompanyFactory(legal_name="Later Roofing Ltd.")
    asked = CompanyFactory(legal_name="Asked Already Ltd.")
    unmet = CompanyFactory(legal_name="Not Met Ltd.")
    for each, registered_on in (
        (later, date(2026, 4, 1)),
        (company, date(2026, 2, 1)),
        (asked, date(2026, 1, 15)),
        (unmet, date(2026, 1, 20)),
    ):
        registered(each, registered_on)
        if each is not unmet:
            milestone_1_met(each, manual_approved_on=date(2026, 10, 1), email=f"jane@{each.pk}.example")
    with on(date(2026, 10, 2)):
        services.milestone_request_next(company=asked, actor=staff_user)
    with on(date(2026, 11, 1)):
        watch = login(staff_user).get(reverse("milestones:watch"))
    missing = watch.context["requests_missing"]
    assert [(letter.company, letter.expires_on) for letter in missing] == [
        (company, date(2027, 2, 1)),
        (later, date(2027, 4, 1)),
    ]
    table = watch.content.decode().split('id="requests-missing"')[1]
    assert table.index("Alice Roofing Ltd.") < table.index("Later Roofing Ltd.") and "Asked Already" not in table


def test_mil_2_a_milestone_2_letter_expiring_without_an_achieved_baseline_de_rolls_the_next_day(company, staff_user):
    registered(company, date(2026, 1, 5))
    milestone_1_met(company, manual_approved_on=date(2026, 8, 20))
    with on(date(2026, 9, 1)):
        second = services.letter_issue_next(company=company, actor=staff_user)  # expires July 5, 2027
    with on(date(2027, 7, 5)):
        assert services.letters_settle_expired().derolled == []
    with on(date(2027, 7, 6)):
        assert services.letters_settle_expired().derolled == [company.pk]
    assert status_of(company) == (Company.Status.DEROLLED, date(2027, 7, 6))
    second.refresh_from_db()
    assert (second.settled, second.settled_on) == (MilestoneLetter.Settled.DEROLLED, date(2027, 7, 6))
