"""companies/access.py: the one rule of who sees a company and what they may do with it."""

import pytest
from django.http import Http404

from companies.access import CompanyAccess, Need, Reviewers, companies_for, company_for
from tests.factories import MembershipFactory


@pytest.fixture
def people(company, employer, other_employer, auditor, unassigned_auditor, staff_user):
    return {
        "employer": employer,
        "other_employer": other_employer,
        "auditor": auditor,
        "unassigned_auditor": unassigned_auditor,
        "staff": staff_user,
    }


def test_each_role_sees_its_own_companies(company, other_company, people):
    assert set(companies_for(people["staff"])) == {company, other_company}
    assert list(companies_for(people["auditor"])) == [company]
    assert list(companies_for(people["unassigned_auditor"])) == []
    assert list(companies_for(people["employer"])) == [company]
    assert list(companies_for(people["other_employer"])) == [other_company]


@pytest.mark.parametrize(
    ("role", "read", "edit", "own", "review_records", "review_submissions"),
    [
        ("employer", True, True, True, False, False),
        ("other_employer", False, False, False, False, False),
        ("auditor", True, False, False, False, True),
        ("unassigned_auditor", False, False, False, False, False),
        ("staff", True, True, True, True, True),
    ],
)
def test_what_each_role_may_do_with_a_company(
    company, people, role, read, edit, own, review_records, review_submissions
):
    access = CompanyAccess(people[role], company)
    assert (access.may_read, access.may_edit, access.may_own) == (read, edit, own)
    assert access.may_review(Reviewers.STAFF) == review_records
    assert access.may_review(Reviewers.STAFF_OR_ASSIGNED_AUDITOR) == review_submissions


def test_a_member_who_is_not_the_owner_edits_but_does_not_own(company):
    colleague = MembershipFactory(company=company, is_owner=False).user
    access = CompanyAccess(colleague, company)
    assert (access.may_edit, access.may_own) == (True, False)


def test_company_for_is_404_outside_scope_and_for_a_need_the_role_lacks(company, other_company, people):
    assert company_for(user=people["auditor"], pk=company.pk) == company
    with pytest.raises(Http404):
        company_for(user=people["auditor"], pk=company.pk, need=Need.EDIT)
    with pytest.raises(Http404):
        company_for(user=people["employer"], pk=other_company.pk)
    with pytest.raises(Http404):
        company_for(user=people["unassigned_auditor"], pk=company.pk, need=Reviewers.STAFF_OR_ASSIGNED_AUDITOR)


def test_company_for_finds_each_persons_companies_alone_with_the_query_it_builds_once_per_role(
    company, other_company, people
):
    """A company page's lookup is built once per role and run with each person's id: the second employer's, the
    second auditor's, finds their own companies and not the first's."""
    for _ in range(2):  # built, then reused
        for person, theirs in [
            ("employer", company),
            ("other_employer", other_company),
            ("auditor", company),
            ("staff", other_company),
        ]:
            assert company_for(user=people[person], pk=theirs.pk) == theirs
        for person, not_theirs in [("employer", other_company), ("other_employer", company)]:
            with pytest.raises(Http404):
                company_for(user=people[person], pk=not_theirs.pk)
        with pytest.raises(Http404):
            company_for(user=people["unassigned_auditor"], pk=company.pk)
