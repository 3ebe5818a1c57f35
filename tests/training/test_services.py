import hashlib
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from companies.rules import EmploymentType
from tests.clock import on
from tests.factories import (
    PDF_BYTES,
    CompanyFactory,
    EmployeeFactory,
    TrainedEmployeeFactory,
    course,
    pdf_upload,
)
from training import services
from training.models import Course, TrainedEmployee, TrainingRecord
from training.rules import CourseCode

pytestmark = pytest.mark.django_db


def add_record(company, actor, employee, code, completed_on, upload=None):
    return services.record_add(
        company=company,
        actor=actor,
        employee=employee,
        course=course(code),
        completed_on=completed_on,
        certificate_number="C-1",
        certificate_file=upload or pdf_upload(),
    )


def test_a_recorded_course_waits_for_verification_and_keeps_its_file(company, employer, worker):
    record = add_record(company, employer, worker, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 10))
    assert record.status == TrainingRecord.Status.PENDING
    document = record.document
    assert document.file.name.startswith(f"private/company-{company.pk}/certificate/")
    assert (document.extension, document.content_type, document.size) == ("pdf", "application/pdf", len(PDF_BYTES))
    assert document.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert document.file.read() == PDF_BYTES
    assert company.events.get().summary == "Safety Management recorded for Jane Doe"


def test_trn_4_safety_auditor_training_dated_before_safety_management_is_refused(company, employer, worker):
    add_record(company, employer, worker, CourseCode.SAFETY_MANAGEMENT, date(2025, 3, 10))
    with pytest.raises(ValidationError) as error:
        add_record(company, employer, worker, CourseCode.SAFETY_AUDITOR, date(2025, 3, 1))
    assert error.value.message_dict["completed_on"] == [
        "Safety Auditor Training must come after Safety Management, which this person completed on March 10, 2025."
    ]
    assert error.value.error_dict["completed_on"][0].code == "TRN-4"
    assert worker.training_records.count() == 1


def test_trn_4_safety_auditor_training_without_safety_management_is_refused(company, employer, worker):
    with pytest.raises(ValidationError, match="Record this person's Safety Management"):
        add_record(company, employer, worker, CourseCode.SAFETY_AUDITOR, date(2025, 3, 1))
    assert not TrainingRecord.objects.exists()


def test_trn_4_small_employer_safety_management_is_accepted_in_its_place(company, employer, worker):
    add_record(company, employer, worker, CourseCode.SMALL_EMPLOYER_SAFETY_MANAGEMENT, date(2019, 5, 1))
    assert add_record(company, employer, worker, CourseCode.SAFETY_AUDITOR, date(2025, 3, 1)).pk


def test_a_rejected_safety_management_does_not_satisfy_trn_4(company, employer, worker, staff_user):
    record = add_record(company, employer, worker, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 10))
    services.record_reject(record=record, actor=staff_user, reason="Certificate is unreadable")
    with pytest.raises(ValidationError):
        add_record(company, employer, worker, CourseCode.SAFETY_AUDITOR, date(2025, 3, 1))


def test_a_completion_date_in_the_future_is_refused(company, employer, worker):
    with (
        on(date(2026, 11, 26)),
        pytest.raises(ValidationError, match="Choose November 26, 2026 or an earlier date"),
    ):
        add_record(company, employer, worker, CourseCode.SAFETY_MANAGEMENT, date(2026, 11, 27))


def test_certificates_from_submissions_cannot_be_recorded_directly(company, employer, worker):
    with pytest.raises(ValidationError) as error:
        add_record(company, employer, worker, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2025, 1, 10))
    assert "recorded by SCSA when it accepts the submission" in error.value.message_dict["course"][0]


def test_staff_verify_or_return_a_record_with_a_reason(company, employer, worker, staff_user):
    record = add_record(company, employer, worker, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 10))
    with pytest.raises(ValidationError) as error:
        services.record_reject(record=record, actor=staff_user, reason=" ")
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError, match="Only SCSA staff"):
        services.record_verify(record=record, actor=employer)
    services.record_reject(record=record, actor=staff_user, reason="The certificate shows another name.")
    record.refresh_from_db()
    assert (record.status, record.rejection_reason) == (
        TrainingRecord.Status.REJECTED,
        "The certificate shows another name.",
    )


