"""The annual maintenance journey, through a real browser (MNT-1): a certified employer sends the year's
package, SCSA gives it to a program auditor who returns it, the employer replaces one document, and the
auditor accepts it."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.audits.cycle import certified
from tests.audits.manuals import docx_bytes
from tests.e2e.navigating import follow_menu
from tests.factories import AuditorFactory, MembershipFactory, StaffFactory, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_maintenance_package_is_returned_corrected_and_accepted(new_page, sign_in, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    files = {name: tmp_path / name for name in ("tool.pdf", "swp.pdf", "sjp.docx", "signed.pdf")}
    for name, path in files.items():
        path.write_bytes(docx_bytes() if name.endswith(".docx") else pdf_bytes(title=name))
    employer = MembershipFactory(company__legal_name="Prairie Pride Roofing Ltd.").user
    company = employer.membership.company
    staff = StaffFactory(first_name="Sam", last_name="Staff")
    AuditorFactory(email="marc@scsa.example", first_name="Marc", last_name="Lavoie")
    certified(company, staff, issued_on=date(2026, 8, 11))

    # The employer opens its maintenance page from the company page and sends the year's package.
    page = new_page()
    sign_in(page, employer.email)
    expect(page.locator("#certificate")).to_contain_text("valid")
    page.get_by_role("link", name="Send it").click()
    expect(page.locator("#qualified-internal-auditors")).to_contain_text("Jane Doe")
    page.get_by_label("Internal audit done by").select_option(label="Jane Doe")
    page.get_by_label("Day of the internal audit").fill("2026-11-20")
    page.get_by_label("Completed SECOR audit tool (internal audit)").set_input_files(str(files["tool.pdf"]))
    for number in (1, 2):
        page.get_by_label(f"Safe Work Practice {number}").set_input_files(str(files["swp.pdf"]))
        page.get_by_label(f"Safe Job Procedure {number}").set_input_files(str(files["sjp.docx"]))
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_role("alert")).to_contain_text("was sent to SCSA for review")
    expect(page.locator("#year-1")).to_have_attribute("data-maintenance", "in review")

    # Staff give it to Marc from the queue; Marc returns it with what to correct.
    staff_page = new_page()
    sign_in(staff_page, staff.email)
    follow_menu(staff_page, re.compile("^Maintenance"))
    staff_page.get_by_label("Reviewer of the package of Prairie Pride Roofing Ltd.").select_option(
        label="Marc Lavoie (program auditor)"
    )
    staff_page.get_by_role("button", name="Give the review").click()
    expect(staff_page.get_by_role("alert")).to_contain_text("is given to Marc Lavoie")
    auditor = new_page()
    sign_in(auditor, "marc@scsa.example")
    follow_menu(auditor, re.compile("^Maintenance to review"))
    auditor.get_by_role("link", name="Review it").click()
    auditor.get_by_label("Outcome").select_option(label="Returned for corrections")
    auditor.get_by_role("button", name="Record the review").click()
    expect(auditor.get_by_text("Say what needs correcting").first).to_be_visible()  # refused, the form kept
    auditor.get_by_label("Comments").fill("Sign the audit tool.")
    auditor.get_by_role("button", name="Record the review").click()
    expect(auditor.get_by_role("alert")).to_contain_text("returned for corrections")

    # The employer replaces the audit tool only; the other four documents are kept.
    page.reload()
    expect(page.get_by_text("Sign the audit tool.").first).to_be_visible()
    page.get_by_role("link", name="Send the corrected package").click()
    page.get_by_label("Completed SECOR audit tool (internal audit)").set_input_files(str(files["signed.pdf"]))
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_text("kept from an earlier version")).to_have_count(4)

    # Marc accepts version 2; the company sees the year done.
    auditor.goto(f"/companies/{company.pk}/maintenance/")
    auditor.get_by_role("link", name="Review it").click()
    auditor.get_by_label("Outcome").select_option(label="Accepted")
    auditor.get_by_role("button", name="Record the review").click()
    page.reload()
    expect(page.locator("#year-1")).to_have_attribute("data-maintenance", "accepted")
