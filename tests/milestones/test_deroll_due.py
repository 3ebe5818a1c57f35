"""MIL-3 before the nightly job: from the day after a letter expired unmet, every page shows the company de-rolled,
as it will be recorded, and no page writes it (the job alone records the status, the wait and the emails)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.certificates.services import certificate_issue
from companies.models import Company, RegistrationWait
from milestones.expiries import lapses_due
from milestones.models import MilestoneLetter
from milestones.services import letter_extend, letters_settle_expired, milestone_request_next
from secor import hooks
from secor.notices.models import Notice
from secor.timeline.models import Event
from tests.clock import on
from tests.factories import CompanyFactory, completed_audit
from tests.milestones.helpers import milestone_1_met, registered
from tests.reckoned import folded

pytestmark = pytest.mark.django_db
DEROLLED = Company.Status.DEROLLED
SUMMARY = "Status changed from Registered to De-rolled on January 6, 2027; may register again from July 6, 2027"


def recorded(company) -> tuple:
    """What the nightly job writes when it de-rolls: the company's row and history, its letters, the wait to
    register again, the timeline and the emails."""
    company.refresh_from_db()
    return (
        company.status,
        company.derolled_on,
        company.left_program_on,
        company.history.count(),
        list(company.milestone_letters.values_list("settled", "settled_on")),
        RegistrationWait.objects.count(),
        Event.objects.count(),
        Notice.objects.count(),
    )


def test_mil_3_the_pages_lists_and_dashboard_show_the_de_roll_from_the_day_after_and_nothing_is_written(
    company, other_company, employer, staff_user, login
):
    registered(company, date(2026, 1, 5))  # expires January 5, 2027, unmet
    registered(other_company, date(2026, 3, 5))
    before = recorded(company)
    staff = login(staff_user)
    with on(date(2027, 1, 6), hour=0):
        page = staff.get(reverse("companies:detail", args=[company.pk])).content.decode()
        assert "<strong>Removed from SECOR</strong> on January 6, 2027 (de-rolled)" in folded(page)
        assert "The company can register again from <strong>July 6, 2027</strong>" in folded(page)
        assert "Expired January 5, 2027: de-rolled January 6, 2027" in folded(page)
        timeline = page.split('id="timeline"')[1]
        assert SUMMARY in timeline and "expired on January 5, 2027 with its requirements unmet." in timeline
        # Staff may reinstate it, not de-roll it again.
        assert '<option value="reinstate">' in page and '<option value="deroll">' not in page
        derolled = staff.get(reverse("companies:list"), {"status": DEROLLED}).context["page"]
        assert [listed.pk for listed in derolled] == [company.pk]
        registered_now = staff.get(reverse("companies:list"), {"status": Company.Status.REGISTERED}).context["page"]
        assert [listed.pk for listed in registered_now] == [other_company.pk]
        pipeline = {figure.label: figure for figure in staff.get(reverse("pages:dashboard")).context["pipeline"]}
        assert (pipeline["De-rolled"].count, pipeline["Registered"].count) == (1, 1)
        watch = staff.get(reverse("milestones:watch")).content.decode().split('id="derolled-today"')[1]
        assert company.legal_name in watch.split("</ul>")[0]
        mine = login(employer).get(reverse("companies:detail", args=[company.pk])).content.decode()
        assert "Removed from SECOR" in mine and "Register again" in mine
    assert recorded(company) == before


def test_mil_3_the_de_roll_is_not_shown_on_the_expiry_day_itself(company, staff_user, login):
    registered(company, date(2026, 1, 5))
    with on(date(2027, 1, 5), hour=23):
        page = login(staff_user).get(reverse("companies:detail", args=[company.pk])).content.decode()
    assert "Registered in SECOR" in page and "Removed from SECOR" not in page


def test_mil_3_elig_5_the_employer_waits_six_months_from_the_de_roll_not_yet_recorded(company, employer, login):
    registered(company, date(2026, 1, 5))
    before = recorded(company)
    with on(date(2027, 3, 1)):
        page = login(employer).get(reverse("companies:register")).content.decode()
    assert "was removed from SECOR on January 6, 2027" in page and "July 6, 2027" in page
    with on(date(2027, 7, 6)):
        response = login(employer).get(reverse("companies:register"))
    assert "form" in response.context  # the details to apply again
    assert recorded(company) == before


def test_mil_3_the_nightly_job_records_the_de_roll_the_pages_showed(company, staff_user, login):
    letter = registered(company, date(2026, 1, 5))
    with on(date(2027, 1, 9)):
        shown = login(staff_user).get(reverse("companies:detail", args=[company.pk])).content.decode()
        assert letters_settle_expired().derolled == [company.pk]
        after = login(staff_user).get(reverse("companies:detail", args=[company.pk])).content.decode()
    company.refresh_from_db()
    assert (company.status, company.derolled_on) == (DEROLLED, date(2027, 1, 6))
    assert RegistrationWait.objects.get().derolled_on == date(2027, 1, 6)
    letter.refresh_from_db()
    assert (letter.settled, letter.settled_on) == (MilestoneLetter.Settled.DEROLLED, date(2027, 1, 6))
    banner = "<strong>Removed from SECOR</strong> on January 6, 2027 (de-rolled)"
    assert banner in folded(shown) and banner in folded(after)
    # The timeline's line is the one the job recorded, once.
    assert shown.count(SUMMARY) == after.count(SUMMARY) == 1
    assert company.events.get(kind="status").summary == SUMMARY


def test_mil_3_staff_extend_the_lapsed_letter_and_reinstate_the_company_before_the_job(company, staff_user, login):
    """As after the job: the extension reopens the letter, the company stays de-rolled until reinstated."""
    letter = registered(company, date(2026, 1, 5))
    staff = login(staff_user)
    with on(date(2027, 1, 6)):
        extend = reverse("milestones:letter_extend", args=[company.pk, letter.pk])
        staff.post(extend, {"to_date": "2027-03-01", "reason": "Review delayed by SCSA"})
        page = staff.get(reverse("companies:detail", args=[company.pk])).content.decode()
        assert "<strong>Removed from SECOR</strong> on January 6, 2027" in folded(page)
        assert "Expires March 1, 2027" in folded(page)
        response = staff.post(
            reverse("companies:status", args=[company.pk]),
            {"action": "reinstate", "reason": "Letter extended", "confirmed": "yes"},
        )
        assert response.status_code == 302
        assert "Registered in SECOR" in staff.get(reverse("companies:detail", args=[company.pk])).content.decode()
        assert company.events.get(kind="status").summary == "Status changed from De-rolled to Registered"
    with on(date(2027, 1, 7)):
        assert letters_settle_expired().derolled == []  # the job leaves it alone until the new expiry
    company.refresh_from_db()
    assert (company.status, company.lifted_deroll_on) == (Company.Status.REGISTERED, date(2027, 1, 6))
    with on(date(2027, 3, 2)):
        assert letters_settle_expired().derolled == [company.pk]
    company.refresh_from_db()
    assert (company.status, company.derolled_on) == (DEROLLED, date(2027, 3, 2))


def test_mil_3_the_nightly_job_records_a_lapse_staff_extended_past_before_it_ran(company, staff_user):
    letter = registered(company, date(2026, 1, 5))
    with on(date(2027, 1, 6)):
        letter_extend(letter=letter, actor=staff_user, to_date=date(2027, 3, 1), reason="Review delayed by SCSA")
    with on(date(2027, 1, 7)):
        assert letters_settle_expired().derolled == [company.pk]
    company.refresh_from_db()
    assert (company.status, company.derolled_on) == (DEROLLED, date(2027, 1, 6))
    letter.refresh_from_db()
    assert (letter.settled, letter.expires_on) == (MilestoneLetter.Settled.OPEN, date(2027, 3, 1))  # still extended


def test_mil_3_a_reinstatement_before_the_job_keeps_the_company_registered(company, staff_user, login):
    letter = registered(company, date(2026, 1, 5))
    with on(date(2027, 1, 6)):
        login(staff_user).post(
            reverse("companies:status", args=[company.pk]),
            {"action": "reinstate", "reason": "SCSA delayed the review", "confirmed": "yes"},
        )
    with on(date(2027, 1, 8)):
        assert letters_settle_expired().derolled == []
        page = login(staff_user).get(reverse("companies:detail", args=[company.pk])).content.decode()
    assert "Registered in SECOR" in page and "Expired January 5, 2027: de-rolled January 6, 2027" in folded(page)
    letter.refresh_from_db()
    assert (letter.settled, letter.settled_on) == (MilestoneLetter.Settled.DEROLLED, date(2027, 1, 6))


def _reads_the_open_letters(queries) -> bool:
    """Whether a request computed the de-rolls due (milestones.expiries.letters_to_settle, the one UNION)."""
    return any("UNION ALL" in query["sql"] for query in queries.captured_queries)


def test_mil_3_the_de_rolls_due_are_kept_until_the_next_write(company, staff_user, login):
    """Every page reads every company's status, so the de-rolls due are computed once and kept for the day,
    until a write says it changed something (secor.hooks): the reinstatement shows at once."""
    registered(company, date(2026, 1, 5))
    staff = login(staff_user)
    page = reverse("companies:list")
    with on(date(2027, 1, 6)):
        staff.get(page)
        with CaptureQueriesContext(connection) as again:
            assert [listed.pk for listed in staff.get(page, {"status": DEROLLED}).context["page"]] == [company.pk]
        assert not _reads_the_open_letters(again)
        reinstate = {"action": "reinstate", "reason": "SCSA delayed the review", "confirmed": "yes"}
        staff.post(reverse("companies:status", args=[company.pk]), reinstate)
        with CaptureQueriesContext(connection) as after_the_write:
            assert not staff.get(page, {"status": DEROLLED}).context["page"]
        assert _reads_the_open_letters(after_the_write)


def test_mil_3_once_the_nightly_job_has_settled_the_day_a_write_to_training_searches_for_no_lapse(
    company, staff_user, login
):
    """After the nightly job has settled the day's letters none is left to lapse: a write to the training (or the
    audits) leaves that kept, and no page reads the letters' requirements again; a write to the letters does."""
    registered(company, date(2026, 1, 5))
    staff = login(staff_user)
    page = reverse("companies:list")
    with on(date(2027, 1, 6)):
        letters_settle_expired(today=date(2027, 1, 6))
        staff.get(page)
        hooks.changed(hooks.Topic.TRAINING, company_ids=[company.pk])
        with CaptureQueriesContext(connection) as after_training:
            staff.get(page)
        assert not _reads_the_open_letters(after_training)
        hooks.changed(hooks.Topic.MILESTONES, company_ids=[company.pk])
        with CaptureQueriesContext(connection) as after_a_letter:
            staff.get(page)
        assert _reads_the_open_letters(after_a_letter)


