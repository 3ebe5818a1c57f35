"""Demo data for `make run`: staff, two program auditors and companies at different stages.

Idempotent: every row is looked up by its natural key first, so a second run changes nothing.
"""

from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from companies.models import Application, AuditorAssignment, Company, CompanyEvent, Employee, Membership
from companies.rules import EmploymentType
from secor.core.models import ProgramSettings, User

PASSWORD = "secor-demo-2026"

STAFF = [("staff", "admin@scsa.example", "Dana", "Whitford")]
AUDITORS = [
    ("auditor", "auditor.north@scsa.example", "Marc", "Lavoie"),
    ("auditor", "auditor.south@scsa.example", "Priya", "Sandhu"),
]

# legal name, WCB, city, status, member, owner email, registered months ago, roster size, auditor
COMPANIES = [
    (
        "Prairie Roofing Ltd.",
        "1048213",
        "Saskatoon",
        Company.Status.APPLIED,
        True,
        "owner@prairieroofing.example",
        None,
        5,
        None,
    ),
    (
        "Qu'Appelle Electric Inc.",
        "1093377",
        "Regina",
        Company.Status.REGISTERED,
        True,
        "owner@quappelleelectric.example",
        7,
        6,
        0,
    ),
    (
        "Wascana Plumbing & Heating",
        "2004519",
        "Regina",
        Company.Status.REGISTERED,
        False,
        "owner@wascanaplumbing.example",
        3,
        9,
        1,
    ),
    (
        "Big Sky Framing Corp.",
        "1177024",
        "Prince Albert",
        Company.Status.REGISTERED,
        False,
        "owner@bigskyframing.example",
        10,
        11,
        0,
    ),
    (
        "Northern Lights Concrete Ltd.",
        "1120456",
        "Moose Jaw",
        Company.Status.DEROLLED,
        True,
        "owner@northernlightsconcrete.example",
        14,
        4,
        1,
    ),
]

PEOPLE = [
    ("Amelia", "Okafor", EmploymentType.OWNER, "office"),
    ("Ben", "Tkachuk", EmploymentType.FULL_TIME, "field"),
    ("Chantal", "Desjarlais", EmploymentType.FULL_TIME, "field"),
    ("Dmitri", "Kowalski", EmploymentType.FULL_TIME, "field"),
    ("Erin", "McAllister", EmploymentType.PART_TIME, "office"),
    ("Farid", "Haddad", EmploymentType.CASUAL, "field"),
    ("Grace", "Bellegarde", EmploymentType.SUBCONTRACTOR, "field"),
    ("Hiro", "Tanaka", EmploymentType.FULL_TIME, "field"),
    ("Isla", "Fraser", EmploymentType.FULL_TIME, "field"),
    ("Jonas", "Lindqvist", EmploymentType.FULL_TIME, "field"),
    ("Kateri", "Cardinal", EmploymentType.FULL_TIME, "office"),
]


def months_ago(today: date, months: int) -> date:
    return today - timedelta(days=round(months * 30.44))


class Command(BaseCommand):
    help = "Load the demo data (safe to run again) and print the demo logins."

    @transaction.atomic
    def handle(self, *args, **options):
        today = timezone.localdate()
        ProgramSettings.current()
        staff = [self._user(*row) for row in STAFF]
        auditors = [self._user(*row) for row in AUDITORS]
        logins = [(row[0], row[1]) for row in STAFF + AUDITORS]
        for name, wcb, city, status, member, owner_email, months, roster_size, auditor in COMPANIES:
            owner = self._user("employer", owner_email, "Owner", name.split()[0])
            stage = Company.Status(status).label.lower() + (", over the limit" if roster_size > 9 else "")
            logins.append((f"employer ({stage})", owner_email))
            company, created = Company.objects.get_or_create(
                wcb_account_number=wcb,
                defaults=dict(
                    legal_name=name,
                    street_address="100 Main Street",
                    city=city,
                    postal_code="S4P 3Y2",
                    phone="306-555-0100",
                    email=owner_email,
                    trade="Construction",
                    is_scsa_member=member,
                    status=status,
                    derolled_on=months_ago(today, 2) if status == Company.Status.DEROLLED else None,
                ),
            )
            if not created:
                continue
            Membership.objects.create(company=company, user=owner, is_owner=True)
            self._application(company, owner, staff[0], roster_size, months, today)
            for first, last, kind, location in PEOPLE[:roster_size]:
                Employee.objects.create(
                    company=company,
                    first_name=first,
                    last_name=last,
                    employment_type=kind,
                    location=location,
                    start_date=months_ago(today, (months or 0) + 12),
                    email=f"{first.lower()}.{last.lower()}@{wcb}.example",
                )
            if auditor is not None:
                AuditorAssignment.objects.create(company=company, auditor=auditors[auditor], assigned_by=staff[0])
            if status == Company.Status.DEROLLED:
                CompanyEvent.objects.create(
                    company=company,
                    actor=staff[0],
                    summary="Status changed from Registered to De-rolled",
                    detail="Milestone #1 letter expired with the manual review not yet approved.",
                )
        for role, email in logins:
            self.stdout.write(f"{role:<34} {email:<40} {PASSWORD}")

    def _user(self, role, email, first_name, last_name) -> User:
        user, created = User.objects.get_or_create(
            email=email,
            defaults=dict(
                role=role,
                first_name=first_name,
                last_name=last_name,
                is_staff=role == "staff",
                is_superuser=role == "staff",
            ),
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        return user

    def _application(self, company, owner, staff_user, workers, months, today):
        submitted = timezone.now() - timedelta(days=round((months or 0) * 30.44) + 10)
        application = Application.objects.create(
            company=company,
            submitted_by=owner,
            submitted_at=submitted,
            full_time=workers - 1,
            owners=1,
            registration_fee=ProgramSettings.current().registration_fee(is_scsa_member=company.is_scsa_member),
            agreement_signed_name=f"{owner.first_name} {owner.last_name}",
            agreement_signed_at=submitted,
        )
        CompanyEvent.objects.create(
            company=company,
            actor=owner,
            summary="SECOR application submitted",
            detail=f"{workers} Saskatchewan workers declared.",
        )
        if months is not None:
            company.registration_date = months_ago(today, months)
            company.save()
            application.decision = Application.Decision.ACCEPTED
            application.decided_by = staff_user
            application.decided_at = submitted + timedelta(days=7)
            application.save()
            CompanyEvent.objects.create(
                company=company,
                actor=staff_user,
                summary=f"Registered in SECOR on {company.registration_date:%B %-d, %Y}",
            )
