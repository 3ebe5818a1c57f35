"""The review queue fits the screen (1280 px and a phone) and gives the reviewer what a decision needs."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from secor.reviews.services import review_resubmit, review_return
from tests.factories import (
    AuditorAssignmentFactory,
    DocumentFactory,
    EmployeeFactory,
    StaffFactory,
    SubmissionFactory,
    TrainingRecordFactory,
    UserFactory,
    course,
)
from training import rules
from training.models import ProficiencySubmission, TrainingRecord
from training.rules import CourseCode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def fits_the_screen(page) -> None:
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    for button in page.get_by_role("button", name="Return").all()[:3]:
        box = button.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, "a Return button is cut off"


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)], ids=["desktop-1280", "phone-390"])
def test_the_record_queue_fits_the_screen_with_every_button_reachable(new_page, sign_in, width, height):
    staff = StaffFactory()
    for number in range(3):
        person = EmployeeFactory(first_name=f"Maria{number}", last_name="Santos-Villanueva de la Cruz")
        TrainingRecordFactory(
            employee=person,
            course=course(CourseCode.SAFETY_AUDITOR),
            certificate_number=f"SAT-2026-{number:05d}-SASKATOON-REGION",
            status=TrainingRecord.Status.PENDING,
        )
    page = new_page(viewport={"width": width, "height": height})
    sign_in(page, staff.email, next_url="/staff/verification/")
    expect(page.locator("#records-to-verify > li")).to_have_count(3)
    fits_the_screen(page)


def test_the_auditor_sees_the_deadline_the_latest_version_opens_the_earlier_ones_and_a_preview(
    new_page, sign_in, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    assignment = AuditorAssignmentFactory(company__legal_name="Meadowlark Masonry Ltd.")
    person = EmployeeFactory(company=assignment.company, first_name="Robin", last_name="Fairweather")
    trained_on = timezone.localdate() - timedelta(days=100)
    TrainingRecordFactory(employee=person, course=course(CourseCode.SAFETY_MANAGEMENT), completed_on=trained_on)
    TrainingRecordFactory(employee=person, course=course(CourseCode.SAFETY_AUDITOR), completed_on=trained_on)
    submission = SubmissionFactory(employee=person, kind=ProficiencySubmission.Kind.SELF_AUDIT)
    review_return(review=submission.review, actor=StaffFactory(), comments="Section 4 is blank.")
    scan = DocumentFactory(
        company=assignment.company, kind="self-audit", file__data=png(), extension="png", content_type="image/png"
    )
    review_resubmit(review=submission.review, actor=UserFactory(), document=scan)
    deadline = rules.proficiency_deadline(trained_on)

    page = new_page()
    sign_in(page, assignment.auditor.email, next_url="/staff/verification/")
    item = page.locator("#submissions-to-review > li")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(f"on {trained_on:%B} {trained_on.day}, {trained_on.year}")
    expect(item).to_contain_text(f"to be accepted by {deadline:%B} {deadline.day}, {deadline.year}")
    expect(item).to_contain_text("Version 2, sent")
    expect(item).to_contain_text("Returned before: “Section 4 is blank.”")
    # The earlier versions open in the row, from the review's history page.
    item.get_by_role("link", name="2 versions").click()
    expect(item.locator("details[open] [data-version]")).to_have_count(2)
    expect(item.locator('[data-version="1"]')).to_contain_text("Section 4 is blank.")
    assert page.url.endswith("/staff/verification/")
    item.get_by_text("Preview the self-audit").click()
    preview = item.locator(".document-preview img")
    expect(preview).to_be_visible()
    assert preview.evaluate("image => image.naturalWidth") == 120