def test_mil_3_a_mornings_lapses_are_read_in_the_same_queries_however_many(company, staff_user, login):
    """Before the nightly job has run, every page shows the day's de-rolls due (the watch page lists them): their
    letters' requirements are read for all of them at once, not letter by letter."""
    registered(company, date(2026, 1, 5))
    day = date(2027, 1, 6)

    def lapse_queries() -> int:
        hooks.changed(hooks.Topic.MILESTONES)  # the lapses due are kept until a write: count them computed
        with CaptureQueriesContext(connection) as read:
            lapses_due(today=day)
        return len(read.captured_queries)

    with on(day):
        lapse_queries()  # the settings and the catalogue, kept from the first read on
        one = lapse_queries()
    for _ in range(3):
        registered(CompanyFactory(status=Company.Status.REGISTERED), date(2026, 1, 5))
    with on(day):
        assert lapse_queries() == one
        assert login(staff_user).get(reverse("milestones:watch")).context["derolled"].paginator.count == 4


def test_mil_3_a_letter_met_by_its_expiry_is_not_extended_before_the_job_either(company, employer, staff_user):
    letter = registered(company, date(2026, 1, 5))
    milestone_1_met(company, manual_approved_on=date(2026, 12, 1))
    with on(date(2027, 1, 5)):
        milestone_request_next(company=company, actor=employer)
    with on(date(2027, 1, 6)), pytest.raises(ValidationError, match="milestone was met"):
        letter_extend(letter=letter, actor=staff_user, to_date=date(2027, 3, 1), reason="By mistake")


