"""A company's whole life with its letters (DOMAIN section 8): registered again it starts afresh (MIL-1); the
request for Milestone #2 is one of the #1 letter's deadlines, and #2 lapses like #1 (MIL-2)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from companies.models import Company
from companies.services import DeclaredWorkers, application_accept, application_submit, company_change_status
from companies.services.details import COMPANY_DETAIL_FIELDS
from milestones import services
from milestones.models import MilestoneLetter
from tests.milestones.helpers import on, registered

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
    with on(date(2026, 7, 11)):
        page = login(employer).get(reverse("companies:detail", args=[company.pk])).content.decode()
    current, earlier = page.split('id="earlier-letters"')
    assert new.reference in current and "Expires July 10, 2027" in current and old.reference not in current
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
