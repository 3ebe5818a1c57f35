"""The notice ledger (NTC-2, NTC-3): claimed once, sent once, retried from the row, kept, resent by staff."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from companies import services as company_services
from secor.notices.kinds import WITHHELD, Recipient
from secor.notices.models import Notice
from secor.notices.services import (
    notice_deliver,
    notice_resend,
    notice_send,
    notices_deliver_due,
    notices_mark_in_doubt,
)
from secor.notices.services.delivery import MAX_ATTEMPTS
from secor.timeline.models import Event
from tests.clock import on
from tests.factories import ApplicationFactory, CompanyFactory, MembershipFactory, StaffFactory


@pytest.fixture
def decided(django_capture_on_commit_callbacks):
    """Accept an application, with the notice's hand-off to a worker run as on commit."""

    def _decide(application, staff):
        with django_capture_on_commit_callbacks(execute=True):
            company_services.application_accept(application=application, actor=staff)
        return Notice.objects.get(kind="application-decision", subject_key=f"companies.application:{application.pk}")

    return _decide


def retry_every_day(times: int) -> None:
    """The delivery pass, once a day for `times` days: every back-off has run out by then."""
    for day in range(1, times + 1):
        notices_deliver_due(now=timezone.now() + timedelta(days=day))


@pytest.fixture
def application(db):
    application = ApplicationFactory(company__legal_name="Qu'Appelle Electric & Sons Inc.")
    MembershipFactory(company=application.company, user=application.submitted_by)
    return application


def test_ntc_3_a_notice_keeps_who_what_and_when_as_sent(application, staff_user, decided, settings):
    settings.SITE_URL = "http://secor.example:8123"
    notice = decided(application, staff_user)
    assert notice.state == Notice.State.SENT and notice.sent_at is not None
    assert (notice.recipient_email, notice.company, notice.attempts) == (
        application.submitted_by.email,
        application.company,
        1,
    )
    (email,) = mail.outbox
    assert (email.subject, email.body) == (notice.subject, notice.body)
    assert notice.link == f"http://secor.example:8123/companies/{application.company.pk}/"


def test_emails_are_plain_text_naming_the_company_with_its_apostrophe_and_ampersand(application, staff_user, decided):
    decided(application, staff_user)
    body = mail.outbox[0].body
    assert "Qu'Appelle Electric & Sons Inc. is now registered in the SECOR program" in body
    assert "&#x27;" not in body and "&amp;" not in body


def test_ntc_2_the_same_event_told_twice_is_claimed_and_sent_once(application, staff_user, decided):
    notice = decided(application, staff_user)
    again = notice_send(
        kind=notice.kind,
        recipients=[Recipient(notice.recipient_email)],
        subject=application,
        company=application.company,
    )
    assert again == []
    assert Notice.objects.count() == 1 and len(mail.outbox) == 1


def test_ntc_2_a_second_delivery_of_a_sent_notice_sends_nothing(application, staff_user, decided):
    notice = decided(application, staff_user)
    assert notice_deliver(notice_id=notice.pk) == ""
    assert notices_deliver_due() == {}
    assert len(mail.outbox) == 1


def test_ntc_2_smtp_refusing_then_recovering_sends_once_after_a_back_off(application, staff_user, decided, flaky_smtp):
    flaky_smtp.failures = 2
    notice = decided(application, staff_user)
    assert (notice.state, notice.attempts) == (Notice.State.RETRYING, 1)
    assert "SMTPServerDisconnected" in notice.last_error
    assert abs(notice.next_attempt_at - timezone.now() - timedelta(minutes=5)) <= timedelta(seconds=5)
    assert notices_deliver_due() == {}  # not before the back-off
    assert notices_deliver_due(now=notice.next_attempt_at) == {Notice.State.RETRYING: 1}
    notice.refresh_from_db()
    assert notice.next_attempt_at - timezone.now() > timedelta(minutes=14)  # 10 more minutes after the second
    assert notices_deliver_due(now=notice.next_attempt_at) == {Notice.State.SENT: 1}
    notice.refresh_from_db()
    assert (notice.state, notice.attempts) == (Notice.State.SENT, 3)
    assert len(mail.outbox) == 1


def test_ntc_2_a_send_that_keeps_failing_gives_up_and_staff_resend_it_with_a_reason(
    application, staff_user, decided, flaky_smtp
):
    flaky_smtp.failures = MAX_ATTEMPTS
    notice = decided(application, staff_user)
    retry_every_day(MAX_ATTEMPTS - 1)
    notice.refresh_from_db()
    assert (notice.state, notice.attempts, notice.next_attempt_at) == (Notice.State.FAILED, MAX_ATTEMPTS, None)
    assert notices_deliver_due(now=timezone.now() + timedelta(days=30)) == {}
    with pytest.raises(ValidationError):
        notice_resend(notice=notice, actor=staff_user, reason=" ")
    notice_resend(notice=notice, actor=staff_user, reason="Their mail server was down all morning")
    assert notices_deliver_due() == {Notice.State.SENT: 1}
    notice.refresh_from_db()
    assert (notice.state, notice.resent_by, notice.resend_reason) == (
        Notice.State.SENT,
        staff_user,
        "Their mail server was down all morning",
    )
    assert len(mail.outbox) == 1


