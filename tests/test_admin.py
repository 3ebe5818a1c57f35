"""The admin: program settings and the course catalogue are edited there; company records only shown."""

import pytest

from tests.factories import EmployeeFactory, TrainingRecordFactory, program_settings_form

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


def test_elig_7_staff_edit_the_registration_fees_in_the_program_settings(admin_client):
    from secor.core.models import ProgramSettings

    settings = ProgramSettings.current()
    response = admin_client.post(
        f"/admin/core/programsettings/{settings.pk}/change/",
        program_settings_form(registration_fee_member="0.00", registration_fee_non_member="300.00"),
    )
    assert response.status_code == 302
    assert ProgramSettings.current().registration_fee(is_scsa_member=False) == 300


def test_mil_1_mil_2_staff_edit_the_letters_months_in_the_program_settings(admin_client):
    from secor.core.models import ProgramSettings

    settings = ProgramSettings.current()
    url = f"/admin/core/programsettings/{settings.pk}/change/"
    response = admin_client.post(url, program_settings_form(milestone_1_months="0"))
    assert response.status_code == 200 and "greater than or equal to 1" in response.text
    changed = program_settings_form(milestone_1_months="10", milestone_2_months="16")
    assert admin_client.post(url, changed).status_code == 302
    assert (ProgramSettings.current().milestone_1_months, ProgramSettings.current().milestone_2_months) == (10, 16)


def test_aud_6_staff_edit_the_fee_schedule_and_the_tax_rate(admin_client):
    from secor.core.models import ProgramSettings

    url = f"/admin/core/programsettings/{ProgramSettings.current().pk}/change/"
    response = admin_client.post(url, program_settings_form(audit_fee_baseline="-1", tax_rate_percent="31"))
    assert "A fee cannot be negative" in response.text and "less than or equal to 30" in response.text
    assert admin_client.post(url, program_settings_form(audit_fee_baseline="1800.00")).status_code == 302
    assert ProgramSettings.current().audit_fee("baseline") == 1800
