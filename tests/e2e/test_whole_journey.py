"""A company's whole journey in a real browser, from registering to certified (issue 24): at each stage the
employer's *What to do next* shows the step of that stage and leads to where it is done; SCSA's staff and the
program auditor do their part on their own pages in between. The company page fits a 390 px phone throughout.

What takes months in life (training, the system's records, the audit's day) is set in the database between the
stages, with the date it would have; every step people take is taken through the pages.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from audits.audit.rules import booking_day_warning
from audits.models import Audit
from audits.tool.selectors import audit_tool_on, sections_of
from companies.models import Company
from tests.e2e.test_accessibility import PHONE, assert_fits_a_phone
from tests.e2e.test_journeys import _fill_company_details, _fill_workers
from tests.e2e.test_manual_journey import _review, _tick
from tests.factories import AuditorFactory, StaffFactory, UserFactory, pdf_bytes
from tests.training.test_summaries import fully_trained

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def next_step(page, link: str):
    """The step of *What to do next* whose button is `link`, on the company page as it is now (at a phone's
    width: it fits)."""
    page.goto(page.url.split("#")[0])
    assert_fits_a_phone(page)
    step = page.locator("#next-steps li", has=page.get_by_role("link", name=link, exact=True))
    expect(step).to_have_count(1)
    return step


def staff_decides(page, outcome: str) -> None:
    """The review's outcome, where the page asks for it apart from the section verdicts."""
    if page.get_by_label("Outcome").count():
        page.get_by_label("Outcome").select_option(label=outcome)
    page.get_by_role("button", name="Record the review").click()


