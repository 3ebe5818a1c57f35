"""The company list staff and program auditors work from: search, filters, sorting, pages, and its CSV export."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from companies.models import Company
from secor import hooks
from tests.factories import AuditorAssignmentFactory, CompanyFactory, EmployeeFactory

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


def test_the_search_ignores_accents_punctuation_case_and_spaces(login, staff_user):
    CompanyFactory(legal_name="Qu'Appelle Electric Ltd.", city="Fort Qu'Appelle")
    CompanyFactory(legal_name="Île-à-la-Crosse Builders", operating_name="Lac Île Roofing", city="Île-à-la-Crosse")
    CompanyFactory(legal_name="Yorkton Yards Inc.", city="Yorkton")
    client = login(staff_user)
    assert names_on(list_page(client, q="quappelle")) == ["Qu'Appelle Electric Ltd."]
    assert names_on(list_page(client, q="QU APPELLE electric")) == ["Qu'Appelle Electric Ltd."]
    assert names_on(list_page(client, q="ile a la crosse")) == ["Île-à-la-Crosse Builders"]
    assert names_on(list_page(client, q="lac ile")) == ["Île-à-la-Crosse Builders"]
    # A term never matches across the name and the city.
    assert names_on(list_page(client, q="incyorkton")) == []


def test_a_renamed_company_is_found_by_its_new_name(login, staff_user, company):
    company.operating_name = "Café Crème Roofing"
    company.save(update_fields=["operating_name"])
    assert names_on(list_page(login(staff_user), q="cafe creme")) == [company.legal_name]


def test_the_name_search_reads_its_trigram_index():
    """The bench's 20,000 companies are searched through the index, not row by row (PostgreSQL)."""
    query = Company.objects.filter(search_text__contains="quappelle").order_by().values("pk")
    with connection.cursor() as cursor:
        # The test's table is small: only an index the search can use may be chosen.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = query.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "company_search_text" in plan


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
        # Made by factories, not the registration's service: the write said as that service says it.
        hooks.changed(hooks.Topic.COMPANY_STATUS)

    add_companies(3)
    # The first view of new companies also computes their training summaries: a fixed batch of queries
    # (the navigation's queue counts, the roadmap stages of the page and the day's first look for expired
    # milestone letters, one query each, included; the summaries' writes in a savepoint of the test's transaction).
    with django_assert_max_num_queries(26) as few:
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


def test_a_nul_character_in_the_search_is_answered_400(login, staff_user, company):
    # PostgreSQL's text cannot hold one: the address is refused before the list reads it (secor.query).
    assert login(staff_user).get(reverse("companies:list"), {"q": "Alice\x00", "status": "\x00"}).status_code == 400


def test_each_row_is_kept_until_a_write_names_its_company_and_the_count_until_one_adds_a_company(login, staff_user):
    """A row shows its company's own figures alone: it is kept as rendered for the company and the day
    (secor.company_keep), and a write naming one company renders that one row again (issue 23: rendering the rows
    was most of the list's time). The count is kept until a write to what the filters read."""
    first, second = CompanyFactory(legal_name="Aspen Roofing Ltd."), CompanyFactory(legal_name="Birch Roofing Ltd.")
    client = login(staff_user)
    assert names_on(list_page(client)) == ["Aspen Roofing Ltd.", "Birch Roofing Ltd."]
    # Changed under the seam, as SQL typed by hand would: only what a write then names is read again.
    Company.objects.filter(pk__in=[first.pk, second.pk]).update(city="Estevan")
    hooks.changed(hooks.Topic.COMPANY, company_ids=[second.pk])
    rows = list_page(client).context["page"]
    assert ["<td>Regina</td>" in rows[0].html, "<td>Estevan</td>" in rows[1].html] == [True, True]
    third = CompanyFactory(legal_name="Cedar Roofing Ltd.")
    assert list_page(client).context["page"].paginator.count == 2  # kept: nothing was said
    hooks.changed(hooks.Topic.COMPANY_STATUS, company_ids=[third.pk])  # as the registration's service says it
    assert names_on(list_page(client)) == ["Aspen Roofing Ltd.", "Birch Roofing Ltd.", "Cedar Roofing Ltd."]


def test_a_write_has_a_worker_render_its_companys_row_before_the_list_is_read(
    login, staff_user, django_capture_on_commit_callbacks
):
    """Once a write naming a company commits, a worker renders its row (secor.pages.tasks): the list that staff open
    next reads it kept, as it reads the rows no write named (issue 23: the list after a write was 0.7x the admin's
    changelist, rendering that row)."""
    company = CompanyFactory(legal_name="Aspen Roofing Ltd.")
    client = login(staff_user)
    list_page(client)
    with django_capture_on_commit_callbacks(execute=True):
        Company.objects.filter(pk=company.pk).update(city="Estevan")
        hooks.changed(hooks.Topic.COMPANY, company_ids=[company.pk])  # as the details' service says it
    with CaptureQueriesContext(connection) as after_the_write:
        rows = list_page(client).context["page"]
    assert "<td>Estevan</td>" in rows[0].html
    # The count and the navigation's queues read the companies again (the write was to them); no row is rendered.
    assert not [query for query in after_the_write.captured_queries if '"companies_company"."city"' in query["sql"]]
