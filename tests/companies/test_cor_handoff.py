"""ELIG-3, ELIG-4: a company that no longer qualifies tells SCSA when it expects to register for COR; staff see
the hand-offs waiting and record the transfer, which ends its certificate (CERT-2)."""

from datetime import date

import pytest
from django.urls import reverse

from companies.models import Company, CorHandoff
from secor import hooks
from secor.core.models import ProgramSettings
from secor.timeline.models import Event
from tests.clock import on
from tests.factories import CompanyFactory, EmployeeFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = date(2027, 3, 3)
CONTACT = "Pat Lee, COR registration, 306-555-0199, cor@scsa.example"


@pytest.fixture(autouse=True)
def _today():
    with on(TODAY):
        yield


@pytest.fixture
def over(company):
    """`company` (Alice Roofing), registered in 2026, with 11 Saskatchewan workers: no longer qualifies (ELIG-3)."""
    Company.objects.filter(pk=company.pk).update(registration_date=date(2026, 1, 5))
    EmployeeFactory.create_batch(11, company=company)
    settings = ProgramSettings.current()
    settings.cor_contact = CONTACT
    settings.save()
    return company


def tell(client, company, **data):
    return client.post(reverse("companies:cor_handoff", args=[company.pk]), data)


def queue(client) -> list:
    return list(client.get(reverse("companies:cor_handoffs")).context["page"])


def test_elig_3_a_company_over_the_limit_tells_scsa_when_it_expects_to_register_for_cor(
    login, over, employer, staff_user
):
    client = login(employer)
    page = client.get(reverse("companies:detail", args=[over.pk])).text
    assert 'id="over-limit"' in page and CONTACT in page
    assert reverse("companies:cor_handoff", args=[over.pk]) in page and "ELIG-3" not in page
    assert ">Tell SCSA when you expect to register for COR</div>" in page  # its next step, until it has
    response = tell(client, over, expected_on="2027-06-01", note="Our COR auditor is booked for May.")
    assert response.status_code == 302
    handoff = CorHandoff.objects.get(company=over)
    assert (handoff.expected_on, handoff.told_on, handoff.told_by) == (date(2027, 6, 1), TODAY, employer)
    page = client.get(reverse("companies:detail", args=[over.pk])).text
    assert "You told SCSA on March 3, 2027 that it expects to register for COR on <strong>June 1, 2027" in page
    assert ">Tell SCSA when you expect to register for COR</div>" not in page
    event = Event.objects.get(company=over, kind="cor-handoff")
    assert event.summary == "Told SCSA it expects to register for COR on June 1, 2027"
    assert event.detail == "Our COR auditor is booked for May."
    # Staff see it waiting, in the navigation and the queue, with the count over the limit.
    staff = login(staff_user)
    page = staff.get(reverse("companies:cor_handoffs"))
    assert page.context["waiting"]["cor_handoffs"] == 1
    assert [row.company_id for row in page.context["page"]] == [over.pk]
    assert "11 workers" in page.text and "June 1, 2027" in page.text and "Our COR auditor" in page.text


def test_elig_3_a_date_in_the_past_is_refused_by_the_field_with_what_was_typed(login, over, employer):
    response = tell(login(employer), over, expected_on="2027-03-02", note="Soon")
    assert response.status_code == 200
    assert "Choose a date between March 3, 2027 and March 3, 2029." in response.text
    assert 'value="2027-03-02"' in response.text and "\nSoon</textarea>" in response.text
    assert "Choose a date between" in tell(login(employer), over, expected_on="9999-12-31").text  # a typo
    assert not CorHandoff.objects.exists()


def test_elig_3_a_company_that_qualifies_has_no_transfer_to_arrange(login, company, employer):
    EmployeeFactory.create_batch(9, company=company)
    response = tell(login(employer), company, expected_on="2027-06-01")
    assert response.status_code == 200 and "The company qualifies for SECOR" in response.text
    assert not CorHandoff.objects.exists()


def test_elig_4_a_general_contractor_expecting_more_than_9_workers_hands_off_too(login, staff_user):
    contractor = CompanyFactory(
        legal_name="Summit General Ltd.", acts_as_general_contractor=True, expected_workers_as_general_contractor=15
    )
    EmployeeFactory.create_batch(3, company=contractor)
    owner = MembershipFactory(company=contractor, user=UserFactory(email="owner@summit.example")).user
    assert tell(login(owner), contractor, expected_on="2027-09-01").status_code == 302
    page = login(staff_user).get(reverse("companies:cor_handoffs")).text
    assert "Summit General Ltd." in page and "3 workers; expects 15 as General Contractor" in page


def test_elig_3_a_company_back_under_the_limit_or_transferred_no_longer_waits(login, over, employer, staff_user):
    tell(login(employer), over, expected_on="2027-06-01")
    staff = login(staff_user)
    assert len(queue(staff)) == 1
    leaving = over.employees.order_by("pk")[:2]
    over.employees.filter(pk__in=[person.pk for person in leaving]).update(end_date=date(2027, 3, 2))
    hooks.changed(hooks.Topic.ROSTER, company_ids=[over.pk])  # what the roster's services say
    assert queue(staff) == []
    assert staff.get(reverse("pages:dashboard")).context["waiting"]["cor_handoffs"] == 0
    # Over again, then transferred: the status change ends the wait.
    EmployeeFactory.create_batch(2, company=over)
    hooks.changed(hooks.Topic.ROSTER, company_ids=[over.pk])
    assert len(queue(staff)) == 1
    staff.post(
        reverse("companies:status", args=[over.pk]),
        {"action": "transfer_to_cor", "reason": "Registered for COR", "confirmed": "yes"},
    )
    assert Company.objects.get(pk=over.pk).status == Company.Status.TRANSFERRED_TO_COR
    assert queue(staff) == []


def test_elig_3_the_roster_and_the_transfer_email_give_scsas_cor_contact(
    login, over, employer, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    assert CONTACT in login(employer).get(reverse("companies:roster", args=[over.pk])).text
    with django_capture_on_commit_callbacks(execute=True):
        login(staff_user).post(
            reverse("companies:status", args=[over.pk]),
            {"action": "transfer_to_cor", "reason": "Registered for COR", "confirmed": "yes"},
        )
    sent = next(email for email in mailoutbox if email.to == [employer.email])
    assert f"Your COR contact at SCSA: {CONTACT}" in sent.body


def test_elig_3_the_hand_offs_wait_the_oldest_first(login, over, employer, staff_user):
    later = CompanyFactory(legal_name="Aaron Framing Ltd.")
    EmployeeFactory.create_batch(10, company=later)
    with on(date(2027, 2, 1)):
        tell(login(employer), over, expected_on="2027-06-01")
    owner = MembershipFactory(company=later, user=UserFactory(email="owner@aaron.example")).user
    tell(login(owner), later, expected_on="2027-04-01")
    assert [row.company_id for row in queue(login(staff_user))] == [over.pk, later.pk]
