"""The admin: program settings and the course catalogue are edited there; company records only shown."""

import pytest

from tests.factories import EmployeeFactory, TrainingRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(login, staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    return login(staff_user)


def test_the_admin_pages_open_for_staff(admin_client, company):
    record = TrainingRecordFactory(employee=EmployeeFactory(company=company))
    for url in [
        "/admin/",
        "/admin/companies/company/",
        f"/admin/companies/company/{company.pk}/change/",
        f"/admin/companies/company/{company.pk}/history/",
        "/admin/timeline/event/",
        "/admin/training/course/",
        f"/admin/training/trainingrecord/{record.pk}/change/",
        "/admin/core/programsettings/",
        "/admin/core/user/",
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_company_records_cannot_be_changed_around_the_services(admin_client, company):
    url = f"/admin/companies/company/{company.pk}/change/"
    assert admin_client.post(url, {"legal_name": "Renamed", "status": "derolled"}).status_code == 403
    company.refresh_from_db()
    assert company.legal_name == "Alice Roofing Ltd."


MILESTONE_MONTHS = {"milestone_1_months": "12", "milestone_2_months": "18"}


def test_elig_7_staff_edit_the_registration_fees_in_the_program_settings(admin_client):
    from secor.core.models import ProgramSettings

    settings = ProgramSettings.current()
    response = admin_client.post(
        f"/admin/core/programsettings/{settings.pk}/change/",
        {"registration_fee_member": "0.00", "registration_fee_non_member": "300.00"} | MILESTONE_MONTHS,
    )
    assert response.status_code == 302
    assert ProgramSettings.current().registration_fee(is_scsa_member=False) == 300


def test_mil_1_mil_2_staff_edit_the_letters_months_in_the_program_settings(admin_client):
    from secor.core.models import ProgramSettings

    settings = ProgramSettings.current()
    fees = {"registration_fee_member": "0.00", "registration_fee_non_member": "250.00"}
    url = f"/admin/core/programsettings/{settings.pk}/change/"
    response = admin_client.post(url, fees | {"milestone_1_months": "0", "milestone_2_months": "18"})
    assert response.status_code == 200 and "greater than or equal to 1" in response.text
    assert admin_client.post(url, fees | {"milestone_1_months": "10", "milestone_2_months": "16"}).status_code == 302
    assert (ProgramSettings.current().milestone_1_months, ProgramSettings.current().milestone_2_months) == (10, 16)
