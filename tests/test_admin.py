"""The admin: program settings and the course catalogue are edited there; company records only shown."""

import pytest

from secor.core.groups import PROGRAM_ADMINISTRATORS, program_administrators
from secor.core.models import User
from secor.core.services import user_invite
from tests.factories import EmployeeFactory, TrainingRecordFactory, program_settings_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(login, staff_user):
    """A program administrator, as staff are invited: not a superuser (issue 12)."""
    staff_user.groups.add(program_administrators())
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


def test_mil_1_mil_2_the_settings_that_move_dates_are_only_shown_in_the_admin(admin_client):
    """They are changed on the notice timing page, with a preview (tests/notices/test_date_settings.py)."""
    from secor.core.models import ProgramSettings

    settings = ProgramSettings.current()
    url = f"/admin/core/programsettings/{settings.pk}/change/"
    assert admin_client.post(url, program_settings_form(milestone_1_months="10")).status_code == 302
    assert ProgramSettings.current().milestone_1_months == 12


def test_aud_6_staff_edit_the_fee_schedule_and_the_tax_rate(admin_client):
    from secor.core.models import ProgramSettings

    url = f"/admin/core/programsettings/{ProgramSettings.current().pk}/change/"
    response = admin_client.post(url, program_settings_form(audit_fee_baseline="-1", tax_rate_percent="31"))
    assert "A fee cannot be negative" in response.text and "less than or equal to 30" in response.text
    assert admin_client.post(url, program_settings_form(audit_fee_baseline="1800.00")).status_code == 302
    assert ProgramSettings.current().audit_fee("baseline") == 1800


def test_a_program_administrator_reads_the_records_but_is_not_a_superuser(admin_client, staff_user, company):
    assert not staff_user.is_superuser
    assert admin_client.get("/admin/companies/company/add/").status_code == 403
    assert admin_client.get("/admin/auth/group/").status_code == 403  # groups and permissions: superusers only
    # MAN-1: the audit tool is read here; a new version is made on SECOR's pages (by copying, with its sections).
    assert admin_client.get("/admin/audits/audittoolversion/").status_code == 200
    assert admin_client.get("/admin/audits/audittoolversion/add/").status_code == 403


def test_the_admin_has_no_sign_in_of_its_own(client):
    """Its login page sends to the site's sign-in (throttled; the second factor's), then back to the admin."""
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_invited_staff_are_program_administrators_not_superusers(staff_user):
    invited = user_invite(
        email="new.admin@scsa.example", first_name="Nia", last_name="Admin", role=User.Role.STAFF, invited_by=staff_user
    )
    assert invited.is_staff and not invited.is_superuser
    assert invited.groups.filter(name=PROGRAM_ADMINISTRATORS).exists()
    assert invited.has_perm("core.change_programsettings") and invited.has_perm("companies.view_company")
    assert not invited.has_perm("companies.change_company") and not invited.has_perm("auth.change_group")
    auditor = user_invite(
        email="new.auditor@scsa.example",
        first_name="Al",
        last_name="Auditor",
        role=User.Role.AUDITOR,
        invited_by=staff_user,
    )
    assert not auditor.is_staff and not auditor.groups.exists()


def test_man_1_the_admin_warns_while_a_version_keeps_placeholder_section_names(admin_client):
    from audits.tool.models import AuditSection

    page = admin_client.get("/admin/audits/audittoolversion/", follow=True).content.decode()
    assert "supplemental sections 14, 15, 16 still carry a placeholder name" in page
    AuditSection.objects.filter(number=14).update(name="Working Alone")
    page = admin_client.get("/admin/audits/audittoolversion/").content.decode()
    assert "supplemental sections 15, 16 still carry a placeholder name" in page
    AuditSection.objects.filter(supplemental=True).update(name="Named")
    assert "placeholder name" not in admin_client.get("/admin/audits/audittoolversion/").content.decode()
