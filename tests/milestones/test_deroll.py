"""MIL-3: the daily sweep de-rolls a company whose letter expired unmet, dated the day after the expiry."""

import io
import threading
from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from companies import rules as company_rules
from companies.models import Company, RegistrationWait
from milestones.models import MilestoneLetter
from milestones.selectors import watch
from milestones.services import letter_extend, letters_settle_expired, milestone_request_next
from milestones.tasks import settle_expired_letters
from secor.notices.models import Notice
from tests.clock import on
from tests.milestones.helpers import milestone_1_met, registered
from tests.reckoned import folded

pytestmark = pytest.mark.django_db


def status_of(company):
    company.refresh_from_db()
    return company.status, company.derolled_on


def test_mil_3_the_expiry_day_itself_is_still_valid(company):
    registered(company, date(2026, 1, 5))  # expires January 5, 2027
    with on(date(2027, 1, 5), hour=23):
        assert letters_settle_expired().derolled == []
    assert status_of(company) == (Company.Status.REGISTERED, None)


def test_mil_3_elig_5_de_rolled_on_the_day_after_the_expiry_with_the_wait_from_then(
    company, employer, django_capture_on_commit_callbacks, mailoutbox
):
    letter = registered(company, date(2026, 1, 5))
    with on(date(2027, 1, 6), hour=0), django_capture_on_commit_callbacks(execute=True):
        assert letters_settle_expired().derolled == [company.pk]
    assert status_of(company) == (Company.Status.DEROLLED, date(2027, 1, 6))
    letter.refresh_from_db()
    assert (letter.settled, letter.settled_on) == (MilestoneLetter.Settled.DEROLLED, date(2027, 1, 6))
    # ELIG-5: the 6-month wait on the WCB number starts on the de-roll date.
    wait = RegistrationWait.objects.get(wcb_account_number=company.wcb_account_number)
    assert wait.derolled_on == date(2027, 1, 6)
    assert company_rules.reregistration_date(wait.derolled_on) == date(2027, 7, 6)
    event = company.events.get(kind="status")
    assert event.actor is None  # shown as "SECOR"
    assert f"{letter.reference} expired on January 5, 2027 with its requirements unmet." in event.detail
    notice = Notice.objects.get(kind="status-change", recipient_email=employer.email)
    assert notice.state == Notice.State.SENT
    assert "register for SECOR again from July 6, 2027" in mailoutbox[-1].body
    # The reason is the employer's to read (the email, the timeline): no rule id in it.
    assert "MIL-3" not in event.detail and "MIL-3" not in mailoutbox[-1].body


def test_mil_3_elig_5_a_sweep_that_runs_late_dates_the_de_roll_the_day_after_the_expiry(company):
    registered(company, date(2026, 1, 5))
    with on(date(2027, 1, 9)):
        letters_settle_expired()
    assert status_of(company) == (Company.Status.DEROLLED, date(2027, 1, 6))


def test_mil_3_29_february_registration_expires_28_february_and_is_de_rolled_1_march(company):
    registered(company, date(2024, 2, 29))
    with on(date(2025, 2, 28)):
        letters_settle_expired()
    assert status_of(company)[0] == Company.Status.REGISTERED
    with on(date(2025, 3, 1)):
        letters_settle_expired()
    assert status_of(company) == (Company.Status.DEROLLED, date(2025, 3, 1))


def test_mil_3_a_milestone_met_by_the_expiry_day_is_not_de_rolled(company, employer):
    letter = registered(company, date(2026, 1, 5))
    milestone_1_met(company, manual_approved_on=date(2027, 1, 5))
    with on(date(2027, 1, 5)):
        milestone_request_next(company=company, actor=employer)  # MIL-2: the request is due by the expiry too
    with on(date(2027, 1, 6)):
        assert letters_settle_expired().met == [company.pk]
    assert status_of(company)[0] == Company.Status.REGISTERED
    letter.refresh_from_db()
    assert (letter.settled, letter.settled_on) == (MilestoneLetter.Settled.MET, date(2027, 1, 5))


def test_mil_3_a_manual_approved_after_the_expiry_is_too_late(company):
    registered(company, date(2026, 1, 5))
    milestone_1_met(company, manual_approved_on=date(2027, 1, 6))
    with on(date(2027, 1, 7)):
        letters_settle_expired()
    assert status_of(company)[0] == Company.Status.DEROLLED


def test_mil_3_two_sweeps_the_same_day_de_roll_once(company):
    registered(company, date(2026, 1, 5))
    with on(date(2027, 1, 6)):
        assert letters_settle_expired().derolled == [company.pk]
        assert letters_settle_expired().derolled == []
    assert RegistrationWait.objects.count() == 1
    assert company.events.filter(kind="status").count() == 1


