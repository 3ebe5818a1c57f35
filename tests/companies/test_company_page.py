"""A company's own pages: its details, its roster, its timeline, its people and their invitations, and whether it
still qualifies (ELIG-3, ELIG-4, ELIG-7); and the home page that sends each role to its work."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from companies.rules import EmploymentType
from tests.factories import AuditorFactory, EmployeeFactory

pytestmark = pytest.mark.django_db


def test_elig_3_employer_and_staff_see_at_once_that_the_company_no_longer_qualifies(
    login, company, employer, staff_user
):
    EmployeeFactory.create_batch(9, company=company)
    client = login(employer)
    assert "no longer qualifies" not in client.get(reverse("companies:detail", args=[company.pk])).text
    client.post(
        reverse("companies:employee_add", args=[company.pk]),
        person_form(
            first_name="Tenth", last_name="Worker", employment_type=EmploymentType.CASUAL, start_date="2026-01-05"
        ),
    )
    # Staff read the rule id; the employer reads the same words without it.
    for user, reason in ((employer, "more than 9."), (staff_user, "more than 9 (ELIG-3).")):
        page = login(user).get(reverse("companies:detail", args=[company.pk])).text
        assert "This company no longer qualifies for SECOR." in page
        assert f"It has 10 Saskatchewan workers, {reason}" in page
    roster = login(employer).get(reverse("companies:roster", args=[company.pk])).text
    assert "This company no longer qualifies for SECOR." in roster


def person_form(**overrides) -> dict:
    """The roster form as an employer fills it in for a full-time worker in the field."""
    return {
        "first_name": "Rosa",
        "last_name": "Delgado",
        "employment_type": EmploymentType.FULL_TIME,
        "works_in_saskatchewan": "on",
        "location": "field",
        "start_date": "2026-03-01",
        **overrides,
    }


def test_the_roster_form_keeps_the_answers_and_explains_each_problem(login, company, employer):
    EmployeeFactory(company=company, first_name="Rosa", last_name="Delgado")
    response = login(employer).post(
        reverse("companies:employee_add", args=[company.pk]),
        person_form(end_date="2026-02-01"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["end_date"] == ["The end date cannot be before the start date (March 1, 2026)."]
    assert company.employees.count() == 1
    # Once the date is right, the duplicate name is what remains to fix.
    response = login(employer).post(
        reverse("companies:employee_add", args=[company.pk]),
        person_form(),
    )
    assert "Rosa Delgado is already on the roster." in response.context["form"].errors["last_name"][0]
    assert 'value="2026-03-01"' in response.text


def test_the_roster_marks_who_is_counted(login, company, employer):
    EmployeeFactory(
        company=company, first_name="Connie", last_name="Sultant", employment_type=EmploymentType.CONSULTANT
    )
    EmployeeFactory(company=company, first_name="Gone", last_name="Away", end_date=date(2021, 1, 1))
    EmployeeFactory(company=company, first_name="Still", last_name="Here")
    response = login(employer).get(reverse("companies:roster", args=[company.pk]))
    assert response.context["headcount"] == 1
    assert [counted for _, counted in response.context["rows"]] == [False, True, False]


def test_an_auditor_reads_the_roster_but_cannot_change_it(login, company, auditor):
    employee = EmployeeFactory(company=company)
    client = login(auditor)
    assert "Add a person" not in client.get(reverse("companies:roster", args=[company.pk])).text
    assert client.get(reverse("companies:employee_add", args=[company.pk])).status_code == 404
    assert client.get(reverse("companies:employee_edit", args=[company.pk, employee.pk])).status_code == 404


def test_an_employer_edits_the_company_details_but_not_the_wcb_number(login, company, employer):
    client = login(employer)
    form = client.get(reverse("companies:edit", args=[company.pk])).context["form"]
    assert form.fields["wcb_account_number"].disabled
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(phone="306-555-0999", wcb_account_number="9999999", is_scsa_member="")
    response = client.post(reverse("companies:edit", args=[company.pk]), data)
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.phone == "306-555-0999"
    assert company.wcb_account_number != "9999999"
    assert "phone: 306-555-0142 → 306-555-0999" in company.events.get().detail


def test_the_timeline_shows_who_did_what(login, company, employer, staff_user):
    login(staff_user).post(
        reverse("companies:status", args=[company.pk]),
        {"action": "withdraw", "reason": "Company closed its doors", "confirmed": "yes"},
    )
    page = login(employer).get(reverse("companies:detail", args=[company.pk])).text
    assert "Status changed from Registered to Withdrawn" in page
    assert "Company closed its doors" in page
    assert "Sam Staff" in page


def test_staff_invite_a_program_auditor_and_assign_companies(
    login, staff_user, company, django_capture_on_commit_callbacks
):
    client = login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("companies:people"),
            {"first_name": "Ola", "last_name": "Nordmann", "email": "ola@scsa.example", "role": "auditor"},
        )
    assert "ola@scsa.example" in mail.outbox[0].to
    auditor = AuditorFactory._meta.model.objects.get(email="ola@scsa.example")
    client.post(reverse("companies:auditors", args=[company.pk]), {"auditor": auditor.pk})
    assert list(company.assigned_auditors.all()) == [auditor]
    assert company.legal_name in client.get(reverse("companies:people")).text
    client.post(reverse("companies:auditors", args=[company.pk]), {"remove": auditor.pk})
    assert not company.assigned_auditors.exists()


def test_the_owner_invites_a_colleague_but_a_colleague_cannot_invite(login, company, employer):
    client = login(employer)
    response = client.post(
        reverse("companies:member_invite", args=[company.pk]),
        {"first_name": "Kim", "last_name": "Lee", "email": "kim@roofing.example"},
    )
    assert response.status_code == 302
    colleague = company.memberships.get(is_owner=False).user
    assert login(colleague).get(reverse("companies:member_invite", args=[company.pk])).status_code == 404


def test_home_sends_each_role_to_its_work(client, login, staff_user, auditor, employer, company):
    assert "Register your company" in client.get("/").text
    assert login(staff_user).get("/").url == reverse("pages:dashboard")
    assert login(auditor).get("/").url == reverse("companies:list")
    assert login(employer).get("/").url == reverse("companies:detail", args=[company.pk])


def test_removing_an_auditor_with_a_malformed_id_changes_nothing(login, staff_user, company, auditor):
    client = login(staff_user)
    response = client.post(reverse("companies:auditors", args=[company.pk]), {"remove": "abc"})
    assert response.status_code == 302
    assert list(company.assigned_auditors.all()) == [auditor]
    # Refused with why, on the page it returns to.
    assert "Choose a program auditor assigned to the company to remove." in client.get(response.url).text


def test_elig_4_a_registered_company_expecting_a_large_crew_no_longer_qualifies(login, company, employer, staff_user):
    client = login(employer)
    data = {
        name: value
        for name, value in client.get(reverse("companies:edit", args=[company.pk])).context["form"].initial.items()
        if value is not None
    }
    data.update(acts_as_general_contractor="on", expected_workers_as_general_contractor=40, is_scsa_member="")
    assert client.post(reverse("companies:edit", args=[company.pk]), data).status_code == 302
    page = client.get(reverse("companies:detail", args=[company.pk])).text
    assert "This company no longer qualifies for SECOR." in page
    assert "it expects to engage 40 workers, sub-contractors included." in page
    flagged = login(staff_user).get(reverse("companies:list"), {"over_limit": "1"}).context["page"]
    assert [c.legal_name for c in flagged] == [company.legal_name]


def test_elig_7_only_staff_change_the_scsa_membership_after_applying(login, company, employer, staff_user):
    assert (
        login(employer)
        .get(reverse("companies:edit", args=[company.pk]))
        .context["form"]
        .fields["is_scsa_member"]
        .disabled
    )
    assert (
        not login(staff_user)
        .get(reverse("companies:edit", args=[company.pk]))
        .context["form"]
        .fields["is_scsa_member"]
        .disabled
    )


def test_duplicate_names_are_found_in_every_alphabet(login, company, employer):
    data = person_form(first_name="ΣΑΣ", last_name="ΟΔΟΣ")
    client = login(employer)
    client.post(reverse("companies:employee_add", args=[company.pk]), data)
    response = client.post(reverse("companies:employee_add", args=[company.pk]), data)
    assert "is already on the roster" in response.context["form"].errors["last_name"][0]
    assert company.employees.count() == 1
