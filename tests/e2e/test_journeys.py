"""The main journeys of employers and SCSA staff, through a real browser.

Each test signs people in through the real login page and asserts on what they see (and, where it
matters, on what is stored).
"""

import re

import pytest
from playwright.sync_api import expect

from companies.models import Application, Company, Employee, Membership
from tests.factories import ApplicationFactory, EmployeeFactory, MembershipFactory, StaffFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")


def _fill_company_details(page, *, legal_name: str, wcb: str) -> None:
    expect(page.get_by_role("heading", name="Register your company for SECOR")).to_be_visible()
    page.get_by_label("Legal name").fill(legal_name)
    page.get_by_label("WCB account number").fill(wcb)
    page.get_by_label("Street address").fill("1 Victoria Avenue")
    page.get_by_label("City").fill("Regina")
    page.get_by_label("Postal code").fill("S4P 3Y2")
    page.get_by_label("Phone").fill("306-555-0142")
    page.get_by_label("Company email").fill("office@prairie-roofing.example")
    page.get_by_label("Trade").fill("Roofing")
    page.get_by_role("button", name="Next: workers").click()


def _fill_workers(page, *, owners: int, full_time: int) -> None:
    expect(page.get_by_role("heading", name="Your Saskatchewan workers")).to_be_visible()
    page.get_by_label("Owners in the office").fill(str(owners))
    page.get_by_label("Full-time workers in the field").fill(str(full_time))
    page.get_by_role("button", name="Next: check eligibility").click()
    expect(page.get_by_role("heading", name="Eligibility")).to_be_visible()


