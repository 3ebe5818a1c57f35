"""Rule ids are data where a message is made: staff and program auditors read them, employers read the plain
words, and nothing is taken out of a page once rendered (what an employer types is kept as typed)."""

import pickle
import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeData

from companies.inputs import COMPANY_DETAIL_FIELDS
from companies.rules import EmploymentType
from companies.services import employee_add
from secor.rule_ids import RuleWords, for_reader, refusal
from tests.factories import EmployeeFactory
from training.models import Course
from training.rules import CourseCode

pytestmark = pytest.mark.django_db
RULE_ID = re.compile(r"\([A-Z]{2,4}-\d+")


def test_rule_words_are_their_words_with_the_rule_beside_them(staff_user, auditor, employer):
    casual = RuleWords("A trained employee must be full time; this person is casual.", "TRN-1")
    assert casual == "A trained employee must be full time; this person is casual." and casual.rule == "TRN-1"
    assert pickle.loads(pickle.dumps(casual)).rule == "TRN-1"
    assert for_reader(casual, staff_user) == "A trained employee must be full time; this person is casual (TRN-1)."
    assert for_reader(casual, auditor).endswith("casual (TRN-1).")
    assert for_reader(casual, employer) == casual
    # A refusal carries the id as its code; its words are the same for everyone until a page shows them.
    error = refusal(casual)
    assert (error.messages, error.code) == ([str(casual)], "TRN-1")
    assert for_reader(error, staff_user).endswith("(TRN-1).") and not RULE_ID.search(for_reader(error, employer))
    # Django's own codes are not rule ids; words marked safe (a link) stay safe.
    assert for_reader(ValidationError("This field is required.", code="required"), staff_user) == (
        "This field is required."
    )
    linked = format_html('Already recorded (<a href="{}">see it</a>).', "/x/")
    assert isinstance(for_reader(ValidationError(linked), staff_user), SafeData)


def over_the_limit(company, employer):
    """Nine workers, then a tenth through the roster: the timeline says the company no longer qualifies."""
    EmployeeFactory.create_batch(9, company=company)
    employee_add(
        company=company,
        actor=employer,
        data={
            "first_name": "Rosa",
            "last_name": "Delgado",
            "email": "",
            "employment_type": EmploymentType.FULL_TIME,
            "is_permanent": True,
            "works_in_saskatchewan": True,
            "location": "field",
            "start_date": date(2026, 1, 5),
            "end_date": None,
        },
    )


def test_elig_1_elig_3_employers_read_the_company_page_and_roster_without_rule_ids_staff_and_auditors_with_them(
    login, company, employer, staff_user, auditor
):
    over_the_limit(company, employer)
    detail, roster = reverse("companies:detail", args=[company.pk]), reverse("companies:roster", args=[company.pk])
    mine = login(employer).get(detail).text
    assert "no longer qualifies" in mine and "more than 9." in mine
    assert not RULE_ID.search(mine)
    assert not RULE_ID.search(login(employer).get(roster).text)
    for reader in (staff_user, auditor):
        page = login(reader).get(detail).text
        assert "more than 9 (ELIG-3)." in page
        assert "the company no longer qualifies for SECOR (ELIG-3)." in page.split('id="timeline"')[1]
        assert "end date has passed do not (ELIG-1)." in login(reader).get(roster).text


def test_trn_1_trn_2_employers_read_the_training_chart_and_its_refusals_in_plain_words(
    login, company, employer, staff_user
):
    casual = EmployeeFactory(company=company, first_name="Cas", last_name="Ual", employment_type=EmploymentType.CASUAL)
    chart, designate = reverse("training:chart", args=[company.pk]), reverse("training:designate", args=[company.pk])
    refused = {"employee": casual.pk, "position": 1, "courses": [Course.objects.get(code=CourseCode.LSE).pk]}
    assert not RULE_ID.search(login(employer).get(chart).text)
    page = login(employer).post(designate, refused).text
    assert "this person is casual." in page and not RULE_ID.search(page)
    assert "Saskatchewan employee (TRN-1)" in login(staff_user).get(chart).text
    assert "There is a problem to correct" in (staff := login(staff_user).post(designate, refused).text)
    assert "this person is casual (TRN-1)." in staff


def test_elig_7_the_registration_reads_in_plain_words(login, employer, company):
    company.status = "withdrawn"  # an employer whose company may apply again
    company.save(update_fields=["status"])
    page = login(employer).get(reverse("companies:register")).text
    assert "Registration fee:" in page and not RULE_ID.search(page)


def test_an_employer_who_types_a_rule_like_id_keeps_it_on_the_form_and_after_saving(login, company, employer):
    """Nothing rewrites a page: "(AB-12)" typed by an employer is theirs."""
    client = login(employer)
    edit = reverse("companies:edit", args=[company.pk])
    data = {name: getattr(company, name) for name in COMPANY_DETAIL_FIELDS}
    data = {name: "" if value is None else value for name, value in data.items() if value is not False}
    refused = client.post(edit, data | {"trade": "Roofing (AB-12)", "postal_code": "not a postal code"})
    assert refused.status_code == 200 and 'value="Roofing (AB-12)"' in refused.text
    assert client.post(edit, data | {"trade": "Roofing (AB-12)"}).status_code == 302
    company.refresh_from_db()
    assert company.trade == "Roofing (AB-12)"
    assert "Roofing (AB-12)" in client.get(reverse("companies:detail", args=[company.pk])).text
