"""The kept ELIG-1 headcount the company list filters and sorts by: right after every roster change, and
right on the day a start or end date passes, without any job running (DOMAIN's principle)."""

from datetime import date

import pytest
from django.urls import reverse

from companies import services
from companies.models import Company
from companies.rules import EmploymentType
from secor.core.models import ProgramSettings
from tests.clock import on
from tests.factories import CompanyFactory, EmployeeFactory

pytestmark = pytest.mark.django_db


def kept(company) -> int | None:
    return Company.objects.get(pk=company.pk).counted_workers


def listed_headcounts(client) -> dict[str, int]:
    page = client.get(reverse("companies:list"), {"sort": "headcount"})
    return {company.legal_name: company.headcount for company in page.context["page"]}


def test_elig_1_the_kept_count_follows_a_roster_change_in_the_same_transaction(login, company, employer):
    services.headcounts_refresh(today=date(2026, 11, 27))
    assert kept(company) == 0
    with on(date(2026, 11, 27)):
        login(employer).post(
            reverse("companies:employee_add", args=[company.pk]),
            {
                "first_name": "Maria",
                "last_name": "Santos",
                "employment_type": EmploymentType.FULL_TIME,
                "is_permanent": "on",
                "works_in_saskatchewan": "on",
                "location": "field",
                "start_date": "2026-01-05",
            },
        )
    assert kept(company) == 1


def test_elig_1_a_start_date_and_an_end_date_change_the_list_on_their_day(login, staff_user):
    company = CompanyFactory(legal_name="Dated Ltd.")
    EmployeeFactory(company=company, start_date=date(2026, 1, 5))
    EmployeeFactory(company=company, start_date=date(2026, 12, 1))  # counts from December 1
    EmployeeFactory(company=company, start_date=date(2026, 1, 5), end_date=date(2026, 12, 3))  # through December 3
    client = login(staff_user)
    for day, expected in [
        (date(2026, 11, 30), 2),
        (date(2026, 12, 1), 3),
        (date(2026, 12, 3), 3),
        (date(2026, 12, 4), 2),
    ]:
        with on(day):
            assert listed_headcounts(client)["Dated Ltd."] == expected, day


def test_a_second_refresh_the_same_day_touches_no_company(company):
    EmployeeFactory(company=company)
    assert services.headcounts_refresh(today=date(2026, 11, 27)) >= 1
    assert services.headcounts_refresh(today=date(2026, 11, 27)) == 0


def test_elig_1_changing_whether_consultants_count_recounts_every_company(login, staff_user, company):
    EmployeeFactory(company=company, employment_type=EmploymentType.CONSULTANT)
    client = login(staff_user)
    assert listed_headcounts(client)[company.legal_name] == 0
    settings = ProgramSettings.current()
    settings.consultants_count_toward_headcount = True
    settings.save()  # says the settings changed, as the admin's form does
    assert listed_headcounts(client)[company.legal_name] == 1


def test_elig_1_the_company_page_reads_the_kept_count_and_counts_when_a_day_has_changed_it(login, staff_user, company):
    EmployeeFactory(company=company, start_date=date(2026, 1, 5))
    EmployeeFactory(company=company, start_date=date(2026, 12, 1))
    client = login(staff_user)
    with on(date(2026, 11, 30)):
        services.headcounts_refresh(today=date(2026, 11, 30))
        assert client.get(reverse("companies:detail", args=[company.pk])).context["headcount"] == 1
    with on(date(2026, 12, 1)):  # the kept count is stale now: the page counts
        assert client.get(reverse("companies:detail", args=[company.pk])).context["headcount"] == 2
