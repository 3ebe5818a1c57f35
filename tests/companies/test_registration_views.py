"""The registration journey through the employer's eyes: details → workers → check → agreement."""

from datetime import date

import pytest
from django.urls import reverse

from companies import services
from companies.models import Application, Company, Membership
from companies.rules import DECLARED_WORKER_KEYS
from secor.core.models import ProgramSettings
from tests.clock import on
from tests.factories import CompanyFactory, EmployeeFactory, MembershipFactory, UserFactory
from tests.reckoned import folded

pytestmark = pytest.mark.django_db

DETAILS = {
    "legal_name": "Swift Current Siding Ltd.",
    "operating_name": "Swift Siding",
    "wcb_account_number": "555 1234",
    "street_address": "40 Central Ave N",
    "city": "Swift Current",
    "postal_code": "S9H 0K9",
    "phone": "306-555-0111",
    "email": "office@swiftsiding.example",
    "trade": "Siding",
    "is_scsa_member": "on",
}
WORKERS = {
    "owners_office": 1,
    "full_time_field": 3,
    "full_time_office": 1,
    "part_time_office": 1,
    "subcontractors_field": 2,
}


@pytest.fixture
def applicant(login):
    return login(UserFactory(email="new@swiftsiding.example"))


def test_an_eligible_employer_completes_the_journey_and_sees_application_received(applicant):
    response = applicant.post(reverse("companies:register"), DETAILS)
    assert response.status_code == 302 and response.url == reverse("companies:register_workers")
    response = applicant.post(reverse("companies:register_workers"), WORKERS)
    assert response.url == reverse("companies:register_check")
    assert "Your company is eligible for SECOR." in applicant.get(reverse("companies:register_check")).text
    page = applicant.get(reverse("companies:register_agreement")).text
    assert "Swift Current Siding Ltd." in page and "$0.00" in page
    response = applicant.post(
        reverse("companies:register_agreement"), {"agree": "on", "signed_name": "Jo Swift"}, follow=True
    )
    assert "Application received" in response.text
    company = Company.objects.get()
    assert company.wcb_account_number == "5551234"
    assert company.status == Company.Status.APPLIED
    assert Application.objects.get().declared_workers == 8


def test_elig_2_ten_workers_are_told_to_register_for_cor_and_nothing_is_saved(applicant):
    program = ProgramSettings.current()
    program.cor_contact = "Dana Fox, COR registrations, 306-555-0199"
    program.save()
    applicant.post(reverse("companies:register"), DETAILS)
    applicant.post(reverse("companies:register_workers"), {**WORKERS, "full_time_field": 5})
    page = applicant.get(reverse("companies:register_check")).text
    assert "Your company cannot register for SECOR." in page
    assert "You have 10 Saskatchewan workers." in page
    assert "Certificate of Recognition (COR)" in page
    # Whom to contact at SCSA for COR: the program setting a company that no longer qualifies is shown too.
    assert 'id="cor-contact"' in page and "Dana Fox, COR registrations, 306-555-0199" in page
    # The agreement step cannot be reached around the refusal.
    assert applicant.get(reverse("companies:register_agreement")).url == reverse("companies:register_check")
    assert not Company.objects.exists()


def test_elig_4_general_contractor_expecting_a_large_crew_is_refused_at_the_check(applicant):
    applicant.post(
        reverse("companies:register"),
        {**DETAILS, "acts_as_general_contractor": "on", "expected_workers_as_general_contractor": 25},
    )
    applicant.post(reverse("companies:register_workers"), WORKERS)
    page = applicant.get(reverse("companies:register_check")).text
    assert "expect to engage 25 workers, sub-contractors included" in page


def test_a_general_contractor_must_say_how_many_workers_it_expects(applicant):
    response = applicant.post(reverse("companies:register"), {**DETAILS, "acts_as_general_contractor": "on"})
    assert response.status_code == 200
    assert "say how many workers you expect to engage" in response.text
    assert 'value="Swift Current Siding Ltd."' in response.text


def test_elig_6_the_form_says_the_wcb_number_format_before_anything_is_typed(applicant):
    response = applicant.get(reverse("companies:register"))
    assert "6 to 10 digits (spaces and dashes are ignored)" in response.text


