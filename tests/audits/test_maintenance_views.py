"""The maintenance pages (MNT-1, MNT-2): sending the package as plain form posts, bad input shown back by its
fields, the review, staff's queue and the anniversaries ahead or overdue, each in a fixed number of queries."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from audits.maintenance import services
from audits.maintenance.selectors import package_slots, slot_key
from audits.models import MaintenancePackage
from companies.services.headcounts import headcounts_refresh
from milestones.models import MilestoneLetter
from secor.reviews.models import Review
from tests.audits.cycle import certified, send_package
from tests.clock import on
from tests.factories import CompanyFactory, EmployeeFactory, pdf_bytes, pdf_upload
from tests.milestones.helpers import registered
from tests.test_dashboard import listed
from tests.test_query_counts import MAX_QUERIES, queries_of

pytestmark = pytest.mark.django_db
DAY = date(2027, 6, 1)
PACKAGES_OVERDUE = "Maintenance packages overdue (MNT-1): not sent by the anniversary, or not corrected in time"


def form(jane, **changes) -> dict:
    data = {"internal_auditor": str(jane.pk), "internal_audit_on": "2027-05-28"}
    data |= {
        slot_key(*slot): pdf_upload(f"{slot_key(*slot)}.pdf", pdf_bytes(title=slot_key(*slot)))
        for slot in package_slots()
    }
    return data | changes


def test_mnt_1_the_employer_sends_the_package_from_the_page(login, company, staff_user, employer):
    _, jane = certified(company, staff_user)
    client = login(employer)
    with on(DAY):
        page = client.get(reverse("audits:maintenance", args=[company.pk])).content.decode()
        assert 'data-maintenance="due"' in page and "Jane Doe" in page  # who qualifies, named
        response = client.post(reverse("audits:maintenance_submit", args=[company.pk]), form(jane))
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
    assert 'data-maintenance="in review"' in page and "Completed SECOR audit tool" in page
    assert "Internal audit by Jane Doe on May 28, 2027" in page  # its date written as every other
    assert MaintenancePackage.objects.get().review.latest_version.files.count() == 5


def test_mnt_1_bad_input_is_shown_back_by_its_fields_and_nothing_is_lost(login, company, staff_user, employer):
    _, jane = certified(company, staff_user)
    trainee = EmployeeFactory(company=company, first_name="Tom", last_name="Trainee")
    client = login(employer)
    url = reverse("audits:maintenance_submit", args=[company.pk])
    with on(DAY):
        data = form(jane, internal_audit_on="2027-05-20")
        del data["safe_job_procedure_2"]
        response = client.post(url, data)
        assert response.status_code == 200
        assert response.context["form"].errors["safe_job_procedure_2"] == ["Add this document."]
        assert 'value="2027-05-20"' in response.content.decode()  # the date typed is kept
        response = client.post(url, form(trainee))
        assert "was not a valid internal auditor on May 28, 2027" in str(response.context["form"].errors)
        other = EmployeeFactory(company=CompanyFactory())
        response = client.post(url, form(other))  # another company's person: not a choice here
        assert "internal_auditor" in response.context["form"].errors
    assert not MaintenancePackage.objects.exists()


def test_mnt_1_staff_give_it_from_the_queue_and_the_auditor_returns_it_then_the_company_corrects_it(
    login, client, company, staff_user, employer, unassigned_auditor
):
    _, jane = certified(company, staff_user)
    package = send_package(company, employer, jane, day=DAY)
    with on(DAY):
        staff = login(staff_user)
        assert package.company.legal_name in staff.get(reverse("audits:maintenance_queue")).content.decode()
        response = staff.post(
            reverse("audits:maintenance_assign", args=[company.pk, package.pk]),
            {"reviewer": unassigned_auditor.pk, "next": "queue"},
        )
        assert response["Location"] == reverse("audits:maintenance_queue")
        auditor = login(unassigned_auditor)
        assert f"package-{package.pk}" in auditor.get(reverse("audits:maintenance_queue")).content.decode()
        review = reverse("audits:maintenance_review", args=[company.pk, package.pk])
        response = auditor.post(review, {"outcome": "corrections", "comments": ""})
        assert "Say what needs correcting" in response.content.decode()
        auditor.post(review, {"outcome": "corrections", "comments": "Sign the audit tool."})
        employer_client = login(employer)
        page = employer_client.get(reverse("audits:maintenance_resubmit", args=[company.pk, package.pk]))
        assert "Sign the audit tool." in page.content.decode()
        data = {"internal_auditor": str(jane.pk), "internal_audit_on": "2027-05-28"}
        data["audit_tool_1"] = pdf_upload("signed.pdf", pdf_bytes(title="signed"))
        response = employer_client.post(reverse("audits:maintenance_resubmit", args=[company.pk, package.pk]), data)
        assert response.status_code == 302
    package.refresh_from_db()
    assert package.review.state == Review.State.SUBMITTED and package.review.versions.count() == 2


def test_mnt_1_mnt_2_staff_see_the_anniversaries_ahead_and_the_maintenance_overdue(login, company, staff_user):
    certified(company, staff_user)
    client = login(staff_user)
    with on(date(2027, 7, 1)):
        assert company.legal_name in client.get(reverse("audits:anniversaries") + "?within=60").content.decode()
        assert company.legal_name not in client.get(reverse("audits:anniversaries") + "?within=30").content.decode()
    with on(date(2027, 8, 12)):
        page = client.get(reverse("audits:anniversaries") + "?overdue=1").content.decode()
        assert company.legal_name in page and "not sent" in page


def _packages(count: int, staff, *, returned: bool = False) -> None:
    """`count` companies with the year's package sent on DAY; `returned` the same day (overdue a month on)."""
    for _ in range(count):
        company = CompanyFactory()
        _, jane = certified(company, staff)
        package = send_package(company, staff, jane, day=DAY)
        if returned:
            with on(DAY):
                services.maintenance_decide(package=package, actor=staff, accept=False, comments="Sign it.")


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(reverse("audits:maintenance_queue"), id="packages to review"),
        pytest.param(reverse("audits:anniversaries") + "?within=90", id="anniversaries ahead"),
        pytest.param(reverse("audits:anniversaries") + "?overdue=1", id="maintenance overdue"),
    ],
)
def test_mnt_1_the_staff_lists_run_a_fixed_number_of_queries(login, staff_user, url):
    client = login(staff_user)
    overdue = "overdue" in url  # packages returned and not corrected in time: each row says why
    _packages(2, staff_user, returned=overdue)
    with on(date(2027, 8, 12) if overdue else DAY):
        few = queries_of(client, url)
        _packages(4, staff_user, returned=overdue)
        assert queries_of(client, url) == few <= MAX_QUERIES
        if overdue:
            assert client.get(url).context["page"].paginator.count == 6