def test_the_employer_follows_what_to_do_next_from_registering_to_certified(new_page, sign_in, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    document = tmp_path / "document.pdf"
    document.write_bytes(pdf_bytes(title="Stand-in"))
    staff = StaffFactory(first_name="Sam", last_name="Staff")
    auditor = AuditorFactory(first_name="Marc", last_name="Lavoie")
    today = timezone.localdate()

    # Registering: the application, then the roster's first step while SCSA decides.
    employer = UserFactory(email="pat@prairie-roofing.example")
    page = new_page(viewport=PHONE)
    sign_in(page, employer.email)
    expect(page).to_have_url(re.compile(r"/register/$"))
    _fill_company_details(page, legal_name="Prairie Roofing Ltd.", wcb="7654321")
    _fill_workers(page, owners=1, full_time=1)
    page.get_by_role("link", name="Next: the SECOR Agreement").click()
    page.get_by_label("I have read the SECOR Agreement").check()
    page.get_by_label("Type your full name to sign").fill("Pat Owner")
    page.get_by_role("button", name="Sign and submit the application").click()
    expect(page.get_by_role("status")).to_contain_text("Application received")
    company = Company.objects.get(wcb_account_number="7654321")
    next_step(page, "Add a worker")

    # SCSA accepts the application on its page.
    desk = new_page()
    sign_in(desk, staff.email, next_url="/staff/applications/")
    desk.get_by_role("link", name="Prairie Roofing Ltd.").click()
    desk.get_by_role("button", name="Accept and register").click()
    desk.get_by_role("button", name="Yes, accept and register").click()
    expect(desk.get_by_text("Prairie Roofing Ltd. is registered in SECOR.")).to_be_visible()

    # Registered: the roster first; the step opens the form that adds a worker.
    next_step(page, "Add a worker").get_by_role("link", name="Add a worker").click()
    expect(page.get_by_role("heading", name="Add a person to the roster")).to_be_visible()

    # Training, months of it: every required course held and accepted by a trained employee. The manual is next.
    fully_trained(company, email="jane@prairie-roofing.example", auditor_training_on=today - timedelta(days=200))
    page.goto(f"/companies/{company.pk}/")
    next_step(page, "Send the manual").get_by_role("link", name="Send the manual").click()
    page.locator("fieldset", has=page.get_by_text("File 1", exact=True)).get_by_label("File 1").set_input_files(
        str(document)
    )
    _tick(page, 1, sections_of(audit_tool_on(today)))
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_role("alert")).to_contain_text("was sent for review")

    # SCSA approves the manual section by section on its review page.
    desk.goto(f"/companies/{company.pk}/manual/")
    desk.get_by_role("link", name=re.compile("^Review it")).click()
    _review(desk, {})
    staff_decides(desk, "Approved")
    expect(desk.get_by_role("alert")).to_contain_text("was approved")

    # Milestone #1 met: the next step is to ask for the Milestone #2 letter, before the #1 letter expires.
    page.goto(f"/companies/{company.pk}/")
    next_step(page, "Request it").get_by_role("link", name="Request it").click()
    page.get_by_role("button", name="Request the Milestone #2 letter").click()
    desk.goto(f"/companies/{company.pk}/")
    desk.get_by_role("button", name="Issue the Milestone #2 letter").click()
    desk.get_by_role("button", name="Yes, issue it").click()
    expect(desk.locator("#milestones")).to_contain_text("Milestone #2 letter")

    # The baseline audit: the employer requests it with the system's earliest records, eight months old.
    page.goto(f"/companies/{company.pk}/")
    expect(page.locator("#next-steps")).not_to_contain_text("Milestone #2 letter by")
    page.locator("main").get_by_role("link", name="Audits", exact=True).first.click()
    page.get_by_role("link", name="Request the baseline audit").click()
    page.get_by_label("Site Assessment Form (completed)").set_input_files(str(document))
    page.get_by_label("SECOR Audit Compliance Declaration Form (signed)").set_input_files(str(document))
    for kind in ("workplace inspection", "safety meeting", "hazard assessment"):
        page.get_by_label(f"Your earliest {kind} record").set_input_files(str(document))
        page.get_by_label(f"Date of that {kind}").fill(f"{today - timedelta(days=240):%Y-%m-%d}")
    page.get_by_role("button", name="Request the audit").click()
    expect(page.get_by_role("alert")).to_be_visible()

    # SCSA books it with the program auditor, 2 to 3 months ahead (AUD-2); the day comes.
    desk.goto(f"/companies/{company.pk}/audits/")
    desk.get_by_role("link", name="Book the baseline audit").click()
    desk.locator("select[name=auditor]").select_option(label="Marc Lavoie")
    booked_on = today + timedelta(days=75)
    while booking_day_warning(booked_on):  # a working day: a weekend or a holiday asks to confirm first
        booked_on += timedelta(days=1)
    desk.locator("input[name=scheduled_on]").fill(f"{booked_on:%Y-%m-%d}")
    desk.get_by_role("button", name="Book the audit").click()
    expect(desk.get_by_role("alert")).to_contain_text("booked")
    audit = Audit.objects.get(company=company)
    Audit.objects.filter(pk=audit.pk).update(scheduled_on=today - timedelta(days=1))

    # The auditor scores it from their list of audits to complete, and completes it.
    field = new_page()
    sign_in(field, auditor.email, next_url=reverse("audits:my_audit_calendar"))
    field.locator("#audits-to-complete").get_by_role("link", name="Prairie Roofing Ltd.").click()
    for section in sections_of(audit.tool):
        field.get_by_label(f"Available points, {section}").fill("20")
        field.get_by_label(f"Actual points, {section}").fill("17")
    field.get_by_role("button", name="Save the scores").click()
    expect(field.locator("#outcome")).to_have_attribute("data-achieved", "yes")
    field.get_by_role("button", name="Complete the audit").click()
    field.get_by_role("button", name="Yes, complete the audit").click()
    expect(field.locator("#outcome")).to_contain_text("Completed")

    # Certified: the certificate on the company page, and the year's maintenance package is the next step.
    page.goto(f"/companies/{company.pk}/")
    expect(page.locator("[data-certificate-status='valid']").first).to_be_visible()
    next_step(page, "Send it").get_by_role("link", name="Send it").click()
    expect(page).to_have_url(re.compile(rf"/companies/{company.pk}/maintenance/"))
