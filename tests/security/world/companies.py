"""The world's people and companies: company A (Alice Roofing) with its owner, a second employer, its program
auditor and an employee; company B (Charlie Concrete) with its owner and employee; a program auditor not
assigned to A, a new employer with no company yet, and staff. A's application and each company's question."""

from companies.models import Application, AuditorAssignment, Company, Employee, Membership
from companies.questions.models import Question
from secor.core.models import User
from tests import cast
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


def people() -> dict:
    """The two companies, their employees and everyone who signs in, by role."""
    company, other_company, staff_user = cast.company(), cast.other_company(), cast.staff_user()
    employer, other_employer = cast.employer(company), cast.other_employer(other_company)
    auditor, unassigned_auditor = cast.auditor(company), cast.unassigned_auditor()
    member = MembershipFactory(company=company, is_owner=False, user=UserFactory(email="erin@roofing.example")).user
    new_employer = UserFactory(email="frank@newco.example")
    return {
        "company": company,
        "other_company": other_company,
        # Both trained-employee candidates: permanent, full-time, in Saskatchewan, with an email (TRN-1, TRN-2).
        "employee": EmployeeFactory(
            company=company, first_name="Gina", last_name="Roofer", email="gina@roofing.example"
        ),
        "other_employee": EmployeeFactory(
            company=other_company, first_name="Hank", last_name="Mason", email="hank@concrete.example"
        ),
        "users": {
            "employer": employer,
            "member": member,
            "other_employer": other_employer,
            "new_employer": new_employer,
            "auditor": auditor,
            "unassigned_auditor": unassigned_auditor,
            "staff_user": staff_user,
        },
    }


def question(company: Company, employer: User) -> dict:
    """A question to SCSA from the company's owner, waiting for its answer."""
    return {
        "question": Question.objects.create(
            company=company, asked_by=employer, step=Question.Step.TRAINING, text="Which courses count?"
        )
    }


def application(company: Company, employer: User) -> dict:
    """A's pending application, submitted by A's owner."""
    return {"application": ApplicationFactory(company=company, submitted_by=employer)}


def payload(world) -> dict:
    """Valid input for the forms of companies: details, roster, invitations, status, registration, questions."""
    return {
        # company details (edit, registration)
        "legal_name": "Taken Over Ltd.",
        "operating_name": "",
        "wcb_account_number": world.company.wcb_account_number,
        "street_address": "9 Intruder Way",
        "city": "Moose Jaw",
        "postal_code": "S6H 1A1",
        "phone": "306-555-0199",
        "email": "mallory@intruder.example",
        "trade": "Demolition",
        "is_scsa_member": "on",
        # roster entry; invitation (first/last name, email) and staff invitation (role)
        "first_name": "Mallory",
        "last_name": "Intruder",
        "employment_type": "full_time",
        "is_permanent": "on",
        "works_in_saskatchewan": "on",
        "location": "field",
        "start_date": "2024-01-08",
        "role": User.Role.STAFF,
        # status change, auditor removal, application decision
        "action": "withdraw",
        "reason": "Hostile change",
        "remove": str(world.users["auditor"].pk),
        "accept": "1",
        # registration journey
        "owners_office": "1",
        "full_time_field": "3",
        "agree": "on",
        "signed_name": "Mallory Intruder",
        # a question to SCSA, and staff's answer
        "step": Question.Step.TRAINING,
        "text": "Hostile question",
        "answer": "Hostile answer",
    }


# Whose rows a request could change.
MODELS = (Company, Employee, Application, Question)


def links() -> list:
    """Who belongs to which company and who may sign in as what (a person's other columns change as they
    sign in)."""
    return [
        list(Membership.objects.order_by("pk").values_list("pk", "company_id", "user_id", "is_owner")),
        list(AuditorAssignment.objects.order_by("pk").values_list("pk", "company_id", "auditor_id")),
        list(User.objects.order_by("pk").values_list("pk", "email", "role", "is_active", "is_staff")),
    ]
