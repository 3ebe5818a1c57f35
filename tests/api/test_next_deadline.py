"""A company's next deadline in the API (issue 27): the nearest from today of everything staff's pages count as one,
each with its kind and rule id (shown to staff and program auditors, the only holders of a token): an open milestone
letter's expiry, a person's training deadline, a maintenance package due by the anniversary, re-certification and
the certificate's expiry. Read for the page, never a query per company (test_records_api counts them)."""

from datetime import date

from django.urls import reverse

from audits.maintenance.models import Anniversary
from milestones.models import MilestoneLetter
from secor.api.services import api_key_create
from tests.clock import on
from tests.factories import CompanyFactory, EmployeeFactory, TrainingRecordFactory, certificate_without_pdf
from training.models import Course
from training.rules import CourseCode

DAY = date(2027, 1, 4)


def _company(name: str, **fields):
    return CompanyFactory(legal_name=name, registration_date=date(2026, 3, 1), **fields)


def _safety_auditor_training(company, completed_on: date) -> None:
    """TRN-5: the self-audit and certification are due 8 months after the Safety Auditor Training."""
    TrainingRecordFactory(
        employee=EmployeeFactory(company=company),
        course=Course.objects.get(code=CourseCode.SAFETY_AUDITOR),
        completed_on=completed_on,
    )


def test_the_next_deadline_is_the_nearest_of_every_kind_with_its_rule(client, staff_user):
    with on(date(2026, 8, 11)):
        letter = _company("A letter first")
        MilestoneLetter.objects.create(
            company=letter, milestone=1, issued_on=date(2026, 3, 1), expires_on=date(2027, 3, 1), issued_by=staff_user
        )
        _safety_auditor_training(letter, date(2026, 9, 1))
        _safety_auditor_training(_company("B training"), date(2026, 9, 1))
        certificate_without_pdf(_company("C maintenance"), staff_user, date(2026, 8, 11))
        certificate_without_pdf(_company("D recertification"), staff_user, date(2024, 8, 11))
        maintained = certificate_without_pdf(_company("E expiry"), staff_user, date(2026, 8, 11))
        Anniversary.objects.filter(certificate=maintained, number__lt=3).update(maintained_on=date(2026, 8, 12))
        _company("F nothing due")
    token = api_key_create(holder="Sam", actor=staff_user, user=staff_user)[1]
    with on(DAY):
        answer = client.get(reverse("api:companies-list"), HTTP_AUTHORIZATION=f"Bearer {token}").json()
    deadlines = {
        row["legal_name"]: row["next_deadline"]
        and (row["next_deadline"]["kind"], row["next_deadline"]["on"], row["next_deadline"]["rule"])
        for row in answer["results"]
    }
    assert deadlines == {
        "A letter first": ("milestone-letter", "2027-03-01", "MIL-1"),
        "B training": ("training-self-audit", "2027-05-01", "TRN-5"),
        "C maintenance": ("maintenance-package", "2027-08-11", "MNT-1"),
        "D recertification": ("recertification", "2027-08-11", "RCT-1"),
        "E expiry": ("certificate-expiry", "2029-08-11", "CERT-1"),
        "F nothing due": None,
    }
