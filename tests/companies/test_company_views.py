import csv
import io
from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from companies.models import Application, Company
from companies.rules import EmploymentType
from secor import hooks
from tests.factories import (
    ApplicationFactory,
    AuditorAssignmentFactory,
    AuditorFactory,
    CompanyFactory,
    EmployeeFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db


def list_page(client, **params):
    return client.get(reverse("companies:list"), params)


def names_on(response):
    return [company.legal_name for company in response.context["page"]]


def test_staff_search_the_company_list_by_name_wcb_number_and_city(login, staff_user):
    CompanyFactory(legal_name="Estevan Electric Ltd.", city="Estevan", wcb_account_number="7000001")
    CompanyFactory(legal_name="Yorkton Yards Inc.", city="Yorkton", wcb_account_number="7000002")
    client = login(staff_user)
    assert names_on(list_page(client, q="estevan")) == ["Estevan Electric Ltd."]
    assert names_on(list_page(client, q="700 0002")) == ["Yorkton Yards Inc."]
    assert names_on(list_page(client, q="Yorkton")) == ["Yorkton Yards Inc."]


def test_staff_filter_by_status_membership_and_over_the_limit(login, staff_user):
    big = CompanyFactory(legal_name="Big Crew Ltd.", is_scsa_member=True)
    EmployeeFactory.create_batch(10, company=big)
    CompanyFactory(legal_name="Applied Ltd.", status=Company.Status.APPLIED, registration_date=None)
    CompanyFactory(legal_name="Small Crew Ltd.")
    client = login(staff_user)
    assert names_on(list_page(client, status="applied")) == ["Applied Ltd."]
    assert names_on(list_page(client, member="yes")) == ["Big Crew Ltd."]
    assert names_on(list_page(client, over_limit="1")) == ["Big Crew Ltd."]
    page = list_page(client).text
    assert "over limit" in page


def test_the_company_list_sorts_and_paginates(login, staff_user):
    for index in range(30):
        CompanyFactory(legal_name=f"Company {index:02d}", city="Regina" if index % 2 else "Saskatoon")
    client = login(staff_user)
    first_page = list_page(client, sort="-name")
    assert names_on(first_page)[0] == "Company 29"
    assert len(names_on(first_page)) == 25
    assert "Page 1 of 2 · 30 companies" in first_page.text
    assert names_on(list_page(client, sort="-name", page=2))[-1] == "Company 00"
    assert names_on(list_page(client, sort="city"))[0] == "Company 01"


def test_the_company_list_query_count_does_not_grow_with_the_number_of_companies(
    login, staff_user, django_assert_max_num_queries
):
    client = login(staff_user)

    def add_companies(count):
        for _ in range(count):
            company = CompanyFactory()
            EmployeeFactory.create_batch(2, company=company)

    add_companies(3)
    # The first view of new companies also computes their training summaries: a fixed batch of queries
    # (the navigation's queue counts, the roadmap stages of the page and the day's first look for expired
    # milestone letters, one query each, included).
    with django_assert_max_num_queries(24) as few:
        list_page(client, sort="headcount")
    add_companies(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = list_page(client, sort="headcount")
    assert len(response.context["page"]) == 23
    assert all(company.headcount == 2 for company in response.context["page"])


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_csv_export_has_every_company_of_the_current_filter(login, staff_user):
    EmployeeFactory.create_batch(3, company=CompanyFactory(legal_name="Kindersley Kitchens", city="Kindersley"))
    CompanyFactory(legal_name="Regina Roofing", city="Regina")
    response = login(staff_user).get(reverse("companies:export"), {"q": "Kindersley"})
    assert response["Content-Type"] == "text/csv"
    assert response.streaming  # written while sent: constant memory for 20,000 companies
    rows = csv_rows(response)
    assert rows[0][:3] == ["Legal name", "Operating name", "WCB account number"]
    assert len(rows) == 2
    assert rows[1][0] == "Kindersley Kitchens"
    assert rows[1][6] == "3"


def test_mil_3_the_csv_export_reads_the_de_rolls_due_once_whatever_its_rows(login, staff_user):
    """Its rows are written after the request has been handled (streamed): they still read what the request
    read once, so the export's queries do not grow with its companies."""
    client = login(staff_user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            csv_rows(client.get(reverse("companies:export")))
        return len(captured.captured_queries)

    def registered(count: int) -> None:
        companies = CompanyFactory.create_batch(count, status=Company.Status.REGISTERED)
        hooks.changed(hooks.Topic.COMPANY_STATUS, company_ids=[company.pk for company in companies])  # as services do
        queries()  # the new companies' headcounts are kept on the first read

    registered(2)
    few = queries()
    registered(5)
    assert queries() == few


def test_the_csv_export_keeps_a_typed_formula_from_running_in_a_spreadsheet(login, staff_user):
    CompanyFactory(legal_name="+1 Roofing", operating_name='=HYPERLINK("http://evil.example","Click")', email="@a.b")
    rows = csv_rows(login(staff_user).get(reverse("companies:export")))
    legal, operating = rows[1][0], rows[1][1]
    assert (legal, operating) == ("'+1 Roofing", '\'=HYPERLINK("http://evil.example","Click")')
    assert rows[1][10] == "'@a.b"
    assert rows[1][2].isdigit()  # numbers and ordinary text are untouched


def test_an_auditor_lists_only_the_assigned_companies(login):
    assignment = AuditorAssignmentFactory(company__legal_name="Assigned Ltd.")
    CompanyFactory(legal_name="Not Assigned Ltd.")
    assert names_on(list_page(login(assignment.auditor))) == ["Assigned Ltd."]


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


def test_a_nul_character_in_the_search_is_ignored(login, staff_user, company):
    assert login(staff_user).get(reverse("companies:list"), {"q": "Alice\x00", "status": "\x00"}).status_code == 200


def test_duplicate_names_are_found_in_every_alphabet(login, company, employer):
    data = person_form(first_name="ΣΑΣ", last_name="ΟΔΟΣ")
    client = login(employer)
    client.post(reverse("companies:employee_add", args=[company.pk]), data)
    response = client.post(reverse("companies:employee_add", args=[company.pk]), data)
    assert "is already on the roster" in response.context["form"].errors["last_name"][0]
    assert company.employees.count() == 1
