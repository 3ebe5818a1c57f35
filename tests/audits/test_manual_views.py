"""The manual's pages, driven as a browser without JavaScript would: plain form posts (MAN-1, MAN-2)."""

import pytest
from django.urls import reverse

from audits.models import ManualSubmission
from companies.models import Company
from secor.reviews.models import Review
from tests.audits.manuals import manual_docx, manual_pdf, sections
from tests.factories import ManualSubmissionFactory

pytestmark = pytest.mark.django_db


def _files_post(rows: dict[int, tuple]) -> dict:
    """{row: (upload, section numbers)} as the form posts them."""
    by_number = {s.number: s.pk for s in sections()}
    data = {}
    for row, (upload, numbers) in rows.items():
        if upload is not None:
            data[f"file_{row}"] = upload
        data[f"sections_{row}"] = [str(by_number[n]) for n in numbers]
    return data


def test_man_1_the_employer_sends_the_manual_in_files_saying_which_sections_each_covers(login, employer, company):
    client = login(employer)
    url = reverse("audits:manual_submit", args=[company.pk])
    page = client.get(url).content.decode()
    assert page.count('name="sections_1"') == 16 and 'name="file_3"' in page
    assert 'name="file_6"' in client.get(url + "?rows=6").content.decode()
    response = client.post(url, _files_post({1: (manual_pdf(), range(1, 14)), 2: (manual_docx(), [14, 15, 16])}))
    assert response.status_code == 302
    manual = ManualSubmission.objects.get(company=company)
    assert manual.review.latest_version.files.count() == 2
    page = client.get(reverse("audits:manual", args=[company.pk])).content.decode()
    assert "Version 1 is under review" in page and "manual-v1.docx" in page


def test_man_2_a_company_not_registered_yet_is_told_before_it_fills_the_form(login, employer, company):
    Company.objects.filter(pk=company.pk).update(status=Company.Status.APPLIED, registration_date=None)
    client = login(employer)
    page = client.get(reverse("audits:manual", args=[company.pk])).text
    assert 'id="manual-not-yet"' in page and "once the company is registered" in page
    assert reverse("audits:manual_submit", args=[company.pk]) not in page
    form_page = client.get(reverse("audits:manual_submit", args=[company.pk])).text
    assert 'id="manual-not-yet"' in form_page and 'name="file_1"' not in form_page


def test_man_1_a_file_without_sections_or_a_section_without_a_file_is_said_by_the_field(login, employer, company):
    url = reverse("audits:manual_submit", args=[company.pk])
    response = login(employer).post(url, _files_post({1: (manual_pdf(), []), 2: (None, [14])}))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["sections_1"] == ["Tick the sections this file covers."]
    assert form.errors["file_2"] == ["Choose the file that covers the sections ticked."]
    # What was ticked is kept for the next try.
    ticked = f'name="sections_2" value="{sections()[13].pk}" id="id_sections_2_13" checked'
    assert ticked in " ".join(response.content.decode().split())
    response = login(employer).post(url, _files_post({1: (manual_pdf(), range(1, 15))}))
    assert "No file covers: 15. " in response.content.decode()
    assert not ManualSubmission.objects.exists()


def test_man_2_the_reviewer_returns_with_comments_by_section_and_the_company_reads_them(
    login, staff_user, employer, company
):
    manual = ManualSubmissionFactory(company=company)
    tool = sections()
    url = reverse("audits:manual_review", args=[company.pk, manual.pk])
    data = {f"verdict_{s.pk}": "accepted" for s in tool} | {f"verdict_{tool[8].pk}": "corrections"}
    response = login(staff_user).post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors[f"comment_{tool[8].pk}"] == ["Say what to correct in Inspections."]
    # No outcome to choose: a section needing corrections returns the manual.
    assert 'name="outcome"' not in response.content.decode()
    response = login(staff_user).post(url, data | {f"comment_{tool[8].pk}": "Monthly."})
    assert response.status_code == 302
    manual.review.refresh_from_db()
    assert manual.review.state == Review.State.RETURNED
    page = login(employer).get(reverse("audits:manual", args=[company.pk])).content.decode()
    assert "Corrections required." in page and "9. Inspections" in page and "Monthly." in page
    assert reverse("audits:manual_resubmit", args=[company.pk, manual.pk]) in page


def test_man_2_staff_give_the_review_from_the_queue(login, staff_user, company, unassigned_auditor):
    manual = ManualSubmissionFactory(company=company)
    client = login(staff_user)
    page = client.get(reverse("audits:manual_queue")).content.decode()
    assert "not given to anyone yet" in page
    response = client.post(
        reverse("audits:manual_assign", args=[company.pk, manual.pk]),
        {"reviewer": unassigned_auditor.pk, "next": "queue"},
    )
    assert response["Location"] == reverse("audits:manual_queue")
    manual.refresh_from_db()
    assert manual.review.reviewer == unassigned_auditor
    page = login(unassigned_auditor).get(reverse("audits:manual_queue")).content.decode()
    assert company.legal_name in page and "Review it" in page