def test_a_correction_resubmits_the_record_and_keeps_the_earlier_version(company, employer, worker, staff_user):
    record = add_record(company, employer, worker, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 10))
    first_document = record.document
    services.record_reject(record=record, actor=staff_user, reason="Wrong date")
    services.record_correct(
        record=record,
        actor=employer,
        completed_on=date(2025, 1, 11),
        certificate_number="C-2",
        certificate_file=pdf_upload("fixed.pdf"),
    )
    record.refresh_from_db()
    assert (record.status, record.rejection_reason, record.completed_on) == (
        TrainingRecord.Status.PENDING,
        "",
        date(2025, 1, 11),
    )
    first, second = record.review.versions.order_by("number")
    assert (first.outcome, first.comments, first.document) == ("returned", "Wrong date", first_document)
    assert first.data == {"completed_on": "2025-01-10", "certificate_number": "C-1"}
    assert (second.outcome, second.document) == ("", record.document)
    assert second.data == {"completed_on": "2025-01-11", "certificate_number": "C-2"}
    assert second.document != first_document


def test_an_employer_cannot_change_a_verified_record(company, employer, worker, staff_user):
    record = add_record(company, employer, worker, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 10))
    services.record_verify(record=record, actor=staff_user)
    with pytest.raises(ValidationError, match="verified; ask SCSA"):
        services.record_correct(record=record, actor=employer, completed_on=date(2025, 1, 11), certificate_number="")


def designate(company, actor, employee, code=CourseCode.SAFETY_MANAGEMENT, position=1):
    return services.trained_employee_designate(
        company=company, actor=actor, courses=[course(code)], position=position, employee=employee
    )


def test_trn_3_designating_trained_employees_one_and_two(company, employer, worker):
    second = EmployeeFactory(company=company, email="sam@roofing.example")
    designate(company, employer, worker)
    designate(company, employer, second, position=2)
    assert list(TrainedEmployee.objects.values_list("position", "employee")) == [(1, worker.pk), (2, second.pk)]
    # Choosing another person for place #1 replaces the designation (history keeps the earlier one).
    third = EmployeeFactory(company=company, email="kim@roofing.example")
    designate(company, employer, third)
    assert TrainedEmployee.objects.get(position=1).employee == third
    assert TrainedEmployee.history.count() == 3


@pytest.mark.parametrize(
    ("employment_type", "reason"),
    [(EmploymentType.PART_TIME, "part-time"), (EmploymentType.SUBCONTRACTOR, "a sub-contractor")],
)
def test_trn_1_part_time_and_subcontractor_designees_are_refused(company, employer, employment_type, reason):
    person = EmployeeFactory(company=company, employment_type=employment_type, email="p@roofing.example")
    with pytest.raises(ValidationError) as error:
        designate(company, employer, person)
    assert reason in error.value.message_dict["employee"][0]
    assert not TrainedEmployee.objects.exists()


def test_trn_2_a_person_already_trained_employee_for_another_wcb_account_is_refused(company, employer, worker):
    elsewhere = CompanyFactory(legal_name="Other WCB Ltd.")
    TrainedEmployeeFactory(employee=EmployeeFactory(company=elsewhere, email="JANE@roofing.example"))
    with pytest.raises(ValidationError) as error:
        designate(company, employer, worker)
    message = error.value.message_dict["employee"][0]
    assert "already the trained employee for another WCB account number" in message
    assert error.value.error_dict["employee"][0].code == "TRN-2"
    assert "Other WCB Ltd." not in message  # another tenant's name is not disclosed
    assert not TrainedEmployee.objects.filter(company=company).exists()


def test_trn_2_designation_needs_an_email_to_recognise_the_person(company, employer):
    person = EmployeeFactory(company=company, email="")
    with pytest.raises(ValidationError, match="recognises a trained employee across companies by email"):
        designate(company, employer, person)


def test_trn_3_one_person_cannot_hold_both_places_of_a_course(company, employer, worker):
    designate(company, employer, worker)
    with pytest.raises(ValidationError, match="already holds the other place"):
        designate(company, employer, worker, position=2)


def test_only_chart_courses_take_trained_employees(company, employer, worker):
    with pytest.raises(ValidationError):
        designate(company, employer, worker, code=CourseCode.SCOT)


def test_a_person_of_another_company_cannot_be_designated(company, employer, other_company):
    with pytest.raises(ValidationError) as error:
        designate(company, employer, EmployeeFactory(company=other_company, email="x@example.com"))
    assert "employee" in error.value.message_dict


def test_trn_2_a_person_who_left_the_other_company_may_be_designated_here(company, employer, worker):
    elsewhere = EmployeeFactory(company=CompanyFactory(), email=worker.email, end_date=date(2025, 12, 31))
    TrainedEmployeeFactory(employee=elsewhere)
    assert designate(company, employer, worker)


