from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from companies import selectors, services
from companies.models import Application, Company, Employee, Membership
from companies.rules import EmploymentType
from secor.core.models import ProgramSettings, User
from secor.timeline.models import Event
from tests.clock import on
from tests.factories import ApplicationFactory, AuditorFactory, CompanyFactory, EmployeeFactory, UserFactory

pytestmark = pytest.mark.django_db
ONE_OWNER = services.DeclaredWorkers({"owners_office": 1})


def details(**overrides):
    values = dict(
        legal_name="Moose Jaw Masonry Ltd.",
        operating_name="",
        wcb_account_number="5551234",
        street_address="12 River Street",
        city="Moose Jaw",
        postal_code="S6H 1A1",
        phone="306-555-0199",
        email="office@mjmasonry.example",
        trade="Masonry",
        is_scsa_member=False,
        acts_as_general_contractor=False,
        expected_workers_as_general_contractor=None,
    )
    values.update(overrides)
    return values


def test_submitting_an_eligible_application_creates_company_owner_membership_and_application():
    user = UserFactory()
    application = services.application_submit(
        user=user,
        details=details(),
        workers=services.DeclaredWorkers({"owners_office": 1, "full_time_field": 3, "casual_field": 1}),
        signed_name="  Pat Mason ",
    )
    company = application.company
    assert company.status == Company.Status.APPLIED
    assert Membership.objects.get(user=user).company == company
    assert Membership.objects.get(user=user).is_owner
    assert application.declared_workers == 5
    assert application.agreement_signed_name == "Pat Mason"
    assert application.decision == Application.Decision.PENDING
    assert company.events.get().summary == "SECOR application submitted"


def test_elig_7_non_members_are_charged_the_fee_set_in_program_settings():
    settings = ProgramSettings.current()
    settings.registration_fee_non_member = 275
    settings.save()
    application = services.application_submit(
        user=UserFactory(), details=details(), workers=ONE_OWNER, signed_name="Pat"
    )
    assert application.registration_fee == 275


def test_elig_7_scsa_members_register_without_a_fee():
    application = services.application_submit(
        user=UserFactory(),
        details=details(is_scsa_member=True),
        workers=ONE_OWNER,
        signed_name="Pat",
    )
    assert application.registration_fee == 0


def test_elig_2_ten_workers_creates_nothing():
    user = UserFactory()
    with pytest.raises(ValidationError, match="COR"):
        services.application_submit(
            user=user,
            details=details(),
            workers=services.DeclaredWorkers({"owners_office": 1, "full_time_field": 9}),
            signed_name="Pat",
        )
    assert not Company.objects.exists()
    assert not Application.objects.exists()
    assert not Membership.objects.exists()


def test_elig_4_general_contractor_expecting_more_than_nine_workers_creates_nothing():
    with pytest.raises(ValidationError, match="General Contractor"):
        services.application_submit(
            user=UserFactory(),
            details=details(acts_as_general_contractor=True, expected_workers_as_general_contractor=15),
            workers=services.DeclaredWorkers({"owners_office": 1, "full_time_field": 2}),
            signed_name="Pat",
        )
    assert not Company.objects.exists()


def test_elig_5_derolled_company_reapplying_within_six_months_is_refused_with_the_date():
    owner = UserFactory()
    company = CompanyFactory(status=Company.Status.DEROLLED, derolled_on=date(2026, 9, 30))
    Membership.objects.create(company=company, user=owner, is_owner=True)
    with (
        on(date(2027, 3, 29)),
        pytest.raises(ValidationError, match="from March 30, 2027"),
    ):
        services.application_submit(
            user=owner,
            details=details(),
            workers=ONE_OWNER,
            signed_name="Pat",
            company=company,
        )
    company.refresh_from_db()
    assert company.status == Company.Status.DEROLLED
    with on(date(2027, 3, 30)):
        application = services.application_submit(
            user=owner,
            details=details(),
            workers=ONE_OWNER,
            signed_name="Pat",
            company=company,
        )
    company.refresh_from_db()
    assert company.status == Company.Status.APPLIED
    # The re-application keeps the company's WCB number whatever the details say.
    assert company.wcb_account_number == application.company.wcb_account_number != "5551234"