def test_eligible_employer_signs_up_and_applies(page, mailoutbox):
    email = "pat@prairie-roofing.example"
    page.goto("/accounts/signup/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill("Tarp-Shingle-Ridge-42")
    page.locator("input[name=password2]").fill("Tarp-Shingle-Ridge-42")
    page.get_by_role("button", name="Sign Up").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [email]
    link = CONFIRM_LINK.search(mailoutbox[0].body)
    assert link, mailoutbox[0].body
    page.goto(link.group(0))

    # Confirming signs the employer in and home sends someone without a company to the registration journey.
    expect(page).to_have_url(re.compile(r"/register/$"))
    _fill_company_details(page, legal_name="Prairie Roofing Ltd.", wcb="7654321")
    _fill_workers(page, owners=1, full_time=3)
    expect(page.get_by_text("Saskatchewan workers declared: 4.")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("Your company is eligible for SECOR.")

    page.get_by_role("link", name="Next: the SECOR Agreement").click()
    expect(page.get_by_role("heading", name="SECOR Agreement")).to_be_visible()
    page.get_by_label("I have read the SECOR Agreement").check()
    page.get_by_label("Type your full name to sign").fill("Pat Owner")
    page.get_by_role("button", name="Sign and submit the application").click()

    expect(page.get_by_role("heading", name="Prairie Roofing Ltd.")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Application received")
    expect(page.locator(".badge", has_text="Application received")).to_be_visible()

    company = Company.objects.get(wcb_account_number="7654321")
    assert company.status == Company.Status.APPLIED
    assert Membership.objects.get(company=company).user.email == email
    application = Application.objects.get(company=company)
    assert application.workers["owners_office"] == 1
    assert (application.workers["full_time_field"], application.declared_workers) == (3, 4)
    assert application.agreement_signed_name == "Pat Owner"


def test_employer_with_ten_workers_is_told_to_register_for_cor(page, sign_in):
    employer = UserFactory()
    sign_in(page, employer.email)
    expect(page).to_have_url(re.compile(r"/register/$"))
    _fill_company_details(page, legal_name="Big Crew Framing Ltd.", wcb="555 1234")
    _fill_workers(page, owners=1, full_time=9)

    refusal = page.locator("#refusal")
    expect(refusal).to_contain_text("Your company cannot register for SECOR.")
    expect(refusal).to_contain_text("You have 10 Saskatchewan workers.")
    expect(refusal).to_contain_text("Register for the SCSA Certificate of Recognition (COR) program")
    expect(page.get_by_text("Register for COR with SCSA. Your contact:")).to_be_visible()
    expect(page.get_by_role("link", name="Next: the SECOR Agreement")).to_have_count(0)

    # Going straight to the agreement does not get round the refusal.
    page.goto("/register/agreement/")
    expect(page).to_have_url(re.compile(r"/register/check/$"))
    expect(page.locator("#refusal")).to_be_visible()

    assert not Company.objects.exists()
    assert not Application.objects.exists()


def test_staff_accept_an_application_and_the_employer_sees_registered(new_page, sign_in, mailoutbox):
    application = ApplicationFactory(company__legal_name="Northern Lights Electric Ltd.")
    company = application.company
    employer = MembershipFactory(company=company, user=application.submitted_by).user
    staff = StaffFactory()

    staff_page = new_page()
    sign_in(staff_page, staff.email, next_url="/staff/applications/")
    expect(staff_page.get_by_role("heading", name="Applications waiting for SCSA")).to_be_visible()
    staff_page.get_by_role("link", name="Northern Lights Electric Ltd.").click()
    expect(staff_page.get_by_role("heading", name="Application of Northern Lights Electric Ltd.")).to_be_visible()
    staff_page.get_by_role("button", name="Accept and register").click()
    expect(staff_page.get_by_text("An accepted application cannot be declined afterwards.")).to_be_visible()
    staff_page.get_by_role("button", name="Yes, accept and register").click()

    expect(staff_page).to_have_url(re.compile(rf"/companies/{company.pk}/$"))
    expect(staff_page.get_by_text("Northern Lights Electric Ltd. is registered in SECOR.")).to_be_visible()
    application.refresh_from_db()
    assert application.decision == Application.Decision.ACCEPTED
    assert application.decided_by == staff
    assert [message.to for message in mailoutbox] == [[employer.email]]

    employer_page = new_page()
    sign_in(employer_page, employer.email)
    expect(employer_page).to_have_url(re.compile(rf"/companies/{company.pk}/$"))
    expect(employer_page.get_by_role("heading", name="Northern Lights Electric Ltd.")).to_be_visible()
    expect(employer_page.locator(".badge", has_text="Registered")).to_be_visible()
    expect(employer_page.get_by_role("status")).to_contain_text("Registered in SECOR")


def test_tenth_worker_takes_the_company_over_the_secor_limit(new_page, sign_in, tmp_path):
    employer = MembershipFactory(company__legal_name="Riverbend Concrete Ltd.").user
    company = employer.membership.company
    EmployeeFactory.create_batch(9, company=company)

    page = new_page()
    sign_in(page, employer.email, next_url=f"/companies/{company.pk}/roster/")
    expect(page.locator("#headcount")).to_have_text("9")
    expect(page.locator("#over-limit")).to_have_count(0)

    page.get_by_role("link", name="Add a person").click()
    expect(page.get_by_role("heading", name="Add a person to the roster")).to_be_visible()
    page.get_by_label("First name").fill("Tenth")
    page.get_by_label("Last name").fill("Worker")
    page.get_by_label("Employment type").select_option(label="Full-time")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page).to_have_url(re.compile(rf"/companies/{company.pk}/roster/$"))
    expect(page.get_by_text("Tenth Worker added to the roster.")).to_be_visible()
    expect(page.locator("#headcount")).to_have_text("10")
    expect(page.locator("#over-limit")).to_contain_text("This company no longer qualifies for SECOR.")
    assert Employee.objects.filter(company=company).count() == 10

    # The company page says so too, and works on a phone.
    phone = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    sign_in(phone, employer.email)
    expect(phone).to_have_url(re.compile(rf"/companies/{company.pk}/$"))
    expect(phone.locator("#over-limit")).to_contain_text("This company no longer qualifies for SECOR.")
    expect(phone.locator("#over-limit")).to_contain_text("10 Saskatchewan workers, more than 9")
    screenshot = tmp_path / "company-page-phone.png"
    phone.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 0
    scroll_width, inner_width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"the page is {scroll_width}px wide on a {inner_width}px phone screen"
