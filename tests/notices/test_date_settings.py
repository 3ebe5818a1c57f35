"""The settings that move dates (issue 28): the letters' months (MIL-1, MIL-2) and the days to correct a returned
maintenance package (MNT-1) are changed on the notice timing page, which says before saving which dates SECOR would
decide differently (a letter already issued, a package already returned keep theirs) and which notices the next
sweep would send differently; SECOR then decides just those dates, and the sweep sends just those notices."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.maintenance import services as maintenance_services
from companies import services as company_services
from milestones.models import MilestoneLetter
from secor.core.models import ProgramSettings
from secor.pages import notice_timing
from secor.pages.date_preview import MovedDate, dates_preview
from tests.audits.cycle import certified, send_package
from tests.clock import on
from tests.factories import ApplicationFactory, MembershipFactory
from tests.notices.test_sweep import sweep_on

pytestmark = pytest.mark.django_db
PAGE = reverse("pages:notice_timing")


def posted(action: str, **changes) -> dict:
    settings = ProgramSettings.current()
    return {name: getattr(settings, name) for name in ProgramSettings.DATE_FIELDS} | changes | {"action": action}


def test_mil_1_the_letters_months_preview_is_the_expiry_of_the_letter_secor_issues_next(
    login, staff_user, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(company__legal_name="Prairie Roofing Ltd.")
    MembershipFactory(company=application.company, user=application.submitted_by)
    client = login(staff_user)
    with on(date(2026, 9, 1), 9, tick=False):
        preview = client.post(PAGE, posted("preview", milestone_1_months=10))
        letters = preview.context["dates"].letters
        what = "Milestone #1 letter, if accepted today"
        assert letters == [MovedDate("Prairie Roofing Ltd.", what, date(2027, 9, 1), date(2027, 7, 1))]
        assert preview.context["moved"] == []  # no notice of the next sweep moves
        assert "No letter already issued changes" in preview.text
        assert "The 1 letter SECOR would issue next would expire on another day." in preview.text
        assert ProgramSettings.current().milestone_1_months == 12  # a preview saves nothing
        assert client.post(PAGE, posted("save", milestone_1_months=10)).status_code == 302
        with django_capture_on_commit_callbacks(execute=True):
            company_services.application_accept(application=application, actor=staff_user)
    assert MilestoneLetter.objects.get(company=application.company).expires_on == letters[0].then
    assert sweep_on(2026, 9, 1).claimed_by_kind == {}
    with on(date(2026, 9, 2), 9, tick=False):  # the letter now issued keeps its expiry whatever the months
        preview = client.post(PAGE, posted("preview", milestone_1_months=12))
    assert preview.context["dates"].letters == [] and preview.context["dates"].letters_kept == 1
    assert "the 1 open letter keeps its expiry" in preview.text


def test_mnt_1_the_correction_days_preview_is_the_day_a_package_returned_then_owes(
    login, company, employer, staff_user
):
    _, jane = certified(company, staff_user)
    package = send_package(company, employer, jane, day=date(2027, 8, 1))
    client = login(staff_user)
    with on(date(2027, 8, 5), 9, tick=False):
        preview = client.post(PAGE, posted("preview", maintenance_correction_days=20))
        (row,) = preview.context["dates"].corrections
        assert (row.company, row.now, row.then) == (company.legal_name, date(2027, 9, 4), date(2027, 8, 25))
        assert preview.context["moved"] == []
        assert client.post(PAGE, posted("save", maintenance_correction_days=20)).status_code == 302
        maintenance_services.maintenance_decide(package=package, actor=staff_user, accept=False, comments="Sign it.")
        package.anniversary.refresh_from_db()
        assert package.anniversary.owed_by == row.then
        preview = client.post(PAGE, posted("preview", maintenance_correction_days=45))
    assert preview.context["dates"].corrections == [] and preview.context["dates"].corrections_kept == 1
    assert "No package already returned changes: the 1 returned package keeps its correction day." in preview.text


def test_mil_1_mil_2_the_letters_months_are_refused_by_their_field_and_saved_on_the_page(login, staff_user):
    client = login(staff_user)
    response = client.post(PAGE, posted("save", milestone_1_months=0))
    assert "greater than or equal to 1" in response.context["form"].errors["milestone_1_months"][0]
    assert client.post(PAGE, posted("save", milestone_1_months=10, milestone_2_months=16)).status_code == 302
    assert (ProgramSettings.current().milestone_1_months, ProgramSettings.current().milestone_2_months) == (10, 16)


def test_mil_1_mnt_1_the_dates_preview_reads_as_many_queries_for_one_company_as_for_many():
    proposed = ProgramSettings.objects.get(pk=ProgramSettings.current().pk)
    proposed.milestone_1_months, proposed.maintenance_correction_days = 10, 20

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            preview = dates_preview(proposed, today=date(2026, 9, 1))
        return len(captured), len(preview.letters)

    ApplicationFactory()
    one = queries()
    ApplicationFactory.create_batch(3)
    assert queries() == (one[0], 4)


def test_mil_1_a_preview_shows_its_first_rows_and_downloads_them_all(login, staff_user, monkeypatch):
    """At province scale a change moves thousands of dates: the page shows the first of each list, the download all."""
    monkeypatch.setattr(notice_timing, "PREVIEW_ROWS", 1)
    for name in ("Prairie Roofing Ltd.", "Regina Framing Inc."):
        application = ApplicationFactory(company__legal_name=name)
        MembershipFactory(company=application.company, user=application.submitted_by)
    client = login(staff_user)
    with on(date(2026, 9, 1), 9, tick=False):
        page = client.post(PAGE, posted("preview", milestone_1_months=10)).text
        download = client.post(PAGE, posted("download", milestone_1_months=10))
    assert "The first 1 of 2 are shown" in page
    assert page.count("Milestone #1 letter, if accepted today") == 1
    lines = b"".join(download.streaming_content).decode().splitlines()
    assert lines[0] == "What changes,Company,What,Now,With the change"
    assert sorted(line.split(",")[1] for line in lines[1:]) == ["Prairie Roofing Ltd.", "Regina Framing Inc."]
    assert ProgramSettings.current().milestone_1_months == 12  # a download saves nothing