def test_elig_6_a_wcb_number_with_an_active_registration_is_refused():
    CompanyFactory(wcb_account_number="5551234", status=Company.Status.REGISTERED)
    with pytest.raises(ValidationError, match="already has an active SECOR registration"):
        services.application_submit(
            user=UserFactory(),
            details=details(),
            workers=ONE_OWNER,
            signed_name="Pat",
        )
    assert Company.objects.count() == 1


def test_signing_needs_a_typed_name():
    with pytest.raises(ValidationError) as error:
        services.application_submit(
            user=UserFactory(),
            details=details(),
            workers=ONE_OWNER,
            signed_name="  ",
        )
    assert "signed_name" in error.value.message_dict
    assert not Company.objects.exists()


def test_accepting_registers_the_company_today_and_emails_its_users(staff_user, django_capture_on_commit_callbacks):
    application = ApplicationFactory()
    Membership.objects.create(company=application.company, user=application.submitted_by, is_owner=True)
    with (
        on(date(2026, 11, 26), 23, 30),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.application_accept(application=application, actor=staff_user)
    company = Company.objects.get(pk=application.company_id)
    assert company.status == Company.Status.REGISTERED
    # 23:30 in Regina is already the 27th in UTC; the registration date is Regina's date.
    assert company.registration_date == date(2026, 11, 26)
    application.refresh_from_db()
    assert (application.decision, application.decided_by) == (Application.Decision.ACCEPTED, staff_user)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [application.submitted_by.email]
    assert "is now registered in the SECOR program" in mail.outbox[0].body


def test_an_application_is_decided_once(staff_user):
    application = ApplicationFactory()
    services.application_accept(application=application, actor=staff_user)
    with pytest.raises(ValidationError, match="already been decided"):
        services.application_decline(application=application, actor=staff_user, reason="Duplicate")


def test_declining_needs_a_reason_the_employer_sees(staff_user, django_capture_on_commit_callbacks):
    application = ApplicationFactory()
    Membership.objects.create(company=application.company, user=application.submitted_by, is_owner=True)
    with pytest.raises(ValidationError) as error:
        services.application_decline(application=application, actor=staff_user, reason=" ")
    assert "reason" in error.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decline(
            application=application, actor=staff_user, reason="Your WCB account is closed; reopen it and apply again."
        )
    assert Company.objects.get(pk=application.company_id).status == Company.Status.DECLINED
    assert "Reason: Your WCB account is closed" in mail.outbox[0].body


@on(date(2026, 8, 31), 9)
def test_elig_5_derolling_starts_the_six_month_wait(staff_user):
    company = CompanyFactory()
    services.company_change_status(company=company, actor=staff_user, action="deroll", reason="Milestone #1 expired")
    company.refresh_from_db()
    assert company.status == Company.Status.DEROLLED
    assert company.derolled_on == date(2026, 8, 31)
    event = company.events.get()
    assert event.summary == (
        "Status changed from Registered to De-rolled on August 31, 2026; may register again from February 28, 2027"
    )
    assert event.detail == "Milestone #1 expired"
    assert selectors.derolled_on_for_wcb_number(wcb_account_number=company.wcb_account_number) == date(2026, 8, 31)


@on(date(2026, 8, 31), 9)
def test_elig_5_a_de_roll_recorded_by_hand_may_be_dated_earlier_never_later(staff_user):
    company = CompanyFactory()
    with pytest.raises(ValidationError) as later:
        services.company_change_status(
            company=company, actor=staff_user, action="deroll", reason="Letter", effective_on=date(2026, 9, 1)
        )
    assert "or an earlier date" in later.value.message_dict["effective_on"][0]
    services.company_change_status(
        company=company, actor=staff_user, action="deroll", reason="Recorded late", effective_on=date(2026, 7, 31)
    )
    company.refresh_from_db()
    assert company.derolled_on == date(2026, 7, 31)
    assert "may register again from January 31, 2027" in company.events.get().summary


def test_elig_3_staff_record_the_transfer_to_cor_with_a_reason(staff_user):
    company = CompanyFactory()
    services.company_change_status(
        company=company, actor=staff_user, action="transfer_to_cor", reason="Now 14 workers; COR registration begun"
    )
    company.refresh_from_db()
    assert company.status == Company.Status.TRANSFERRED_TO_COR
    assert company.events.get().actor == staff_user


def test_reinstating_a_derolled_company_clears_the_wait(staff_user):
    company = CompanyFactory(status=Company.Status.DEROLLED, derolled_on=date(2026, 10, 1))
    services.company_change_status(company=company, actor=staff_user, action="reinstate", reason="Override: letter")
    company.refresh_from_db()
    assert (company.status, company.derolled_on) == (Company.Status.REGISTERED, None)
    assert selectors.derolled_on_for_wcb_number(wcb_account_number=company.wcb_account_number) is None


def test_a_status_change_that_does_not_apply_is_refused_with_the_reason(staff_user):
    company = CompanyFactory(status=Company.Status.APPLIED, registration_date=None)
    with pytest.raises(ValidationError, match="cannot be given that status change"):
        services.company_change_status(company=company, actor=staff_user, action="deroll", reason="x")
    with pytest.raises(ValidationError) as error:
        services.company_change_status(company=company, actor=staff_user, action="withdraw", reason="")
    assert "reason" in error.value.message_dict
    assert Company.objects.get(pk=company.pk).status == Company.Status.APPLIED


def employee_data(**overrides):
    values = dict(
        first_name="Rosa",
        last_name="Delgado",
        email="",
        employment_type=EmploymentType.FULL_TIME,
        is_permanent=True,
        works_in_saskatchewan=True,
        location="field",
        start_date=date(2026, 1, 5),
        end_date=None,
    )
    values.update(overrides)
    return values


def test_adding_an_employee_records_the_headcount_on_the_timeline(company, employer):
    employee = services.employee_add(company=company, actor=employer, data=employee_data())
    assert employee.company == company
    event = company.events.get()
    assert event.summary == "Rosa Delgado added to the roster (Full-time)"
    assert event.detail == "Saskatchewan workers now: 1."


def test_elig_3_the_tenth_worker_is_flagged_on_the_timeline(company, employer):
    EmployeeFactory.create_batch(9, company=company)
    services.employee_add(company=company, actor=employer, data=employee_data())
    event = company.events.get()
    assert event.detail.endswith("no longer qualifies for SECOR.")
    assert event.data["rule"] == "ELIG-3"  # the rule's id is the line's data, for staff (secor.rule_ids)


def test_a_duplicate_employee_is_refused_by_the_name(company, employer):
    EmployeeFactory(company=company, first_name="Rosa", last_name="Delgado")
    with pytest.raises(ValidationError) as error:
        services.employee_add(company=company, actor=employer, data=employee_data(first_name="ROSA"))
    assert "already on the roster" in error.value.message_dict["last_name"][0]
    assert company.employees.count() == 1


def test_the_same_name_may_work_for_two_companies(company, other_company, employer):
    EmployeeFactory(company=other_company, first_name="Rosa", last_name="Delgado")
    services.employee_add(company=company, actor=employer, data=employee_data())
    assert Employee.objects.filter(last_name="Delgado").count() == 2


def test_an_end_date_before_the_start_date_is_refused(company, employer):
    with pytest.raises(ValidationError) as error:
        services.employee_add(company=company, actor=employer, data=employee_data(end_date=date(2025, 12, 31)))
    assert error.value.message_dict["end_date"] == ["The end date cannot be before the start date (January 5, 2026)."]
    assert not company.employees.exists()


def test_editing_an_employee_lists_what_changed(company, employer):
    employee = EmployeeFactory(company=company, first_name="Rosa", last_name="Delgado", start_date=date(2026, 1, 5))
    services.employee_update(employee=employee, actor=employer, data=employee_data(end_date=date(2026, 11, 20)))
    event = company.events.get()
    assert event.summary == "Roster entry for Rosa Delgado changed"
    assert "end date: — → 2026-11-20" in event.detail
    assert employee.history.count() == 2


def test_saving_an_employee_unchanged_records_nothing(company, employer):
    employee = EmployeeFactory(company=company, first_name="Rosa", last_name="Delgado", start_date=date(2026, 1, 5))
    services.employee_update(employee=employee, actor=employer, data=employee_data())
    assert not Event.objects.exists()


@on(date(2026, 11, 26))
def test_elig_1_headcount_query_agrees_with_the_rule_for_every_kind_of_roster_entry(company):
    today = date(2026, 11, 26)
    entries = [
        EmployeeFactory(
            company=company, employment_type=kind, works_in_saskatchewan=in_sk, start_date=start, end_date=end
        )
        for kind, _label in EmploymentType.CHOICES
        for in_sk in (True, False)
        for start, end in [
            (date(2025, 1, 1), None),
            (date(2025, 1, 1), today),
            (date(2025, 1, 1), date(2026, 11, 25)),
            (date(2026, 11, 27), None),
        ]
    ]
    counted_types = selectors.counted_employment_types()
    expected = sum(entry.counts_toward_headcount(today=today, counted_types=counted_types) for entry in entries)
    assert expected == 10  # 5 counted kinds x (no end date, ends today), in Saskatchewan only
    assert selectors.company_headcount(company=company, today=today) == expected
    # The kept count agrees, computed in SQL by the one UPDATE that refreshes every stale company.
    Company.objects.update(counted_workers=None)
    services.headcounts_refresh(today=today)
    assert Company.objects.with_headcount().get(pk=company.pk).headcount == expected


def test_the_owner_invites_a_person_who_sets_a_password_by_email(company, employer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.member_invite(
            company=company, actor=employer, email="Sam@Roofing.example", first_name="Sam", last_name="Lee"
        )
    user = membership.user
    assert (user.email, user.role, membership.is_owner) == ("sam@roofing.example", User.Role.EMPLOYER, False)
    assert not user.has_usable_password()
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "Alice Roofing Ltd." in mail.outbox[0].body


def test_inviting_an_address_that_already_has_a_login_is_refused(company, employer, other_employer):
    with pytest.raises(ValidationError) as error:
        services.member_invite(
            company=company, actor=employer, email=other_employer.email, first_name="C", last_name="D"
        )
    assert "already has a SECOR login" in error.value.message_dict["email"][0]


def test_only_program_auditors_can_be_assigned(company, staff_user, employer):
    auditor = AuditorFactory()
    services.auditor_assign(company=company, auditor=auditor, actor=staff_user)
    services.auditor_assign(company=company, auditor=auditor, actor=staff_user)
    assert list(company.assigned_auditors.all()) == [auditor]
    assert company.events.count() == 1
    with pytest.raises(ValidationError):
        services.auditor_assign(company=company, auditor=employer, actor=staff_user)


def test_elig_6_a_wcb_number_taken_since_the_details_step_is_refused_and_nothing_is_created():
    CompanyFactory(wcb_account_number="5551234", status=Company.Status.DECLINED, registration_date=None)
    with pytest.raises(ValidationError, match="already has a SECOR portal account"):
        services.application_submit(user=UserFactory(), details=details(), workers=ONE_OWNER, signed_name="Pat")
    assert Company.objects.count() == 1
