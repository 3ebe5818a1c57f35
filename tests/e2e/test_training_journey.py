"""The training journey, through a real browser: an employer records courses and designates a trained
employee, SCSA staff verify the certificates, and the chart (on screen and as a PDF) shows what is held
and what is due next.
"""

import re

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from playwright.sync_api import expect

from secor.dates import long_date
from tests.e2e.navigating import follow_menu
from tests.factories import MembershipFactory, StaffFactory, pdf_bytes
from tests.pdfs import pdf_text
from training.rules import CourseCode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A real one-page PDF: the upload check opens it.
CERTIFICATE_PDF = pdf_bytes(title="Certificate")


def _record_course(page, *, employee: str, course: str, completed_on, number: str, certificate) -> None:
    page.get_by_role("link", name="Record a course").click()
    expect(page.get_by_role("heading", name="Record a completed course")).to_be_visible()
    page.get_by_label("Employee").select_option(label=employee)
    page.get_by_label("Course").select_option(label=course)
    page.get_by_label("Date completed").fill(completed_on.isoformat())
    page.get_by_label("Certificate number").fill(number)
    page.get_by_label(re.compile(r"^\s*Certificate\*?\s*$")).set_input_files(str(certificate))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", name="SECOR training chart")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_text(
        f"{course} recorded for {employee}; SCSA will verify the certificate."
    )


def _designate(page, *, employee: str, position: int) -> None:
    """Designate for every required course: the form ticks them all to start with."""
    form = page.locator("form", has=page.get_by_role("button", name="Designate"))
    form.get_by_label("Position").select_option(label=f"Trained employee #{position}")
    form.get_by_label("Employee").select_option(label=employee)
    expect(form.get_by_label("LSE Proficiency")).to_be_checked()
    form.get_by_role("button", name="Designate").click()
    expect(page.get_by_role("alert")).to_contain_text(f"{employee} designated trained employee #{position} for ")
    for code in CourseCode.DESIGNATED:
        expect(_chart_cell(page, code, position)).to_contain_text(f"#{position} {employee}")


def _chart_cell(page, code: str, position: int):
    return page.locator(f'#training-chart tr[data-course="{code}"][data-position="{position}"]')


def test_employer_records_training_staff_verify_and_the_chart_shows_what_is_due(new_page, sign_in, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    certificate = tmp_path / "certificate.pdf"
    certificate.write_bytes(CERTIFICATE_PDF)

    employer = MembershipFactory(company__legal_name="Meadowlark Masonry Ltd.").user
    company = employer.membership.company
    staff = StaffFactory()
    employee = "Robin Fairweather"
    today = timezone.localdate()
    safety_management_on = today - relativedelta(months=4)
    auditor_training_on = today - relativedelta(months=2)
    deadline = auditor_training_on + relativedelta(months=8)

    # 1. The employer adds a full-time permanent Saskatchewan employee, with an email (TRN-2).
    page = new_page()
    sign_in(page, employer.email)
    expect(page).to_have_url(re.compile(rf"/companies/{company.pk}/$"))
    follow_menu(page, "Roster")
    page.get_by_role("link", name="Add a person").click()
    expect(page.get_by_role("heading", name="Add a person to the roster")).to_be_visible()
    page.get_by_label("First name").fill("Robin")
    page.get_by_label("Last name").fill("Fairweather")
    page.get_by_label("Email").fill("robin@meadowlark.example")
    page.get_by_label("Employment type").select_option(label="Full-time")
    page.get_by_label("Permanent position").check()
    page.get_by_label("Works in Saskatchewan").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text(f"{employee} added to the roster.")).to_be_visible()

    # 2. On the Training page they record Safety Management, then Safety Auditor Training, with certificates.
    follow_menu(page, "Training")
    expect(page.get_by_role("heading", name="SECOR training chart")).to_be_visible()
    _record_course(
        page,
        employee=employee,
        course="Safety Management",
        completed_on=safety_management_on,
        number="SM-20417",
        certificate=certificate,
    )
    _record_course(
        page,
        employee=employee,
        course="Safety Auditor Training",
        completed_on=auditor_training_on,
        number="SAT-88121",
        certificate=certificate,
    )
    records = page.locator("#training-records tbody tr")
    expect(records).to_have_count(2)
    expect(records.filter(has_text="Safety Management")).to_contain_text("Pending")
    expect(records.filter(has_text="Safety Auditor Training")).to_contain_text("Pending")

    # 3. They designate the employee as trained employee #1 (for all the required courses at once).
    _designate(page, employee=employee, position=1)
    expect(_chart_cell(page, "safety-management", 1)).to_contain_text("pending verification")
    expect(_chart_cell(page, "safety-auditor-training", 1)).to_contain_text("pending verification")

    # 4. SCSA staff verify both certificates from their queue.
    staff_page = new_page()
    sign_in(staff_page, staff.email)
    follow_menu(staff_page, "Training to review")
    expect(staff_page).to_have_url(re.compile(r"/staff/verification/$"))
    expect(staff_page.get_by_role("heading", name="Training to review")).to_be_visible()
    to_verify = staff_page.locator("#records-to-verify > li", has_text=employee)
    expect(to_verify).to_have_count(2)
    for course in ("Safety Management", "Safety Auditor Training"):
        to_verify.filter(has_text=course).get_by_role("button", name="Verify").click()
        expect(to_verify.filter(has_text=course)).to_have_count(0)
        expect(staff_page.get_by_role("alert")).to_have_text(f"{course} of {employee} verified.")
    expect(staff_page.get_by_text("Nothing to verify.")).to_be_visible()

    # 5. The employer's chart: both courses held, the Internal Safety Auditor Certificate due in 8 months.
    page.reload()
    expect(_chart_cell(page, "safety-management", 1)).to_contain_text("held")
    expect(_chart_cell(page, "safety-management", 1)).to_contain_text(f"SM-20417 · {long_date(safety_management_on)}")
    # Trained, but not an internal auditor until the self-audit is accepted (TRN-6, DOMAIN section 8).
    expect(_chart_cell(page, "safety-auditor-training", 1)).to_contain_text("Not yet an internal auditor")
    expect(_chart_cell(page, "safety-auditor-training", 1)).to_contain_text(
        f"SAT-88121 · {long_date(auditor_training_on)}"
    )
    certificate_cell = _chart_cell(page, "internal-safety-auditor-certificate", 1)
    expect(certificate_cell).to_contain_text(f"#1 {employee}")
    expect(certificate_cell.locator(".badge")).to_contain_text(f"due · {long_date(deadline)}")
    expect(certificate_cell).to_contain_text(
        f"Must be submitted and accepted by {deadline:%B} {deadline.day}, {deadline.year}."
    )

    # 6. The chart downloads as a PDF naming the company and the trained employee.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    pdf = download.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Meadowlark Masonry Ltd." in text, text
    assert employee in text, text
