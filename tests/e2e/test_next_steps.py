"""In a real browser: the employer's company page opens with what to do next, each step leading to where it
is done; the training chart reads as cards on a phone, its status in view without scrolling sideways."""

from datetime import date

import pytest
from playwright.sync_api import expect

from companies.models import Company
from tests.factories import ApplicationFactory, EmployeeFactory, MembershipFactory, TrainingRecordFactory, course
from tests.training.test_chart import designate
from training.rules import CourseCode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_employer_follows_the_to_do_list_from_the_roster_to_a_course(new_page, sign_in):
    application = ApplicationFactory(company__legal_name="Prairie Roofing Ltd.", workers={"full_time_field": 2})
    company = application.company
    Company.objects.filter(pk=company.pk).update(status=Company.Status.REGISTERED, registration_date=date(2026, 9, 1))
    owner = MembershipFactory(company=company, user=application.submitted_by).user

    page = new_page()
    sign_in(page, owner.email)
    steps = page.locator("#next-steps li")
    expect(page.get_by_role("heading", name="What to do next")).to_be_visible()
    expect(steps.first).to_contain_text("Add your workers to the roster")
    expect(steps.first).to_contain_text("You declared 2 workers when you applied.")

    steps.first.get_by_role("link", name="Add a worker").click()
    expect(page.get_by_role("heading", name="Add a person to the roster")).to_be_visible()
    page.get_by_label("First name").fill("Maria")
    page.get_by_label("Last name").fill("Santos")
    page.get_by_label("Email").fill("maria@prairie.example")
    page.get_by_label("Employment type").select_option(label="Full-time")
    page.get_by_label("Start date").fill("2026-01-05")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Maria Santos added to the roster.")

    page.get_by_role("link", name="Prairie Roofing Ltd.").first.click()
    expect(steps.first).to_contain_text("Check the roster against the workers you declared")
    scot = steps.filter(has_text="Record Safety Construction Orientation Training (SCOT) of Maria Santos")
    scot.get_by_role("link", name="Record the course").click()
    expect(page.get_by_role("heading", name="Record a completed course")).to_be_visible()
    expect(page.get_by_label("Employee")).to_have_value(str(company.employees.get().pk))
    expect(page.get_by_label("Course")).to_have_value(str(course(CourseCode.SCOT).pk))


@pytest.mark.parametrize(("width", "height"), [(390, 844)], ids=["phone-390"])
def test_the_training_chart_reads_as_cards_on_a_phone_with_every_status_in_view(new_page, sign_in, width, height):
    owner = MembershipFactory(company__legal_name="Prairie Roofing Ltd.").user
    company = owner.membership.company
    jane = EmployeeFactory(company=company, first_name="Jane", last_name="Doe-Villanueva de la Cruz")
    for code in (CourseCode.SAFETY_MANAGEMENT, CourseCode.SAFETY_AUDITOR, CourseCode.LSE):
        TrainingRecordFactory(employee=jane, course=course(code), completed_on=date(2026, 6, 1))
    designate(jane, *CourseCode.DESIGNATED)

    page = new_page(viewport={"width": width, "height": height})
    sign_in(page, owner.email, next_url=f"/companies/{company.pk}/training/")
    expect(page.get_by_role("heading", name="SECOR training chart")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    statuses = page.locator("#training-chart td.chart-status")
    expect(statuses.first).to_be_visible()
    assert statuses.count() >= len(CourseCode.CHART)
    for index in range(statuses.count()):
        box = statuses.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, "a status is cut off"
    # Each course is a card with its name on top; the column names label the values.
    expect(page.locator("#training-chart thead")).not_to_be_in_viewport()
    card = page.locator("#training-chart tbody.chart-course").first
    expect(card.get_by_role("rowheader").or_(card.locator("th")).first).to_contain_text("Safety Management")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('#training-chart td.chart-status'), '::before').content")
        == '"Status"'
    )