def test_ntc_2_a_notice_left_sending_is_in_doubt_and_never_resent_by_itself(application, staff_user, decided):
    notice = decided(application, staff_user)
    # The process died between the mail server's "accepted" and the row's "sent".
    Notice.objects.filter(pk=notice.pk).update(
        state=Notice.State.SENDING, sending_since=timezone.now() - timedelta(minutes=16), sent_at=None
    )
    assert notices_mark_in_doubt() == 1
    assert notices_deliver_due(now=timezone.now() + timedelta(days=1)) == {}
    assert len(mail.outbox) == 1
    notice.refresh_from_db()
    assert notice.state == Notice.State.IN_DOUBT
    notice_resend(notice=notice, actor=staff_user, reason="The owner says it never arrived")
    notices_deliver_due()
    assert len(mail.outbox) == 2


def test_a_notice_still_being_sent_is_not_taken_by_a_second_sender(application, staff_user, decided):
    notice = decided(application, staff_user)
    Notice.objects.filter(pk=notice.pk).update(state=Notice.State.SENDING, sending_since=timezone.now())
    assert notices_mark_in_doubt() == 0
    assert notice_deliver(notice_id=notice.pk) == ""


def test_only_a_failed_or_doubtful_notice_is_resent(application, staff_user, decided):
    notice = decided(application, staff_user)
    with pytest.raises(ValidationError, match="only a failed one or one in doubt"):
        notice_resend(notice=notice, actor=staff_user, reason="Just in case")


def test_the_company_timeline_notes_each_notice_sent(application, staff_user, decided):
    notice = decided(application, staff_user)
    event = Event.objects.get(kind="notice")
    assert event.subject == notice and event.company == application.company
    assert event.summary == f"Notice sent to {notice.recipient_email}: {notice.subject}"


def test_an_invitation_link_is_sent_but_not_kept_and_a_resend_sends_a_fresh_one(
    company, employer, django_capture_on_commit_callbacks, flaky_smtp
):
    flaky_smtp.failures = MAX_ATTEMPTS
    with django_capture_on_commit_callbacks(execute=True):
        company_services.member_invite(
            company=company, actor=employer, email="ola@roofing.example", first_name="Ola", last_name="Berg"
        )
    retry_every_day(MAX_ATTEMPTS - 1)
    notice = Notice.objects.get(kind="invitation")
    assert notice.state == Notice.State.FAILED
    assert WITHHELD in notice.body and "/accounts/password/reset/key/" not in notice.body
    notice_resend(notice=notice, actor=StaffFactory(), reason="Typo fixed at their end")
    notices_deliver_due()
    (email,) = mail.outbox
    assert "/accounts/password/reset/key/" in email.body
    assert f"{employer.get_full_name()} has invited you" in email.body
    assert "for Alice Roofing Ltd., as Employer" in email.body


@pytest.mark.parametrize(
    ("action", "status", "words"),
    [
        ("deroll", "registered", ["removed Alice Roofing Ltd. from the SECOR program (de-rolled)", "register"]),
        ("transfer_to_cor", "registered", ["transferred Alice Roofing Ltd. from SECOR to the Certificate"]),
        ("withdraw", "registered", ["has withdrawn from the SECOR program"]),
        ("reinstate", "derolled", ["reinstated Alice Roofing Ltd. in the SECOR program (it was de-rolled)"]),
    ],
)
def test_status_changes_are_told_to_the_company(
    company, employer, staff_user, django_capture_on_commit_callbacks, action, status, words
):
    company.status, company.derolled_on = status, (date(2026, 1, 5) if status == "derolled" else None)
    company.save()
    with django_capture_on_commit_callbacks(execute=True):
        company_services.company_change_status(company=company, actor=staff_user, action=action, reason="Per review")
    (email,) = mail.outbox
    assert email.to == [employer.email]
    assert "Reason: Per review" in email.body
    for phrase in words:
        assert phrase in email.body


def test_elig_5_the_de_roll_notice_gives_the_date_the_company_may_register_again(
    company, employer, staff_user, django_capture_on_commit_callbacks
):
    with (
        on(date(2026, 8, 31), 10),
        django_capture_on_commit_callbacks(execute=True),
    ):
        company_services.company_change_status(
            company=company, actor=staff_user, action="deroll", reason="Letter expired"
        )
    assert "may register for SECOR again from February 28, 2027" in mail.outbox[0].body


def test_a_notice_to_a_company_without_users_is_not_claimed(staff_user):
    application = ApplicationFactory(company=CompanyFactory(status="applied", registration_date=None))
    company_services.application_accept(application=application, actor=staff_user)
    # The application's submitter has no membership: nobody signs in for the company, nobody to tell.
    assert not Notice.objects.exists()