def test_trn_2_a_company_out_of_the_program_no_longer_holds_its_trained_employee(company, employer, worker):
    derolled = CompanyFactory(status="derolled", derolled_on=date(2026, 1, 5))
    TrainedEmployeeFactory(employee=EmployeeFactory(company=derolled, email=worker.email))
    assert designate(company, employer, worker)


def test_trn_2_the_company_that_designated_first_may_designate_its_person_again(company, employer, worker):
    designate(company, employer, worker)
    elsewhere = EmployeeFactory(company=CompanyFactory(), email="other@example.com")
    TrainedEmployeeFactory(employee=elsewhere)
    elsewhere.email = worker.email  # another company edits its roster to the same address, later
    elsewhere.save()
    assert designate(company, employer, worker, code=CourseCode.LSE)


def test_trn_4_safety_management_cannot_be_moved_after_the_auditor_training(company, employer, worker, staff_user):
    safety_management = add_record(company, employer, worker, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 10))
    add_record(company, employer, worker, CourseCode.SAFETY_AUDITOR, date(2025, 3, 1))
    with pytest.raises(ValidationError) as error:
        services.record_correct(
            record=safety_management, actor=employer, completed_on=date(2025, 5, 1), certificate_number="C-1"
        )
    assert "completed on March 1, 2025." in error.value.message_dict["completed_on"][0]
    assert error.value.error_dict["completed_on"][0].code == "TRN-4"


def test_trn_4_auditor_training_is_verified_only_after_its_safety_management(company, employer, worker, staff_user):
    add_record(company, employer, worker, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 10))
    auditor_training = add_record(company, employer, worker, CourseCode.SAFETY_AUDITOR, date(2025, 3, 1))
    with pytest.raises(ValidationError, match="Verify the Safety Management first"):
        services.record_verify(record=auditor_training, actor=staff_user)


def test_the_company_is_emailed_the_reason_a_record_is_returned(
    company, employer, worker, staff_user, django_capture_on_commit_callbacks
):
    record = add_record(company, employer, worker, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 10))
    with django_capture_on_commit_callbacks(execute=True):
        services.record_reject(record=record, actor=staff_user, reason="The certificate shows another name.")
    assert mail.outbox[-1].to == [employer.email]
    assert "What to correct: The certificate shows another name." in mail.outbox[-1].body


def test_the_same_completion_recorded_again_is_refused_with_a_link_to_the_one_on_record(
    login, company, employer, worker
):
    """Back after saving, then Save again: the second copy is refused and points at the first."""
    data = {
        "employee": worker.pk,
        "course": course(CourseCode.SAFETY_MANAGEMENT).pk,
        "completed_on": "2025-01-10",
        "certificate_number": "SM-1",
    }
    client = login(employer)
    url = reverse("training:record_add", args=[company.pk])
    assert client.post(url, data | {"certificate_file": pdf_upload()}).status_code == 302
    again = client.post(url, data | {"certificate_number": "sm-1", "certificate_file": pdf_upload()})
    first = TrainingRecord.objects.get()
    assert again.status_code == 200
    link = f'<a href="/companies/{company.pk}/training/#record-{first.pk}">see it on the training chart</a>'
    assert "Safety Management of Jane Doe completed on January 10, 2025 is already recorded" in again.text
    assert link in again.text
    assert TrainingRecord.objects.count() == 1


def test_trn_4_small_employer_safety_management_counts_even_if_the_switch_was_turned_off(company, employer, worker):
    """DOMAIN section 8: it is not a setting; an old catalogue row saying otherwise changes nothing."""
    Course.objects.filter(code=CourseCode.SMALL_EMPLOYER_SAFETY_MANAGEMENT).update(equivalence_accepted=False)
    add_record(company, employer, worker, CourseCode.SMALL_EMPLOYER_SAFETY_MANAGEMENT, date(2019, 5, 1))
    assert add_record(company, employer, worker, CourseCode.SAFETY_AUDITOR, date(2025, 3, 1)).pk


def test_trn_4_staff_cannot_stop_accepting_small_employer_safety_management(admin_client):
    sesm = Course.objects.get(code=CourseCode.SMALL_EMPLOYER_SAFETY_MANAGEMENT)
    response = admin_client.post(
        reverse("admin:training_course_change", args=[sesm.pk]),
        {"name": sesm.name, "description": sesm.description, "counts_as": sesm.counts_as_id},
    )
    assert "always accepted in place of Safety Management (TRN-4)" in response.text
    sesm.refresh_from_db()
    assert sesm.equivalence_accepted
