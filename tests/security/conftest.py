"""Fixtures for the tenant-isolation tests: one small world with every role around company A."""

from dataclasses import dataclass

import pytest

from companies.models import Application, Company, Employee
from secor.core.models import User
from tests.factories import ApplicationFactory, EmployeeFactory, MembershipFactory, UserFactory

# The roles the isolation tests sign in as ("anonymous" is nobody signed in).
ANONYMOUS = "anonymous"
ROLES = (
    ANONYMOUS,
    "employer",  # owner of company A
    "member",  # employer of company A who is not its owner
    "other_employer",  # owner of company B
    "new_employer",  # employer login with no company yet (the registration journey)
    "auditor",  # program auditor assigned to A
    "unassigned_auditor",  # program auditor not assigned to A
    "staff_user",  # SCSA program staff
)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Every test here creates several users; the production hasher would make the suite slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def member(company):
    return MembershipFactory(company=company, is_owner=False, user=UserFactory(email="erin@roofing.example")).user


@pytest.fixture
def new_employer(db):
    return UserFactory(email="frank@newco.example")


@dataclass
class World:
    company: Company  # A
    employee: Employee  # on A's roster
    other_company: Company  # B
    other_employee: Employee  # on B's roster
    application: Application  # A's pending application, submitted by A's owner
    users: dict[str, User]  # by role name; no entry for ANONYMOUS


@pytest.fixture
def world(
    company, employer, member, other_company, other_employer, new_employer, auditor, unassigned_auditor, staff_user
):
    return World(
        company=company,
        employee=EmployeeFactory(company=company, first_name="Gina", last_name="Roofer"),
        other_company=other_company,
        other_employee=EmployeeFactory(company=other_company, first_name="Hank", last_name="Mason"),
        application=ApplicationFactory(company=company, submitted_by=employer),
        users={
            "employer": employer,
            "member": member,
            "other_employer": other_employer,
            "new_employer": new_employer,
            "auditor": auditor,
            "unassigned_auditor": unassigned_auditor,
            "staff_user": staff_user,
        },
    )


@pytest.fixture
def client_as(world, client, login):
    """A test client signed in as the named role (force_login), or anonymous."""

    def _client_as(role: str):
        return client if role == ANONYMOUS else login(world.users[role])

    return _client_as
