"""The SECOR training chart, the TRN-9 summary, uploads and the PDF, through the pages people use."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from PIL import Image

from companies.rules import EmploymentType
from secor.reviews.models import Review
from secor.uploads import MAX_UPLOAD_BYTES
from tests.clock import on
from tests.factories import (
    EmployeeFactory,
    SubmissionFactory,
    TrainedEmployeeFactory,
    TrainingRecordFactory,
    course,
    pdf_upload,
)
from tests.pdfs import pdf_text
from training import selectors
from training.chart import TRN_2_CLASH
from training.models import Course, ProficiencySubmission, TrainingRecord
from training.rules import CourseCode, Status

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _today():
    with on(date(2026, 11, 26)):
        yield


def held(employee, code, on, **extra):
    return TrainingRecordFactory(employee=employee, course=course(code), completed_on=on, **extra)


def designate(employee, *codes, position=1):
    for code in codes:
        TrainedEmployeeFactory(employee=employee, course=course(code), position=position)


def cells(chart, code):
    return next(row for row in chart.rows if row.course.code == code).cells


def chart_of(company):
    return selectors.training_chart(company=company, today=TODAY)


@pytest.fixture
def jane(company):
    return EmployeeFactory(company=company, first_name="Jane", last_name="Doe", email="jane@roofing.example")


def fully_trained(employee):
    held(employee, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6))
    held(employee, CourseCode.SAFETY_AUDITOR, date(2025, 2, 3))
    held(employee, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2025, 6, 2))
    held(employee, CourseCode.LSE, date(2025, 3, 3))
    held(employee, CourseCode.LSE_PROFICIENCY, date(2025, 9, 1))
    held(employee, CourseCode.SCOT, date(2025, 1, 20))
    designate(employee, *CourseCode.DESIGNATED)


def test_trn_9_a_fully_trained_company_is_complete_with_the_single_designee_risk(company, jane):
    fully_trained(jane)
    chart = chart_of(company)
    assert chart.summary.complete
    assert all(cells(chart, code)[0].standing.status == Status.HELD for code in CourseCode.DESIGNATED)
    assert all(cells(chart, code)[1].standing.status == Status.NOT_REQUIRED for code in CourseCode.DESIGNATED)
    # TRN-3: one trained employee is allowed, but shown as a risk.
    assert "Safety Management is held by one trained employee only; best practice is several." in chart.summary.risks


def test_trn_3_scot_has_one_row_per_permanent_full_time_employee(company, jane):
    EmployeeFactory(company=company, first_name="Pat", employment_type=EmploymentType.PART_TIME)
    EmployeeFactory(company=company, first_name="Lee", is_permanent=False)
    sam = EmployeeFactory(company=company, first_name="Sam", last_name="Zed")
    held(jane, CourseCode.SCOT, date(2025, 1, 20))
    scot = cells(chart_of(company), CourseCode.SCOT)
    assert [(cell.employee, cell.standing.status) for cell in scot] == [(jane, Status.HELD), (sam, Status.MISSING)]


def test_trn_8_an_accepted_energy_safety_canada_course_counts_as_scot(company, jane):
    held(jane, CourseCode.COMMON_SAFETY_ORIENTATION, date(2024, 5, 5))
    assert cells(chart_of(company), CourseCode.SCOT)[0].standing.status == Status.HELD


def test_trn_8_an_equivalent_staff_no_longer_accept_does_not_count(company, jane):
    held(jane, CourseCode.PETROLEUM_SAFETY_TRAINING, date(2024, 5, 5))
    Course.objects.filter(code=CourseCode.PETROLEUM_SAFETY_TRAINING).update(equivalence_accepted=False)
    assert cells(chart_of(company), CourseCode.SCOT)[0].standing.status == Status.MISSING


def test_trn_9_the_summary_names_each_unmet_requirement_and_why(company, jane):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2026, 3, 2))  # self-audit due by 2026-11-02: already lapsed
    designate(jane, CourseCode.SAFETY_MANAGEMENT, CourseCode.SAFETY_AUDITOR, CourseCode.INTERNAL_AUDITOR_CERTIFICATE)
    summary = chart_of(company).summary
    assert not summary.complete
    assert summary.unmet == [
        "Safety Auditor Training: Jane Doe — Not submitted and accepted by November 2, 2026: the training has lapsed; "
        "the two-day Safety Auditor Training must be repeated.",
        "Internal Safety Auditor Certificate: Jane Doe — Not submitted and accepted by November 2, 2026: the training "
        "has lapsed; the two-day Safety Auditor Training must be repeated.",
        "Leadership for Safety Excellence (LSE): no trained employee designated.",
        "LSE Proficiency: no trained employee designated.",
        "Safety Construction Orientation Training (SCOT): Jane Doe — No SCOT (or an accepted Energy Safety Canada "
        "equivalent) on record.",
    ]


def test_trn_9_a_trained_employee_who_left_no_longer_counts(company, jane):
    fully_trained(jane)
    jane.end_date = date(2026, 11, 25)
    jane.save()
    chart = chart_of(company)
    first = cells(chart, CourseCode.SAFETY_MANAGEMENT)[0]
    assert first.standing.status == Status.MISSING
    assert "has not started or has left" in first.standing.note
    assert not chart.summary.complete


def test_trn_4_safety_management_needs_no_recertification(company, jane):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2001, 4, 2))
    designate(jane, CourseCode.SAFETY_MANAGEMENT)
    assert cells(chart_of(company), CourseCode.SAFETY_MANAGEMENT)[0].standing.status == Status.HELD


def test_a_pending_record_shows_as_pending_verification(company, jane):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6), status=TrainingRecord.Status.PENDING)
    designate(jane, CourseCode.SAFETY_MANAGEMENT)
    assert cells(chart_of(company), CourseCode.SAFETY_MANAGEMENT)[0].standing.status == Status.PENDING


def test_trn_5_a_self_audit_under_review_shows_the_acceptance_deadline(company, jane):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2026, 6, 1))
    SubmissionFactory(employee=jane, kind=ProficiencySubmission.Kind.SELF_AUDIT)
    designate(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE)
    standing = cells(chart_of(company), CourseCode.INTERNAL_AUDITOR_CERTIFICATE)[0].standing
    assert (standing.status, standing.due_on) == (Status.PENDING, date(2027, 2, 1))


def test_trn_6_an_accepted_maintenance_audit_and_recertification_renew_the_auditor_status(company, jane):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2023, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2024, 1, 16))
    held(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2024, 6, 1))
    designate(jane, CourseCode.SAFETY_AUDITOR)
    overdue = cells(chart_of(company), CourseCode.SAFETY_AUDITOR)[0].standing
    # The maintenance audit was due by 2026-09-16, four months before the 2027-01-16 expiry.
    assert (overdue.status, overdue.due_on) == (Status.OVERDUE, date(2027, 1, 16))
    SubmissionFactory(
        employee=jane,
        kind=ProficiencySubmission.Kind.MAINTENANCE_AUDIT,
        status=ProficiencySubmission.Status.ACCEPTED,
        submitted_on=date(2025, 7, 2),
        accepted_on=date(2025, 8, 1),
    )
    held(jane, CourseCode.AUDITOR_RECERTIFICATION, date(2025, 11, 1))
    renewed = cells(chart_of(company), CourseCode.SAFETY_AUDITOR)[0].standing
    assert (renewed.status, renewed.due_on) == (Status.HELD, date(2030, 1, 16))


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


def record_form(company, jane, upload):
    return {
        "employee": jane.pk,
        "course": course(CourseCode.SAFETY_MANAGEMENT).pk,
        "completed_on": "2025-01-10",
        "certificate_number": "SM-1",
        "certificate_file": upload,
    }


def test_an_exe_renamed_pdf_is_refused_by_its_content_and_nothing_is_saved(login, company, employer, jane):
    upload = pdf_upload("certificate.pdf", content=b"MZ\x90\x00\x03\x00\x00\x00 this is a Windows program")
    response = login(employer).post(
        reverse("training:record_add", args=[company.pk]), record_form(company, jane, upload)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["certificate_file"] == [
        "This file is not a PDF, PNG or JPEG (whatever its name says). Upload a scan or PDF of the document."
    ]
    assert 'value="SM-1"' in response.text
    assert not TrainingRecord.objects.exists()


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_saved(login, company, employer, jane):
    upload = pdf_upload(content=b"%PDF-1.4\n" + b"0" * MAX_UPLOAD_BYTES)
    response = login(employer).post(
        reverse("training:record_add", args=[company.pk]), record_form(company, jane, upload)
    )
    assert "larger than 10 MB" in response.context["form"].errors["certificate_file"][0]
    assert not TrainingRecord.objects.exists()


def png_bytes(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_png_certificate_is_accepted_and_served_to_the_company_only(login, company, employer, jane, other_employer):
    png = pdf_upload("scan.jpeg", content=png_bytes())
    login(employer).post(reverse("training:record_add", args=[company.pk]), record_form(company, jane, png))
    record = TrainingRecord.objects.get()
    assert record.document.file.name.endswith(".png")
    url = reverse("companies:document", args=[company.pk, record.document.pk])
    response = login(employer).get(url)
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert login(other_employer).get(url).status_code == 404


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


def test_a_stored_file_gone_from_disk_is_not_found_rather_than_an_error(login, company, employer, jane):
    document = held(jane, CourseCode.SCOT, date(2025, 1, 1)).document
    document.file.delete(save=False)
    document.file.name = f"private/company-{company.pk}/certificate/gone.pdf"
    document.save()
    assert login(employer).get(reverse("companies:document", args=[company.pk, document.pk])).status_code == 404


def test_trn_2_an_email_edited_to_match_another_companys_trained_employee_is_flagged(company, jane, other_company):
    TrainedEmployeeFactory(employee=EmployeeFactory(company=other_company, email="rosa@concrete.example"))
    fully_trained(jane)  # designated after the other company's place
    assert chart_of(company).summary.complete
    jane.email = "ROSA@concrete.example"
    jane.save()
    chart = chart_of(company)
    first = cells(chart, CourseCode.SAFETY_MANAGEMENT)[0]
    assert (first.standing.status, first.standing.note) == (Status.MISSING, TRN_2_CLASH)
    assert not chart.summary.complete
    # The company that designated the person first keeps them.
    assert cells(chart_of(other_company), CourseCode.SAFETY_MANAGEMENT)[0].standing.note != TRN_2_CLASH


def test_trn_6_the_certificate_row_lapses_with_the_auditor_status(company, jane):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2020, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2021, 1, 15))
    held(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2021, 6, 1))
    designate(jane, CourseCode.SAFETY_AUDITOR, CourseCode.INTERNAL_AUDITOR_CERTIFICATE)
    chart = chart_of(company)
    for code in (CourseCode.SAFETY_AUDITOR, CourseCode.INTERNAL_AUDITOR_CERTIFICATE):
        standing = cells(chart, code)[0].standing
        assert standing.status == Status.LAPSED
        assert "expired on January 15, 2024" in standing.note


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


def test_trn_6_the_two_day_course_retaken_while_valid_is_the_classroom_recertification(company, jane):
    """DOMAIN section 8: it renews with a maintenance audit, and opens no new 8-month self-audit window."""
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2022, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2023, 3, 10))
    held(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2023, 6, 1))
    SubmissionFactory(
        employee=jane,
        kind=ProficiencySubmission.Kind.MAINTENANCE_AUDIT,
        status=ProficiencySubmission.Status.ACCEPTED,
        submitted_on=date(2025, 10, 1),
    )
    held(jane, CourseCode.SAFETY_AUDITOR, date(2025, 11, 20))  # retaken while valid (through 2026-03-10)
    designate(jane, CourseCode.SAFETY_AUDITOR, CourseCode.INTERNAL_AUDITOR_CERTIFICATE)
    chart = chart_of(company)
    auditor = cells(chart, CourseCode.SAFETY_AUDITOR)[0]
    assert (auditor.standing.status, auditor.standing.due_on) == (Status.HELD, date(2029, 3, 10))
    assert auditor.record.completed_on == date(2023, 3, 10)
    assert cells(chart, CourseCode.INTERNAL_AUDITOR_CERTIFICATE)[0].standing.status == Status.HELD


def test_trn_6_the_two_day_course_taken_after_the_status_lapsed_starts_anew(company, jane):
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2020, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2021, 1, 15))
    held(jane, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2021, 6, 1))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2026, 6, 1))  # the status expired on 2024-01-15
    designate(jane, CourseCode.SAFETY_AUDITOR)
    standing = cells(chart_of(company), CourseCode.SAFETY_AUDITOR)[0].standing
    assert (standing.status, standing.due_on) == (Status.DUE, date(2027, 2, 1))


def test_trn_8_an_energy_safety_canada_certificate_counts_for_scot_until_it_expires(company, jane):
    held(jane, CourseCode.COMMON_SAFETY_ORIENTATION, date(2024, 3, 1), expires_on=date(2027, 3, 1))
    chart = selectors.training_chart(company=company, today=date(2027, 3, 1))
    assert cells(chart, CourseCode.SCOT)[0].standing.status == Status.HELD
    assert chart.summary.holds_until == date(2027, 3, 1)
    expired = cells(selectors.training_chart(company=company, today=date(2027, 3, 2)), CourseCode.SCOT)[0].standing
    assert (expired.status, expired.due_on) == (Status.LAPSED, date(2027, 3, 1))
    assert "expired on March 1, 2027" in expired.note


def test_trn_8_only_an_energy_safety_canada_certificate_takes_an_expiry(login, company, employer, jane):
    response = login(employer).post(
        reverse("training:record_add", args=[company.pk]),
        record_form(company, jane, pdf_upload()) | {"expires_on": "2027-01-01"},
    )
    assert "Only an Energy Safety Canada certificate has an expiry date" in response.text
    assert not TrainingRecord.objects.exists()


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
