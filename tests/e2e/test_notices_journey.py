"""NTC-1 … NTC-3 in the browser: the employer reads the deadline notice the sweep sent; staff find a notice
that failed in the log and send it again with a reason."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from secor.notices.models import Notice
from secor.notices.services import notices_sweep
from tests.e2e.navigating import follow_menu
from tests.factories import EmployeeFactory, MembershipFactory, StaffFactory, TrainingRecordFactory, course
from training import rules
from training.rules import CourseCode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_employer_reads_a_deadline_notice_and_staff_resend_one_that_failed(new_page, sign_in):
    employer = MembershipFactory(company__legal_name="Meadowlark Masonry Ltd.").user
    company = employer.membership.company
    robin = EmployeeFactory(company=company, first_name="Robin", last_name="Fairweather", email="robin@mm.example")
    today = timezone.localdate()
    trained_on = rules.latest_date_within(today + timedelta(days=30), months=rules.PROFICIENCY_WINDOW_MONTHS)
    deadline = rules.proficiency_deadline(trained_on)
    TrainingRecordFactory(employee=robin, course=course(CourseCode.SAFETY_MANAGEMENT), completed_on=trained_on)
    TrainingRecordFactory(employee=robin, course=course(CourseCode.SAFETY_AUDITOR), completed_on=trained_on)

    # Beat's daily sweep: the company and Robin are told of the deadline, once.
    notices_sweep()
    notices_sweep()
    assert sorted(message.to[0] for message in mail.outbox) == sorted([employer.email, robin.email])

    # 1. The employer opens the company's Notices and reads what was sent.
    page = new_page()
    sign_in(page, employer.email)
    page.get_by_role("link", name="Notices").click()
    expect(page).to_have_url(re.compile(rf"/companies/{company.pk}/notices/$"))
    rows = page.locator("#notices tbody tr")
    expect(rows).to_have_count(2)
    robins = rows.filter(has_text="robin@mm.example")
    expect(robins).to_contain_text("Self-audit and certification deadline")
    expect(robins).to_contain_text("sent")
    robins.locator("summary").click()
    expect(robins.locator("pre")).to_contain_text(f"by {deadline:%B} {deadline.day}, {deadline.year}")

    # 2. A notice whose sends kept failing waits for staff in the log; they send it again, saying why.
    Notice.objects.filter(recipient_email=robin.email).update(
        state=Notice.State.FAILED, last_error="SMTPRecipientsRefused: mailbox full", attempts=6, sent_at=None
    )
    staff_page = new_page()
    sign_in(staff_page, StaffFactory().email)
    follow_menu(staff_page, "Notices")
    expect(staff_page.get_by_role("status")).to_contain_text("1 failed")
    staff_page.get_by_role("link", name="failed", exact=True).click()
    failed = staff_page.locator("#notice-log tbody tr")
    expect(failed).to_have_count(1)
    expect(failed).to_contain_text("mailbox full")
    failed.get_by_label("Why send it again").fill("Robin cleared the mailbox")
    failed.get_by_role("button", name="Send again").click()
    expect(staff_page.get_by_role("alert")).to_have_text("The notice to robin@mm.example is being sent again.")
    expect(staff_page).to_have_url(re.compile(r"/staff/notices/\?state=failed$"))
    expect(staff_page.get_by_text("No notices match.")).to_be_visible()
    assert Notice.objects.get(recipient_email=robin.email).state == Notice.State.SENT
    assert [message.to for message in mail.outbox].count([robin.email]) == 2