@pytest.mark.django_db(transaction=True)
def test_mil_3_two_sweeps_at_once_de_roll_once(company):
    registered(company, date(2026, 1, 5))
    results, barrier = [], threading.Barrier(2)

    def sweep():
        try:
            barrier.wait()
            with on(date(2027, 1, 6)):
                results.append(letters_settle_expired().derolled)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [[], [company.pk]]
    assert RegistrationWait.objects.count() == 1
    assert company.events.filter(kind="status").count() == 1


def test_mil_3_the_daily_task_settles_through_the_service(company):
    registered(company, date(2026, 1, 5))
    with on(date(2027, 1, 6)):
        assert settle_expired_letters.delay().get() == {"derolled": 1, "met": 0}


def test_mil_3_staff_extend_a_lapsed_letter_and_reinstate_the_company(company, staff_user, login):
    letter = registered(company, date(2026, 1, 5))
    with on(date(2027, 1, 6)):
        letters_settle_expired()
        page = login(staff_user).get(reverse("milestones:watch")).content.decode()
        assert company.legal_name in page.split("At risk")[0]  # de-rolled today
        letter_extend(letter=letter, actor=staff_user, to_date=date(2027, 3, 1), reason="Review delayed by SCSA")
        response = login(staff_user).post(
            reverse("companies:status", args=[company.pk]),
            {"action": "reinstate", "reason": "Letter extended", "confirmed": "yes"},
        )
        assert response.status_code == 302
        assert status_of(company) == (Company.Status.REGISTERED, None)
        letters_settle_expired()  # the next sweep leaves it alone until the new expiry
    assert status_of(company)[0] == Company.Status.REGISTERED
    with on(date(2027, 3, 2)):
        letters_settle_expired()
    assert status_of(company) == (Company.Status.DEROLLED, date(2027, 3, 2))


def test_mil_3_staff_see_the_letters_at_risk(company, other_company, staff_user, login):
    registered(company, date(2026, 1, 5))  # expires January 5, 2027
    registered(other_company, date(2026, 3, 5))  # March 5, 2027: not yet within 30 days
    with on(date(2026, 12, 6)):
        page = login(staff_user).get(reverse("milestones:watch")).content.decode()
    at_risk = page.split('id="at-risk"')[1].split('id="requests"')[0]
    assert company.legal_name in at_risk and other_company.legal_name not in at_risk
    milestone_1_met(company, manual_approved_on=date(2026, 12, 1))
    with on(date(2026, 12, 6)):
        page = login(staff_user).get(reverse("milestones:watch")).content.decode()
    assert company.legal_name not in page.split('id="at-risk"')[1].split('id="requests"')[0]
    assert company.legal_name in page.split('id="expiring"')[1]  # still expiring within 30 days, met


def test_mil_3_a_write_to_one_companys_training_reads_again_its_letters_alone(
    company, other_company, staff_user, login, monkeypatch
):
    """The watch page keeps each company's letters (secor.kept_by_company): a write naming one company reads
    again that company's letters alone, and the tables follow them (issue 23)."""
    registered(company, date(2026, 1, 5))
    registered(other_company, date(2026, 1, 4))
    staff = login(staff_user)
    with on(date(2026, 12, 6)):
        staff.get(reverse("milestones:watch"))
    read = []
    letters_of = watch._watched_shares
    monkeypatch.setattr(watch, "_watched_shares", lambda today, ids: read.append(ids) or letters_of(today, ids))
    milestone_1_met(company, manual_approved_on=date(2026, 12, 1))
    with on(date(2026, 12, 6)):
        page = staff.get(reverse("milestones:watch")).content.decode()
    at_risk = page.split('id="at-risk"')[1].split('id="requests"')[0]
    assert [set(ids) for ids in read] == [{company.pk}]
    assert company.legal_name not in at_risk and other_company.legal_name in at_risk


def test_mil_3_the_company_page_shows_the_de_roll_the_day_after_without_the_night_job(company, employer, login):
    letter = registered(company, date(2026, 1, 5))
    detail = reverse("companies:detail", args=[company.pk])
    with on(date(2027, 1, 5), hour=23):
        assert "Expires January 5, 2027" in folded(login(employer).get(detail).content.decode())
    with on(date(2027, 1, 6), hour=0):
        page = login(employer).get(detail).content.decode()
    assert "de-rolled January 6, 2027" in folded(page)
    # Shown, not written: the nightly job alone records the de-roll.
    assert status_of(company) == (Company.Status.REGISTERED, None)
    letter.refresh_from_db()
    assert letter.settled == MilestoneLetter.Settled.OPEN
    assert not RegistrationWait.objects.exists() and not company.events.filter(kind="status").exists()


def test_mil_3_the_daily_notice_sweep_de_rolls_first_and_sends_its_notice(company, employer):
    from django.core.management import call_command

    registered(company, date(2026, 1, 5))
    with on(date(2027, 1, 8)):
        call_command("send_due_notices", stdout=io.StringIO())
    assert status_of(company) == (Company.Status.DEROLLED, date(2027, 1, 6))
    assert Notice.objects.get(kind="status-change", recipient_email=employer.email).state == Notice.State.SENT