def test_mnt_1_the_maintenance_page_runs_a_fixed_number_of_queries_whatever_its_versions(
    login, company, staff_user, employer
):
    _, jane = certified(company, staff_user)
    package = send_package(company, employer, jane, day=DAY)
    client = login(employer)
    url = reverse("audits:maintenance", args=[company.pk])
    with on(DAY):
        few = queries_of(client, url)
    for _ in range(2):
        services.maintenance_decide(package=package, actor=staff_user, accept=False, comments="Again.")
        with on(DAY):
            services.maintenance_resubmit(
                package=package, actor=employer, internal_auditor=jane, internal_audit_on=DAY, uploads={}
            )
    with on(DAY):
        assert queries_of(client, url) == few <= MAX_QUERIES


def test_mnt_1_rct_1_the_company_page_says_what_the_cycle_asks_next(login, company, staff_user, employer):
    letter = registered(company, date(2025, 1, 6))  # with its Milestone #1 letter, as every registered company
    MilestoneLetter.objects.filter(pk=letter.pk).update(settled="met", settled_on=date(2025, 9, 1))  # long met
    certified(company, staff_user)
    headcounts_refresh(today=timezone.localdate(), company_ids=[company.pk])
    client = login(employer)
    url = reverse("companies:detail", args=[company.pk])
    with on(DAY):
        page = client.get(url).content.decode()
        assert 'id="certificate"' in page and "Send your maintenance package" in page
        assert queries_of(client, url) <= MAX_QUERIES
    with on(date(2028, 9, 1)):
        assert "Request your re-certification audit" in client.get(url).content.decode()
    with on(date(2029, 8, 12)):
        page = client.get(url).content.decode()
        assert 'data-certificate-status="expired"' in page and "Request your re-certification audit" in page


