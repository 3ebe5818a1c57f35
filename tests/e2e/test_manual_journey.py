"""The manual and milestone journey, through a real browser (MAN-2, MIL-1): the employer downloads the
Milestone #1 letter, sends the manual by section, SCSA returns it with comments on a section, the employer
corrects that section, and SCSA approves it."""

import re
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from audits.tool.selectors import audit_tool_on, sections_of
from milestones.services import letter_issue_on_registration
from tests.audits.manuals import docx_bytes
from tests.e2e.navigating import follow_menu
from tests.factories import MembershipFactory, StaffFactory, pdf_bytes
from tests.pdfs import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tick(page, row: int, sections) -> None:
    fieldset = page.locator("fieldset", has=page.get_by_text(f"File {row}", exact=True))
    for section in sections:
        fieldset.get_by_label(str(section), exact=True).check()


def _review(page, corrections: dict[str, str]) -> None:
    """A verdict on every section: accepted, except the named ones with what to correct."""
    for section in sections_of(audit_tool_on(timezone.localdate())):
        row = page.locator("tr", has=page.get_by_role("rowheader", name=str(section), exact=True))
        if str(section) in corrections:
            row.get_by_label("Corrections required").check()
            row.get_by_label(f"Comment on {section.name}").fill(corrections[str(section)])
        else:
            row.get_by_label("Accepted").check()


def test_the_manual_is_returned_by_section_corrected_and_approved(new_page, sign_in, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "manual.pdf").write_bytes(pdf_bytes(title="Manual"))
    (tmp_path / "supplemental.docx").write_bytes(docx_bytes())
    (tmp_path / "corrected.pdf").write_bytes(pdf_bytes(title="Corrected SWP"))
    employer = MembershipFactory(company__legal_name="Prairie Pride Roofing Ltd.").user
    company = employer.membership.company
    company.registration_date = date(2026, 1, 5)
    company.save()
    letter = letter_issue_on_registration(company=company, actor=None)
    staff = StaffFactory(first_name="Sam", last_name="Staff")
    sections = sections_of(audit_tool_on(timezone.localdate()))
    safe_work_practices = str(sections[2])

    # The employer downloads the Milestone #1 letter from the company page (MIL-1).
    page = new_page()
    sign_in(page, employer.email)
    expect(page.locator("#milestones")).to_contain_text(letter.reference)
    with page.expect_download() as download:
        page.locator("#milestones").get_by_role("link", name="the letter (PDF)").click()
    text = pdf_text(download.value.path())
    assert "Prairie Pride Roofing Ltd." in text and "January 5, 2027" in text and letter.reference in text

    # It sends the manual: the national elements in a PDF, the supplemental sections in a Word file (MAN-1).
    follow_menu(page, "Manual")
    page.get_by_role("link", name="Send the manual for review").click()
    page.locator("fieldset", has=page.get_by_text("File 1", exact=True)).get_by_label("File 1").set_input_files(
        str(tmp_path / "manual.pdf")
    )
    _tick(page, 1, sections[:13])
    page.locator("fieldset", has=page.get_by_text("File 2", exact=True)).get_by_label("File 2").set_input_files(
        str(tmp_path / "supplemental.docx")
    )
    _tick(page, 2, sections[13:])
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_role("alert")).to_contain_text("was sent for review")
    expect(page.get_by_text("Version 1 is under review")).to_be_visible()

    # SCSA staff return it from the queue, with what to correct in Safe Work Practices (MAN-2).
    reviewer = new_page()
    sign_in(reviewer, staff.email)
    follow_menu(reviewer, re.compile("^Manuals"))
    expect(reviewer.locator("#manuals-to-review")).to_contain_text("Prairie Pride Roofing Ltd.")
    reviewer.get_by_role("link", name="Review it").click()
    _review(reviewer, {safe_work_practices: "Add the SWP for working on roofs."})
    reviewer.get_by_role("button", name="Record the review").click()
    expect(reviewer.get_by_role("alert")).to_contain_text("returned for corrections")

    # The employer reads the comment by section and sends the corrected section only.
    page.reload()
    expect(page.get_by_text("Corrections required.")).to_be_visible()
    expect(page.locator("tr.table-warning")).to_contain_text("Add the SWP for working on roofs.")
    page.get_by_role("link", name="Send the corrected manual").click()
    expect(page.get_by_text("Add the SWP for working on roofs.")).to_be_visible()
    page.locator("fieldset", has=page.get_by_text("File 1", exact=True)).get_by_label("File 1").set_input_files(
        str(tmp_path / "corrected.pdf")
    )
    _tick(page, 1, [sections[2]])
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_text("Version 2 is under review")).to_be_visible()
    expect(page.get_by_text("kept from an earlier version").first).to_be_visible()

    # SCSA approves version 2; the company sees it approved, and Milestone #1's manual condition met.
    reviewer.goto(f"/companies/{company.pk}/manual/")
    reviewer.get_by_role("link", name="Review it section by section").click()
    # It starts from version 1's review, the corrected section marked: accepting it approves the manual.
    expect(reviewer.locator('tr[data-changed="yes"]')).to_contain_text("Safe Work Practices")
    _review(reviewer, {})
    reviewer.get_by_role("button", name="Record the review").click()
    expect(reviewer.get_by_role("alert")).to_contain_text("was approved")
    page.reload()
    expect(page.get_by_text("Approved on")).to_be_visible()
    page.goto(f"/companies/{company.pk}/")
    expect(page.locator('#milestones [data-condition-met="yes"]')).to_contain_text(
        "Health & safety manual review approved"
    )
