"""Staff decide applications and change a company's status: each decision asks first where it has consequences,
and a refused one says why (ELIG-5)."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from companies.models import Application, Company
from tests.factories import ApplicationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_a_status_change_without_a_reason_is_refused_with_the_reason_why(login, company, staff_user):
    response = login(staff_user).post(
        reverse("companies:status", args=[company.pk]), {"action": "deroll", "reason": ""}, follow=True
    )
    assert "Record the reason for this change" in response.text
    company.refresh_from_db()
    assert company.status == Company.Status.REGISTERED


def test_staff_accept_an_application_from_the_queue(login, staff_user, django_capture_on_commit_callbacks):
    application = ApplicationFactory(company__legal_name="Queue Ltd.")
    MembershipFactory(company=application.company, user=application.submitted_by)
    client = login(staff_user)
    assert "Queue Ltd." in client.get(reverse("companies:applications")).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("companies:application", args=[application.pk]), CONFIRMED_ACCEPT)
    assert response.url == reverse("companies:detail", args=[application.company_id])
    assert Company.objects.get(pk=application.company_id).status == Company.Status.REGISTERED
    assert not client.get(reverse("companies:applications")).context["page"]
    # One email: the decision, with the Milestone #1 letter that comes with the registration (MIL-1).
    (decision,) = mail.outbox
    assert decision.subject.startswith("[SECOR] Your application for Queue Ltd.")
    assert "SCSA has issued your Milestone #1 letter, number SECOR-M1-" in decision.body


CONFIRMED_ACCEPT = {"accept": "1", "confirmed": "yes"}


def test_accepting_an_application_asks_first_and_the_page_that_asks_carries_the_decision(login, staff_user):
    application = ApplicationFactory(company__legal_name="Queue Ltd.")
    client = login(staff_user)
    asking = client.post(reverse("companies:application", args=[application.pk]), {"accept": "1"})
    assert asking.status_code == 200
    assert "Accept the application of Queue Ltd. and register it in SECOR?" in asking.text
    assert "An accepted application cannot be declined afterwards." in asking.text
    assert Company.objects.get(pk=application.company_id).status == Company.Status.APPLIED
    # The page re-posts what was sent, with the confirmation: no JavaScript needed.
    assert '<input type="hidden" name="accept" value="1">' in asking.text
    assert '<input type="hidden" name="confirmed" value="yes">' in asking.text
    client.post(reverse("companies:application", args=[application.pk]), CONFIRMED_ACCEPT)
    assert Company.objects.get(pk=application.company_id).status == Company.Status.REGISTERED


def test_declining_asks_first_repeating_the_reason_the_employer_will_read(login, staff_user):
    application = ApplicationFactory()
    url = reverse("companies:application", args=[application.pk])
    decline = {"decline": "1", "reason": "Your postal code is outside Saskatchewan."}
    asking = login(staff_user).post(url, decline)
    assert "with your reason: “Your postal code is outside Saskatchewan.”" in asking.text
    assert Application.objects.get().decision == Application.Decision.PENDING
    response = login(staff_user).post(url, decline | {"confirmed": "yes"}, follow=True)
    assert f"The application of {application.company} is declined." in response.text
    assert Application.objects.get().decision == Application.Decision.DECLINED


def test_elig_5_a_de_roll_asks_first_with_the_date_the_company_may_register_again(login, company, staff_user):
    client = login(staff_user)
    url = reverse("companies:status", args=[company.pk])
    de_roll = {"action": "deroll", "reason": "Milestone letter expired", "effective_on": "2026-03-02"}
    asking = client.post(url, de_roll)
    assert f"De-roll {company}?" in asking.text
    assert "is removed from SECOR on March 2, 2026." in asking.text
    assert "cannot register again until September 2, 2026 (ELIG-5)." in asking.text
    assert Company.objects.get(pk=company.pk).status == Company.Status.REGISTERED
    response = client.post(url, de_roll | {"confirmed": "yes"}, follow=True)
    assert f"De-roll of {company} recorded: it is now “De-rolled”." in response.text
    assert Company.objects.get(pk=company.pk).derolled_on == date(2026, 3, 2)


def test_elig_5_a_de_roll_dated_after_today_is_refused_before_the_confirmation_page(login, company, staff_user):
    later = {"action": "deroll", "reason": "Letter expired", "effective_on": "2099-01-01"}
    response = login(staff_user).post(reverse("companies:status", args=[company.pk]), later, follow=True)
    assert f"De-roll {company}?" not in response.text
    assert "A de-roll is never dated after today. Choose" in response.text and "or an earlier date" in response.text
    assert Company.objects.get(pk=company.pk).status == Company.Status.REGISTERED


def test_a_status_change_the_company_cannot_take_is_refused_without_asking(login, company, staff_user):
    response = login(staff_user).post(
        reverse("companies:status", args=[company.pk]), {"action": "reinstate", "reason": "Oops"}, follow=True
    )
    assert "cannot be given that status change" in response.text


def test_declining_without_a_reason_keeps_the_application_waiting(login, staff_user):
    application = ApplicationFactory()
    response = login(staff_user).post(reverse("companies:application", args=[application.pk]), {"decline": "1"})
    assert response.context["decline_form"].errors["reason"]
    assert Application.objects.get().decision == Application.Decision.PENDING


def test_withdrawing_an_applied_company_closes_its_application(login, staff_user):
    application = ApplicationFactory()
    client = login(staff_user)
    client.post(
        reverse("companies:status", args=[application.company_id]),
        {"action": "withdraw", "reason": "Asked to stop", "confirmed": "yes"},
    )
    application.refresh_from_db()
    assert application.decision == Application.Decision.CLOSED
    assert not client.get(reverse("companies:applications")).context["page"]
    response = client.post(reverse("companies:application", args=[application.pk]), {"accept": "1"}, follow=True)
    assert "This application has already been decided." in response.text
    assert Company.objects.get(pk=application.company_id).status == Company.Status.WITHDRAWN


def test_a_second_click_on_accept_says_the_application_is_decided(login, staff_user):
    application = ApplicationFactory()
    client = login(staff_user)
    client.post(reverse("companies:application", args=[application.pk]), CONFIRMED_ACCEPT)
    response = client.post(reverse("companies:application", args=[application.pk]), {"accept": "1"}, follow=True)
    assert response.status_code == 200
    assert "This application has already been decided." in response.text
