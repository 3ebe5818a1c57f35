"""Issue 28 in the browser, with axe: staff edit a notice's text (refused when broken, previewed for a company,
saved as a version), and read the program report with its charts, tables and downloads."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from companies.questions.models import Question
from companies.questions.notices import QUESTION_ANSWERED
from secor.notices.models import Notice, NoticeText
from tests.e2e.navigating import follow_menu
from tests.factories import CompanyFactory, MembershipFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_edit_a_notice_text_and_read_the_program_report(new_page, sign_in, assert_accessible):
    company = CompanyFactory(legal_name="Meadowlark Masonry Ltd.")
    asker = MembershipFactory(company=company).user
    staff = StaffFactory(first_name="Sam", last_name="Staff")
    question = Question.objects.create(company=company, asked_by=asker, text="Which SWPs count?")
    question.answer, question.answered_by, question.answered_at = "Any two of your own.", staff, timezone.now()
    question.save()
    Notice.objects.create(
        kind=QUESTION_ANSWERED,
        recipient_email=asker.email,
        subject_key=f"companies.question:{question.pk}",
        about_date=question.asked_at.date(),
        due_on=question.asked_at.date(),
        company=company,
    )
    page = new_page()
    sign_in(page, staff.email)

    # 1. The editor: SECOR's own text, the placeholders beside it.
    follow_menu(page, "Notice texts")
    page.get_by_role("link", name="Answer to a question").click()
    expect(page.locator("#placeholders")).to_contain_text("{{ answer }}")
    assert_accessible(page)

    # 2. A text naming an unknown placeholder is refused, by the field, with its line.
    page.get_by_label("Body").fill("Hello {{ asked_by }},\n{{ phone }}")
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.locator("#body-error")).to_contain_text("Line 2: phone is not a placeholder")
    assert_accessible(page)

    # 3. Previewed for the company, then saved as version 1.
    page.get_by_label("Body").fill("Hello {{ asked_by }},\n{{ answer }}\nSCSA, 306-555-0100")
    page.get_by_label("Preview it for").select_option(label=company.legal_name)
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#preview-body")).to_contain_text("Any two of your own.")
    assert_accessible(page)
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.locator("#history")).to_contain_text("Version 1, Sam Staff")
    assert NoticeText.objects.get(kind=QUESTION_ANSWERED).version == 1

    # 4. The program report: charts beside their tables, each table a CSV, the whole a PDF.
    follow_menu(page, "Program report")
    expect(page.get_by_role("heading", name="SECOR program report")).to_be_visible()
    expect(page.locator("#time-to-certification-chart")).to_be_attached()
    expect(page.locator("#stages-table")).to_contain_text("Registered, not yet certified")
    expect(page.get_by_role("link", name=re.compile("Download this table as CSV")).first).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("CSV.*Fees invoiced and paid")).click()
    assert download.value.suggested_filename.startswith("secor-fees-")