def test_mil_2_milestone_1_met_without_the_request_shows_the_de_roll_the_day_after_without_the_job(
    company, employer, login
):
    registered(company, date(2026, 1, 5))
    milestone_1_met(company, manual_approved_on=date(2026, 10, 1))
    before = recorded(company)
    with on(date(2027, 1, 6)):
        page = login(employer).get(reverse("companies:detail", args=[company.pk])).content.decode()
    assert "Removed from SECOR" in page and 'data-letter-state="lapsed"' in page
    assert recorded(company) == before


def test_mil_4_a_company_whose_de_roll_is_not_recorded_yet_is_at_no_stage_of_the_roadmap(
    company, other_company, staff_user, login
):
    registered(company, date(2026, 1, 5))
    registered(other_company, date(2026, 3, 5))
    before = recorded(company)
    with on(date(2027, 1, 6)):
        page = login(staff_user).get(reverse("companies:list"))
        staged = login(staff_user).get(reverse("companies:list"), {"stage": "courses"}).context["page"]
    stages = {listed.pk: listed.roadmap_stage for listed in page.context["page"]}
    assert stages[company.pk] == "" and stages[other_company.pk] != ""
    assert [listed.pk for listed in staged] == [other_company.pk]
    assert recorded(company) == before


def test_cert_2_mil_3_verification_and_the_public_list_end_the_certificate_from_the_de_roll_not_yet_recorded(
    client, company, staff_user
):
    """Certified, but Milestone #1's letter expired with no Milestone #2 letter asked for (MIL-2)."""
    registered(company, date(2026, 1, 5))
    milestone_1_met(company, manual_approved_on=date(2026, 6, 1))
    audit = completed_audit(company, staff_user, date(2026, 8, 11))
    with on(date(2026, 8, 11)):
        certificate = certificate_issue(audit=audit, actor=staff_user)
    staff = Client()  # the public pages are read by a visitor, signed out
    staff.force_login(staff_user)

    def staff_list_of_certificates_ended() -> list[int]:
        return [listed.pk for listed in staff.get(reverse("companies:list"), {"certificate": "ended"}).context["page"]]

    with on(date(2027, 1, 5)):
        assert company.legal_name in client.get(reverse("audits:certified")).content.decode()
        assert staff_list_of_certificates_ended() == []
    before = recorded(company)
    with on(date(2027, 1, 6)):
        page = client.get(reverse("audits:verify_certificate", args=[certificate.number])).content.decode()
        listed = client.get(reverse("audits:certified")).content.decode()
        assert staff_list_of_certificates_ended() == [company.pk]
    assert 'data-status="ended"' in page
    assert (
        "<strong>Ended</strong> on January 6, 2027: the company left the SECOR program (removed for missing a "
        "milestone deadline)" in page
    )
    assert company.legal_name not in listed
    assert recorded(company) == before
