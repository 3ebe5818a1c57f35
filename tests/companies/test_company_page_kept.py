"""The company page's sections are kept per company, viewer and day until a write names the company
(secor/pages/companies.py, secor/company_keep.py)."""

import pickle
import re
from datetime import date

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from companies.services import employee_add
from secor import company_keep
from secor.core.models import ProgramSettings
from secor.pages.companies import PAGE_DATA
from tests.clock import on
from tests.companies.test_services import employee_data
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
ROSA = employee_data()  # Rosa Delgado, full time from January


@pytest.fixture(autouse=True)
def _today():
    with on(date(2026, 11, 26)):
        yield


def page(client, company) -> tuple[str, bool]:
    """The company page, and whether it computed its sections (rendered them) to show it."""
    response = client.get(reverse("companies:detail", args=[company.pk]))
    assert response.status_code == 200
    return response.text, any(template.name == "companies/detail/_main.html" for template in response.templates)


def headcount(html: str) -> str:
    return re.search(r'<span id="headcount">(\d+)</span>', html).group(1)


def test_the_page_is_computed_once_and_then_read_kept(login, company, employer):
    client = login(employer)
    first, computed = page(client, company)
    assert computed
    again, computed = page(client, company)
    assert not computed
    assert headcount(again) == headcount(first) == "0"


def test_a_write_naming_the_company_is_on_its_page_at_once(login, company, employer):
    client = login(employer)
    assert headcount(page(client, company)[0]) == "0"
    employee_add(company=company, actor=employer, data=ROSA)
    html, computed = page(client, company)
    assert computed
    assert headcount(html) == "1"
    assert "Rosa Delgado added to the roster" in html  # the timeline's head


def test_a_write_to_another_company_leaves_the_page_kept(login, company, employer, other_company, other_employer):
    client = login(employer)
    page(client, company)
    employee_add(company=other_company, actor=other_employer, data=ROSA)
    assert not page(client, company)[1]


def test_a_write_naming_no_company_moves_every_companys_page(login, company, employer):
    client = login(employer)
    page(client, company)
    settings = ProgramSettings.current()
    settings.cor_contact = "Call Pat at SCSA."
    settings.save()
    assert page(client, company)[1]


def test_the_page_is_kept_for_its_day(login, company, employer):
    client = login(employer)
    page(client, company)
    with on(date(2026, 11, 27)):
        assert page(client, company)[1]


def test_trn_9_the_rule_ids_staff_read_never_reach_an_employers_kept_page(company, employer, staff_user, auditor):
    """Staff and program auditors read "(TRN-9)" after the training requirements not met; the employer, who opens
    the page after staff kept theirs, the words alone; and staff after the employer, the ids again."""
    staff = signed_in(staff_user)
    assert "Training requirements not met (TRN-9)" in page(staff, company)[0]
    employer_page, computed = page(signed_in(employer), company)
    assert computed
    assert "Training requirements not met:" in employer_page
    assert "(TRN-" not in employer_page
    assert "Training requirements not met (TRN-9)" in page(signed_in(auditor), company)[0]
    assert "Training requirements not met (TRN-9)" in page(staff, company)[0]


def test_the_forms_of_a_kept_page_carry_each_viewers_own_csrf_token(company, staff_user, auditor):
    """Sections are kept for the person who reads them, with their own CSRF token in their forms: another staff
    member's page is their own, and a kept page is served as it was rendered, its forms posting."""
    page(signed_in(staff_user), company)
    other = signed_in(StaffFactory(), enforce_csrf_checks=True)
    assert page(other, company)[1]  # computed for them
    html, computed = page(other, company)
    assert not computed  # and kept for them
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = other.post(
        reverse("companies:auditors", args=[company.pk]), {"remove": auditor.pk, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert not company.auditor_assignments.exists()


def signed_in(user, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


def test_a_transaction_moves_the_tokens_of_all_its_companies_once_at_its_commit(
    login, company, employer, other_company, other_employer, django_capture_on_commit_callbacks
):
    client, other_client = login(employer), signed_in(other_employer)
    page(client, company)
    page(other_client, other_company)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        employee_add(company=company, actor=employer, data=ROSA)
        employee_add(company=other_company, actor=other_employer, data=ROSA)
    moves = [callback for callback in callbacks if getattr(callback, "run", None) is company_keep._move]
    assert len(moves) == 1
    assert page(client, company)[1]
    assert page(other_client, other_company)[1]


def queries_reading(queries, table: str) -> list[str]:
    return [query["sql"] for query in queries.captured_queries if f'FROM "{table}"' in query["sql"]]


def test_what_the_page_shows_is_computed_once_for_every_viewer_and_rendered_for_each(company, employer, staff_user):
    """The sections' data is kept for the company, whoever reads it; each viewer's sections are rendered from it (issue
    23: computing it was most of a page after a write). What staff alone may do is not in an employer's context."""
    page(signed_in(staff_user), company)
    with CaptureQueriesContext(connection) as queries:
        html, computed = page(signed_in(employer), company)
    assert computed  # rendered for the employer…
    assert not queries_reading(queries, "training_trainingrecord")  # …from the data computed for staff
    assert "Choose a program auditor" not in html and "Record a status change" not in html


def test_a_write_naming_the_company_has_a_worker_compute_its_page_before_it_is_read(
    login, company, employer, django_capture_on_commit_callbacks
):
    client = login(employer)
    page(client, company)
    with django_capture_on_commit_callbacks(execute=True):
        employee_add(company=company, actor=employer, data=ROSA)
    with CaptureQueriesContext(connection) as queries:
        html, computed = page(client, company)
    assert computed and headcount(html) == "1"  # rendered again, from the data the worker computed
    assert not queries_reading(queries, "companies_employee")


def test_the_data_kept_for_a_page_holds_no_password_hash(company, employer, staff_user):
    """Kept in the shared cache, the page's people (its users, the auditors, the timeline's actors, who decided the
    application) are loaded without their password hashes."""
    employer.set_password("a long enough passphrase")
    employer.save()
    page(signed_in(staff_user), company)
    kept = company_keep.kept_for_company(company.pk, [PAGE_DATA], lambda: pytest.fail("the data was not kept"))
    assert employer.password.encode() not in pickle.dumps(kept)