def test_mnt_1_mnt_2_the_dashboard_counts_anniversaries_and_overdue_packages_as_their_lists(
    login, company, other_company, staff_user, employer
):
    certified(company, staff_user)  # first anniversary 2027-08-11
    certified(other_company, staff_user, issued_on=date(2026, 7, 20))  # first anniversary 2027-07-20
    client = login(staff_user)
    with on(date(2027, 7, 25)):
        page = client.get(reverse("pages:dashboard")).context
        table = {label: [figure.count for figure in row] for label, row in page["deadline_table"]}
        assert table["Certificate anniversaries (MNT-2)"] == [1, 1, 1]
        overdue = {figure.label: figure for figure in page["overdue"]}
        figure = overdue[PACKAGES_OVERDUE]
        assert figure.count == 1
        for row in dict(page["deadline_table"]).values():
            for each in row:
                assert listed(client.get(each.url).context, each.url) == each.count, each.url
        assert listed(client.get(figure.url).context, figure.url) == 1


def test_mnt_1_the_dashboard_count_agrees_with_the_list_of_packages_overdue(
    login, company, other_company, staff_user, employer
):
    _, jane = certified(company, staff_user)
    send_package(company, employer, jane, day=date(2027, 8, 11))  # on the anniversary: in review, in time
    certified(other_company, staff_user, issued_on=date(2026, 7, 20), email="jane@concrete.example")  # not sent
    returned = {}
    for name, returned_on in (("Late Corrections Ltd.", date(2027, 8, 10)), ("In Window Ltd.", date(2027, 9, 1))):
        each = CompanyFactory(legal_name=name)
        _, person = certified(each, staff_user, email=f"jane@{name.split()[0].lower()}.example")
        returned[name] = send_package(each, staff_user, person, day=date(2027, 8, 1))
        with on(returned_on):  # owed corrected by September 9 and October 1
            services.maintenance_decide(package=returned[name], actor=staff_user, accept=False, comments="Sign.")
    client = login(staff_user)
    with on(date(2027, 9, 15)):
        figure = {figure.label: figure for figure in client.get(reverse("pages:dashboard")).context["overdue"]}[
            PACKAGES_OVERDUE
        ]
        page = client.get(figure.url)
        assert figure.count == listed(page.context, figure.url) == 2
        html = page.content.decode()  # the rows as rendered (and kept: audits.maintenance.views)
        assert other_company.legal_name in html and "Late Corrections Ltd." in html and "In Window Ltd." not in html
        assert "not sent by July 20, 2027" in html and "returned, not corrected by September 9, 2027" in html


def test_mnt_1_a_package_in_time_shows_in_review_and_a_returned_one_its_date_on_every_page(
    login, company, staff_user, employer
):
    letter = registered(company, date(2025, 1, 6))
    MilestoneLetter.objects.filter(pk=letter.pk).update(settled="met", settled_on=date(2025, 9, 1))
    _, jane = certified(company, staff_user)
    headcounts_refresh(today=timezone.localdate(), company_ids=[company.pk])
    package = send_package(company, employer, jane, day=date(2027, 8, 11))
    maintenance = reverse("audits:maintenance", args=[company.pk])
    detail = reverse("companies:detail", args=[company.pk])
    client = login(staff_user)
    with on(date(2027, 9, 15)):  # SCSA still reviewing a package sent on the anniversary
        page = client.get(maintenance).content.decode()
        assert 'data-maintenance="in review"' in page and 'id="maintenance-overdue"' not in page
        assert "overdue" not in client.get(detail).content.decode().split('id="certificate"')[1].split("</div>")[0]
        assert company.legal_name not in client.get(reverse("audits:anniversaries") + "?overdue=1").content.decode()
        services.maintenance_decide(package=package, actor=staff_user, accept=False, comments="Sign the SJP.")
    client = login(employer)
    with on(date(2027, 10, 15)):
        page = client.get(maintenance).content.decode()
        assert 'data-maintenance="returned"' in page
        assert "returned</span> — correct and resubmit by October 15, 2027" in page
        assert "Returned — correct and resubmit by October 15, 2027." in client.get(detail).content.decode()
    with on(date(2027, 10, 16)):
        page = client.get(maintenance).content.decode()
        assert 'data-maintenance="overdue"' in page and "returned, not corrected by October 15, 2027" in page
        assert 'id="maintenance-overdue"' in page
