"""What a reviewer of the training reads and is asked: the LSE proficiency named as such, the documents named for
people, and the certificate number accepting a self-audit or an LSE proficiency records (TRN-5, TRN-7)."""

from datetime import date

import pytest
from django.urls import reverse

from tests.clock import on
from tests.factories import SubmissionFactory, TrainingRecordFactory, course
from training.models import ProficiencySubmission, TrainingRecord
from training.rules import CourseCode

pytestmark = pytest.mark.django_db


@pytest.fixture
def lse_submission(worker):
    TrainingRecordFactory(employee=worker, course=course(CourseCode.LSE), completed_on=date(2026, 2, 2))
    return SubmissionFactory(
        employee=worker, kind=ProficiencySubmission.Kind.LSE_PROFICIENCY, submitted_on=date(2026, 5, 4)
    )


def test_trn_7_the_queue_names_the_lse_training_and_the_document_for_people(login, staff_user, lse_submission):
    with on(date(2026, 5, 11)):
        page = login(staff_user).get(reverse("training:verification_queue")).content.decode()
    assert "Leadership for Safety Excellence (LSE) on February 2, 2026" in page
    assert "Safety Auditor Training (LSE)" not in page
    assert "Preview the LSE proficiency" in page and "lse-proficiency" not in page
    assert 'placeholder="LSE proficiency certificate # (to accept)"' in page


def test_trn_7_accepting_asks_for_the_certificate_number_it_records(login, staff_user, lse_submission):
    url = reverse("training:submission_review", args=[lse_submission.company_id, lse_submission.pk])
    client = login(staff_user)
    with on(date(2026, 5, 11)):
        refused = client.post(url, {"decision": "accept", "certificate_number": " "}, follow=True).content.decode()
        assert "Enter the number of the LSE proficiency certificate that accepting it records." in refused
        lse_submission.refresh_from_db()
        assert lse_submission.status == ProficiencySubmission.Status.SUBMITTED
        client.post(url, {"decision": "accept", "certificate_number": "LSE-2026-114"})
    lse_submission.refresh_from_db()
    assert lse_submission.status == ProficiencySubmission.Status.ACCEPTED
    granted = TrainingRecord.objects.get(course__code=CourseCode.LSE_PROFICIENCY, employee=lse_submission.employee)
    assert granted.certificate_number == "LSE-2026-114"


def test_trn_5_returning_a_self_audit_needs_no_certificate_number(login, staff_user, worker):
    submission = SubmissionFactory(employee=worker)
    url = reverse("training:submission_review", args=[submission.company_id, submission.pk])
    login(staff_user).post(url, {"decision": "return", "comments": "Page 3 is missing."})
    submission.refresh_from_db()
    assert submission.status == ProficiencySubmission.Status.RETURNED
