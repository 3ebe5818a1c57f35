"""The training chart's page as people use it: what it offers each person, its tables and their pages, the PDF,
its query count, and the training summary on the company's pages."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from companies.rules import EmploymentType
from secor import hooks
from secor.reviews.models import Review
from tests.clock import on
from tests.factories import EmployeeFactory, SubmissionFactory, course
from tests.pdfs import pdf_text
from tests.training.chart_helpers import TODAY, cells, chart_of, designate, fully_trained, held
from training.models import ProficiencySubmission, TrainingRecord
from training.rules import CourseCode, Status
from training.services.records import record_add

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with on(TODAY):
        yield


def test_the_chart_page_query_count_does_not_grow_with_the_roster(
    login, company, employer, django_assert_max_num_queries
):
    client = login(employer)
    url = reverse("training:chart", args=[company.pk])

    def add_people(count):
        for _ in range(count):
            person = EmployeeFactory(company=company)
            held(person, CourseCode.SCOT, date(2025, 1, 1))
            held(person, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 1))
        hooks.changed(hooks.Topic.TRAINING, company_ids=[company.pk])  # what recording the courses says

    add_people(2)
    with django_assert_max_num_queries(24) as few:
        client.get(url)
    add_people(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(cells(response.context["chart"], CourseCode.SCOT)) == 17


def test_the_chart_pdf_shows_the_company_people_and_dates(login, company, employer, jane):
    fully_trained(jane)
    held(EmployeeFactory(company=company, first_name="Omar", last_name="Ali"), CourseCode.SCOT, date(2025, 4, 14))
    response = login(employer).get(reverse("training:chart_pdf", args=[company.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "SECOR Training Chart" in text
    assert "Alice Roofing Ltd." in text
    assert f"WCB account {company.wcb_account_number}" in text
    assert "as of November 26, 2026" in text
    assert "Jane Doe" in text and "Omar Ali" in text
    assert "February 3, 2025" in text  # Safety Auditor Training completed
    assert "April 14, 2025" in text  # Omar's SCOT
    assert "Training requirements met." in text


def test_the_company_page_and_list_show_the_training_summary(login, company, employer, staff_user, jane, other_company):
    fully_trained(jane)
    page = login(employer).get(reverse("companies:detail", args=[company.pk])).text
    assert "Training requirements met." in page
    staff = login(staff_user)
    listed = staff.get(reverse("companies:list"), {"training": "complete"}).context["page"]
    assert [c.legal_name for c in listed] == ["Alice Roofing Ltd."]
    incomplete = staff.get(reverse("companies:list"), {"training": "incomplete"}).context["page"]
    assert [c.legal_name for c in incomplete] == ["Charlie Concrete Inc."]
    other_page = staff.get(reverse("companies:detail", args=[other_company.pk])).text
    assert "Training requirements not met (TRN-9):" in other_page


def test_trn_4_auditor_training_no_longer_counts_when_safety_management_is_returned(login, company, jane, staff_user):
    safety_management = held(jane, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2026, 6, 1))
    designate(jane, CourseCode.SAFETY_AUDITOR)
    assert cells(chart_of(company), CourseCode.SAFETY_AUDITOR)[0].standing.status == Status.DUE
    Review.objects.filter(pk=safety_management.review_id).update(state=Review.State.RETURNED, accepted_on=None)
    standing = cells(chart_of(company), CourseCode.SAFETY_AUDITOR)[0].standing
    assert standing.status == Status.MISSING
    assert standing.note.rule == "TRN-4"


def test_trn_1_trn_2_the_designation_offers_only_people_who_can_be_the_trained_employee(login, company, employer, jane):
    EmployeeFactory(company=company, first_name="Cas", last_name="Ual", employment_type=EmploymentType.CASUAL)
    EmployeeFactory(company=company, first_name="No", last_name="Email", email="")
    EmployeeFactory(company=company, first_name="Gone", last_name="Away", end_date=TODAY - timedelta(days=1))
    field = login(employer).get(reverse("training:chart", args=[company.pk])).context["designation_form"]["employee"]
    assert [label for value, label in field.field.choices if value] == [str(jane)]
    assert "can be a trained employee" in field.help_text


def test_trn_1_nobody_who_can_be_the_trained_employee_is_said_before_the_form_is_filled(login, company, employer):
    EmployeeFactory(company=company, first_name="Cas", last_name="Ual", employment_type=EmploymentType.CASUAL)
    page = login(employer).get(reverse("training:chart", args=[company.pk]))
    assert "Nobody on the roster can be a trained employee yet" in page.text


def test_a_refused_designation_keeps_the_choices_and_says_why_by_the_field(login, company, employer):
    casual = EmployeeFactory(company=company, first_name="Cas", last_name="Ual", employment_type=EmploymentType.CASUAL)
    response = login(employer).post(
        reverse("training:designate", args=[company.pk]),
        {"employee": casual.pk, "position": 2, "courses": [course(CourseCode.LSE).pk]},
    )
    assert response.status_code == 200
    form = response.context["designation_form"]
    assert "this person is casual." in form.errors["employee"][0]
    assert form.errors.as_data()["employee"][0].code == "TRN-1"  # shown to staff only (secor.rule_ids)
    assert form["position"].value() == "2"
    assert form["courses"].value() == [str(course(CourseCode.LSE).pk)]


def test_a_certificate_from_a_submission_is_not_corrected_as_a_record(login, company, jane, staff_user):
    submission = SubmissionFactory(employee=jane, status=ProficiencySubmission.Status.ACCEPTED, accepted_on=TODAY)
    record = held(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, TODAY, source_submission=submission)
    response = login(staff_user).post(
        reverse("training:record_correct", args=[company.pk, record.pk]),
        {"completed_on": "2026-11-01", "certificate_number": "X"},
    )
    assert response.status_code == 200
    assert "comes from an accepted submission" in response.context["form"].non_field_errors()[0]
    assert TrainingRecord.objects.get(pk=record.pk).completed_on == TODAY


def test_the_chart_offers_each_person_the_actions_the_record_allows(login, company, employer, staff_user, jane):
    pending = held(jane, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6), status=TrainingRecord.Status.PENDING)
    verified = held(jane, CourseCode.SCOT, date(2025, 1, 20))
    url = reverse("training:chart", args=[company.pk])
    staff_page = login(staff_user).get(url).text
    assert reverse("training:record_review", args=[company.pk, pending.pk]) in staff_page
    assert reverse("training:record_review", args=[company.pk, verified.pk]) not in staff_page
    employer_page = login(employer).get(url).text
    assert reverse("training:record_correct", args=[company.pk, pending.pk]) in employer_page
    assert reverse("training:record_correct", args=[company.pk, verified.pk]) not in employer_page
    assert reverse("training:record_review", args=[company.pk, pending.pk]) not in employer_page


def test_the_charts_record_table_pages_by_25_newest_first(login, company, employer, jane):
    for day in range(30):
        held(jane, CourseCode.SCOT, date(2024, 1, 1) + timedelta(days=day), certificate_number=f"S-{day:02d}")
    client = login(employer)
    first = client.get(reverse("training:chart", args=[company.pk]))
    assert [record.certificate_number for record in first.context["records"]][:2] == ["S-29", "S-28"]
    assert len(first.context["records"]) == 25
    assert "?records_page=2#training-records" in first.text
    second = client.get(reverse("training:chart", args=[company.pk]), {"records_page": 2})
    assert [record.certificate_number for record in second.context["records"]] == [
        f"S-{n:02d}" for n in range(4, -1, -1)
    ]


def chart_page(client, company) -> tuple[str, bool]:
    """The chart page, and whether it computed its content (rendered it) to show it."""
    response = client.get(reverse("training:chart", args=[company.pk]))
    assert response.status_code == 200
    return response.text, any(template.name == "training/_chart_page.html" for template in response.templates)


def test_trn_9_the_chart_page_is_kept_per_viewer_until_a_write_names_the_company(company, employer, staff_user, jane):
    """Kept as rendered for the company, the viewer and the day (secor.company_keep): staff read the rule ids and the
    review forms, the employer neither; a course recorded is on the page at once."""
    employer_client, staff_client = Client(), Client()
    employer_client.force_login(employer)
    staff_client.force_login(staff_user)
    first, computed = chart_page(employer_client, company)
    assert computed and "(TRN-" not in first
    assert not chart_page(employer_client, company)[1]
    staff_page, computed = chart_page(staff_client, company)
    assert computed and "(TRN-" in staff_page
    assert "(TRN-" not in chart_page(employer_client, company)[0]
    record_add(
        company=company,
        actor=employer,
        employee=jane,
        course=course(CourseCode.SCOT),
        completed_on=date(2026, 10, 1),
        certificate_number="SCOT-NEW",
        certificate_file=SimpleUploadedFile("scot.pdf", b"%PDF-1.4 scot", content_type="application/pdf"),
    )
    html, computed = chart_page(employer_client, company)
    assert computed and "SCOT-NEW" in html