def test_elig_6_a_malformed_wcb_number_is_explained_next_to_the_field_and_the_answers_are_kept(applicant):
    response = applicant.post(reverse("companies:register"), {**DETAILS, "wcb_account_number": "12-AB"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "6 to 10 digits" in form.errors["wcb_account_number"][0]
    assert 'value="Swift Current Siding Ltd."' in response.text
    assert 'value="12-AB"' in response.text


def test_elig_6_a_wcb_number_already_registered_is_refused_at_the_field(applicant):
    CompanyFactory(wcb_account_number="5551234")
    response = applicant.post(reverse("companies:register"), DETAILS)
    assert "already has an active SECOR registration" in response.context["form"].errors["wcb_account_number"][0]


def test_elig_5_a_new_login_for_a_derolled_company_is_told_when_it_may_register(applicant):
    CompanyFactory(wcb_account_number="5551234", status=Company.Status.DEROLLED, derolled_on=date(2026, 10, 2))
    with on(date(2026, 11, 26)):
        response = applicant.post(reverse("companies:register"), DETAILS)
    error = response.context["form"].errors["wcb_account_number"][0]
    assert "removed from SECOR on October 2, 2026" in error
    assert "register again from April 2, 2027" in error


def test_elig_5_the_owner_of_a_derolled_company_is_refused_until_the_wait_is_over(login):
    membership = MembershipFactory(company__status=Company.Status.DEROLLED, company__derolled_on=date(2026, 10, 2))
    client = login(membership.user)
    company = membership.company
    with on(date(2026, 11, 26)):
        page = client.get(reverse("companies:detail", args=[company.pk])).text
        assert "can register again from <strong>April 2, 2027</strong>" in folded(page)
        # Told on the first step, before filling anything in; no step lets the application through.
        first_step = client.get(reverse("companies:register"))
        assert "It can register again from <strong>April 2, 2027</strong>" in first_step.text
        assert "form" not in first_step.context
        posted = client.post(reverse("companies:register"), {**DETAILS, "legal_name": company.legal_name})
        assert "It can register again from <strong>April 2, 2027</strong>" in posted.text
        for later_step in ("companies:register_workers", "companies:register_check", "companies:register_agreement"):
            assert "It can register again from" in client.get(reverse(later_step)).text
    assert Company.objects.get().status == Company.Status.DEROLLED


def test_elig_5_the_wait_belongs_to_the_wcb_number_not_the_company(login, staff_user, applicant):
    """DOMAIN section 8: a de-rolled company changing its number frees neither the old number, nor does the
    new number inherit the wait."""
    membership = MembershipFactory(
        company__status=Company.Status.DEROLLED,
        company__derolled_on=date(2026, 10, 2),
        company__wcb_account_number="5551234",
    )
    company = membership.company
    with on(date(2026, 11, 26)):
        services.company_update_details(company=company, actor=staff_user, data={"wcb_account_number": "7770001"})
        # The old number, taken up by a new login, is still waiting.
        error = applicant.post(reverse("companies:register"), DETAILS).context["form"].errors["wcb_account_number"][0]
        assert "register again from April 2, 2027" in error
        # The company, under its new number, may apply.
        assert "Register your company for SECOR" in login(membership.user).get(reverse("companies:register")).text


def test_an_employer_with_an_active_registration_is_sent_to_the_company_page(login, employer, company):
    response = login(employer).get(reverse("companies:register"))
    assert response.url == reverse("companies:detail", args=[company.pk])


def test_a_declined_employer_sees_the_reason_and_applies_again_with_the_same_company(login, staff_user):
    membership = MembershipFactory(company__status=Company.Status.APPLIED, company__registration_date=None)
    company = membership.company
    application = Application.objects.create(
        company=company,
        submitted_by=membership.user,
        submitted_at=company.created_at,
        registration_fee=0,
        workers={"owners_office": 1},
        agreement_signed_name="Pat",
        agreement_signed_at=company.created_at,
    )
    login(staff_user).post(
        reverse("companies:application", args=[application.pk]),
        {"decline": "1", "reason": "Your postal code is outside Saskatchewan; correct it.", "confirmed": "yes"},
    )
    client = login(membership.user)
    page = client.get(reverse("companies:detail", args=[company.pk])).text
    assert "Your postal code is outside Saskatchewan; correct it." in page
    form = client.get(reverse("companies:register")).context["form"]
    assert form.fields["wcb_account_number"].disabled
    client.post(reverse("companies:register"), {**DETAILS, "legal_name": "Corrected Ltd."})
    client.post(reverse("companies:register_workers"), WORKERS)
    client.post(reverse("companies:register_agreement"), {"agree": "on", "signed_name": "Pat"})
    company.refresh_from_db()
    assert (company.status, company.legal_name) == (Company.Status.APPLIED, "Corrected Ltd.")
    assert company.applications.count() == 2
    assert Membership.objects.filter(company=company).count() == 1


def test_the_agreement_needs_the_box_ticked_and_a_typed_name(applicant):
    applicant.post(reverse("companies:register"), DETAILS)
    applicant.post(reverse("companies:register_workers"), WORKERS)
    response = applicant.post(reverse("companies:register_agreement"), {"signed_name": ""})
    errors = response.context["form"].errors
    assert errors["agree"] == ["Tick the box to agree to the SECOR Agreement."]
    assert errors["signed_name"] == ["Type your full name to sign the SECOR Agreement."]
    assert not Company.objects.exists()


def test_staff_and_auditors_cannot_register(login, staff_user, unassigned_auditor):
    assert login(staff_user).get(reverse("companies:register")).status_code == 404
    assert login(unassigned_auditor).get(reverse("companies:register")).status_code == 404


def test_elig_6_a_wcb_number_typed_with_spaces_and_dashes_is_accepted(applicant):
    response = applicant.post(reverse("companies:register"), {**DETAILS, "wcb_account_number": "104-821-3000"})
    assert response.status_code == 302
    assert applicant.session["secor_registration"]["details"]["wcb_account_number"] == "1048213000"


def test_elig_1_workers_are_declared_by_kind_in_the_field_and_in_the_office(applicant, login, staff_user):
    applicant.post(reverse("companies:register"), DETAILS)
    page = applicant.get(reverse("companies:register_workers")).text
    assert 'name="casual_field"' in page and 'name="casual_office"' in page
    empty_boxes = dict.fromkeys(DECLARED_WORKER_KEYS, "")
    assert applicant.post(reverse("companies:register_workers"), empty_boxes).context["form"].non_field_errors() == [
        "Count at least one worker: owners count too."
    ]
    applicant.post(reverse("companies:register_workers"), WORKERS)
    applicant.post(reverse("companies:register_agreement"), {"agree": "on", "signed_name": "Jo Swift"})
    application = Application.objects.get()
    assert application.workers["full_time_office"] == 1
    assert application.declared_table()[1] == ("Full-time workers", 3, 1)
    staff_page = login(staff_user).get(reverse("companies:application", args=[application.pk])).text
    assert "Sub-contractors" in staff_page


def test_answers_saved_by_an_older_version_of_the_forms_send_the_employer_back_to_the_step(applicant):
    session = applicant.session
    session["secor_registration"] = {"details": {"legal_name": "Old shape"}, "workers": {"owners": 1}}
    session.save()
    assert applicant.get(reverse("companies:register_check")).url == reverse("companies:register")
    applicant.post(reverse("companies:register"), DETAILS)
    session = applicant.session
    session["secor_registration"]["workers"] = {"owners": 1, "full_time": 3}
    session.save()
    assert applicant.get(reverse("companies:register_check")).url == reverse("companies:register_workers")


def test_elig_7_a_company_applying_again_keeps_its_membership_and_its_roster_counts(login):
    membership = MembershipFactory(
        company__status=Company.Status.WITHDRAWN, company__is_scsa_member=False, company__registration_date=None
    )
    company = membership.company
    EmployeeFactory.create_batch(12, company=company)
    client = login(membership.user)
    assert client.get(reverse("companies:register")).context["form"].fields["is_scsa_member"].disabled
    client.post(reverse("companies:register"), {**DETAILS, "legal_name": company.legal_name, "is_scsa_member": "on"})
    client.post(reverse("companies:register_workers"), {"owners_office": 1})
    page = client.get(reverse("companies:register_check")).text
    assert "You have 12 Saskatchewan workers." in page  # the roster, not the single declared owner
    company.refresh_from_db()
    assert not company.is_scsa_member


def test_a_post_naming_no_decision_says_so_and_keeps_the_reason(login, staff_user):
    """Bad input (issue 12's fuzzing found it): a post with neither button's name decides nothing and says so."""
    membership = MembershipFactory(company__status=Company.Status.APPLIED, company__registration_date=None)
    application = Application.objects.create(
        company=membership.company,
        submitted_by=membership.user,
        submitted_at=membership.company.created_at,
        registration_fee=0,
        workers={"owners_office": 1},
        agreement_signed_name="Pat",
        agreement_signed_at=membership.company.created_at,
    )
    page = login(staff_user).post(reverse("companies:application", args=[application.pk]), {"reason": "Half typed"})
    assert "Choose what to do: accept the application, or decline it with a reason." in page.text
    assert "Half typed" in page.text
    application.refresh_from_db()
    assert application.decision == Application.Decision.PENDING
