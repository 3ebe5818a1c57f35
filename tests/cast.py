"""The suite's cast around company A (Alice Roofing) and company B (Charlie Concrete), made by plain functions:
the fixtures of tests/conftest.py make them per test, the isolation world (tests/security) once per module."""

from tests.factories import (
    AuditorAssignmentFactory,
    AuditorFactory,
    CompanyFactory,
    MembershipFactory,
    StaffFactory,
    UserFactory,
)


def staff_user():
    return StaffFactory(first_name="Sam", last_name="Staff")


def company():
    return CompanyFactory(legal_name="Alice Roofing Ltd.")


def employer(company):
    """Alice: the owner of `company`."""
    return MembershipFactory(company=company, user=UserFactory(email="alice@roofing.example")).user


def other_company():
    return CompanyFactory(legal_name="Charlie Concrete Inc.")


def other_employer(other_company):
    """Charlie: an employer of another company, who must never see `company`."""
    return MembershipFactory(company=other_company, user=UserFactory(email="charlie@concrete.example")).user


def auditor(company):
    """Bob: a program auditor assigned to `company`."""
    return AuditorAssignmentFactory(company=company, auditor=AuditorFactory(email="bob@scsa.example")).auditor


def unassigned_auditor():
    return AuditorFactory(email="dana@scsa.example")
