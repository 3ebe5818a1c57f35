"""Demo data for `make run`: staff, two program auditors and companies at different stages.

Idempotent: every row is looked up by its natural key first, so a second run changes nothing. Its logins share a
printed password, so it refuses a DEBUG-off (production) database unless forced (--force).
"""

from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from audits.invoices.demo import add_demo_registration_fee_unpaid
from audits.program_documents.demo import add_demo_program_documents
from audits.tool.demo import name_demo_audit_tool
from companies import events
from companies.models import (
    Application,
    AuditorAssignment,
    Company,
    CorHandoff,
    Employee,
    Membership,
    RegistrationWait,
)
from companies.questions.demo import add_demo_questions
from companies.rules import EmploymentType
from companies.services import company_change_status, cor_handoff_tell
from milestones.demo import add_demo_milestones
from secor.core.groups import program_administrators
from secor.core.models import ProgramSettings, User
from secor.dates import long_date
from secor.timeline.services import event_record
from training.demo import add_demo_training

PASSWORD = "secor-demo-2026"

STAFF = [("staff", "admin@scsa.example", "Dana", "Whitford")]
AUDITORS = [
    ("auditor", "auditor.north@scsa.example", "Marc", "Lavoie"),
    ("auditor", "auditor.south@scsa.example", "Priya", "Sandhu"),
]


class DemoCompany(NamedTuple):
    legal_name: str
    wcb: str
    city: str
    trade: str
    status: str
    is_scsa_member: bool
    owner: tuple[str, str, str]  # email, first name, last name
    registered_months_ago: int | None
    roster_size: int
    auditor: int | None  # index into AUDITORS
    cor_expected_in_months: int | None = None  # ELIG-3: told SCSA when it expects to register for COR
    transferred_months_ago: int | None = None  # CERT-2: transferred to COR then, its certificate ended that day


COMPANIES = [
    DemoCompany(
        "Prairie Roofing Ltd.",
        "1048213",
        "Saskatoon",
        "Roofing",
        Company.Status.APPLIED,
        True,
        ("owner@prairieroofing.example", "Tom", "Bergstrom"),
        None,
        5,
        None,
    ),
    DemoCompany(
        "Qu'Appelle Electric Inc.",
        "1093377",
        "Regina",
        "Electrical",
        Company.Status.REGISTERED,
        True,
        ("owner@quappelleelectric.example", "Louise", "Ratt"),
        7,
        6,
        0,
    ),
    DemoCompany(
        "Wascana Plumbing & Heating",
        "2004519",
        "Regina",
        "Plumbing",
        Company.Status.REGISTERED,
        False,
        ("owner@wascanaplumbing.example", "Raj", "Mehta"),
        3,
        9,
        1,
    ),
    # Grew past nine workers after registering: ELIG-3.
    DemoCompany(
        "Big Sky Framing Corp.",
        "1177024",
        "Prince Albert",
        "Framing",
        Company.Status.REGISTERED,
        False,
        ("owner@bigskyframing.example", "Carla", "Nguyen"),
        10,
        11,
        0,
        cor_expected_in_months=3,
    ),
    # Certified ten months ago, its baseline audit achieved, the audit invoice paid (CERT-1, AUD-6): its first
    # anniversary is within 90 days, its maintenance package not yet sent (MNT-1, MNT-2).
    DemoCompany(
        "Riverbend Roofing Ltd.",
        "1204470",
        "North Battleford",
        "Roofing",
        Company.Status.REGISTERED,
        False,
        ("owner@riverbendroofing.example", "Nadia", "Kaur"),
        24,
        5,
        1,
    ),
    # Certified eleven months ago; this year's maintenance package sent and waiting for its review (MNT-1).
    DemoCompany(
        "Souris Valley Landscaping Ltd.",
        "1350867",
        "Weyburn",
        "Landscaping",
        Company.Status.REGISTERED,
        True,
        ("owner@sourisvalleylandscaping.example", "Grace", "Lindgren"),
        26,
        5,
        1,
    ),
    # Milestone #1 met, its #2 letter issued, the baseline audit booked for three days ago: the auditor scores it
    # and completes it (AUD-4, AUD-5).
    DemoCompany(
        "Estevan Steel Erectors Ltd.",
        "1388405",
        "Estevan",
        "Steel erection",
        Company.Status.REGISTERED,
        False,
        ("owner@estevansteel.example", "Paul", "Desrosiers"),
        16,
        4,
        0,
    ),
    # Milestone #1 met ten months in, and no Milestone #2 letter asked for yet: due by the #1 expiry (MIL-2).
    DemoCompany(
        "Coteau Drywall Ltd.",
        "1262218",
        "Swift Current",
        "Drywall",
        Company.Status.REGISTERED,
        True,
        ("owner@coteaudrywall.example", "Marie", "Gauthier"),
        10,
        4,
        0,
    ),
    # De-rolled in its first registration, registered again last month: a new Milestone #1 letter (MIL-1), and
    # the registration fee of a non-member, invoiced then and not yet paid (ELIG-7).
    DemoCompany(
        "Last Mountain Excavating Inc.",
        "1311902",
        "Lumsden",
        "Excavating",
        Company.Status.REGISTERED,
        False,
        ("owner@lastmountainexcavating.example", "Owen", "Pelletier"),
        1,
        3,
        None,
    ),
    DemoCompany(
        "Northern Lights Concrete Ltd.",
        "1120456",
        "Moose Jaw",
        "Concrete",
        Company.Status.DEROLLED,
        True,
        ("owner@northernlightsconcrete.example", "Wes", "Olson"),
        14,
        4,
        1,
    ),
    # Certified, then transferred to COR a month ago: its certificate ended that day (CERT-2).
    DemoCompany(
        "Cypress Hills Mechanical Ltd.",
        "1231558",
        "Swift Current",
        "Mechanical",
        Company.Status.REGISTERED,
        True,
        ("owner@cypresshillsmechanical.example", "Owen", "Pelletier"),
        30,
        6,
        1,
        transferred_months_ago=1,
    ),
]

# Demo companies whose registration fee was invoiced when they registered and is not yet paid (ELIG-7).
REGISTRATION_FEE_UNPAID = {"1311902"}

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


def authenticator_secret(email: str) -> str:
    """The secret of a demo staff's or auditor's authenticator app: each login has its own (made when it was)."""
    authenticator = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
    return decrypt(authenticator.data["secret"])


def print_logins(out) -> None:
    """One line per demo login: role, email, password, and the authenticator secret of staff and auditors."""
    logins = [(role, email, authenticator_secret(email)) for role, email, *_ in STAFF + AUDITORS]
    for demo in COMPANIES:
        status = Company.Status.TRANSFERRED_TO_COR if demo.transferred_months_ago else demo.status
        label = Company.Status(status).label  # in lower case but for its acronyms ("transferred to COR")
        stage = label[:1].lower() + label[1:] + (", over the limit" if demo.roster_size > 9 else "")
        logins.append((f"employer ({stage})", demo.owner[0], ""))
    for role, email, secret in logins:
        out.write(f"{role:<38} {email:<38} {PASSWORD}" + (f"  authenticator secret {secret}" if secret else ""))
    out.write(
        "Staff and auditors are then asked for an authenticator code: add their secret to an authenticator app"
        + (
            f", or type {settings.MFA_TOTP_INSECURE_BYPASS_CODE} on this demo server."
            if settings.MFA_TOTP_INSECURE_BYPASS_CODE
            else "."
        )
    )


class Command(BaseCommand):
    help = "Load the demo data (safe to run again) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load it with DEBUG off too (a test stack).")

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: this looks like a real database, and the demo's logins share a printed password. "
                "Run the demo with DEBUG=true (make run), or add --force for a stack that is not production."
            )
        today = timezone.localdate()
        ProgramSettings.current()
        staff = [self._user(*row) for row in STAFF]
        auditors = [self._user(*row) for row in AUDITORS]
        add_demo_program_documents(staff=staff[0])
        name_demo_audit_tool()
        for demo in COMPANIES:
            owner = self._user("employer", *demo.owner)
            derolled_on = months_ago(today, 2) if demo.status == Company.Status.DEROLLED else None
            company, created = Company.objects.get_or_create(
                wcb_account_number=demo.wcb,
                defaults=dict(
                    legal_name=demo.legal_name,
                    street_address="100 Main Street",
                    city=demo.city,
                    postal_code="S4P 3Y2",
                    phone="306-555-0100",
                    email=owner.email,
                    trade=demo.trade,
                    is_scsa_member=demo.is_scsa_member,
                    status=demo.status,
                    derolled_on=derolled_on,
                    left_program_on=derolled_on,  # CERT-2: a de-roll is a leaving of the program
                    left_program_as=Company.Status.DEROLLED if derolled_on else "",
                ),
            )
            if not created:
                continue
            Membership.objects.create(company=company, user=owner, is_owner=True)
            self._application(company, owner, staff[0], demo, today)
            for first, last, kind, location in PEOPLE[: demo.roster_size]:
                Employee.objects.create(
                    company=company,
                    first_name=first,
                    last_name=last,
                    employment_type=kind,
                    location=location,
                    start_date=months_ago(today, (demo.registered_months_ago or 0) + 12),
                    email=f"{first.lower()}.{last.lower()}@{demo.wcb}.example",
                )
            add_demo_training(company=company, staff=staff[0], owner=owner, today=today)
            if demo.auditor is not None:
                AuditorAssignment.objects.create(company=company, auditor=auditors[demo.auditor], assigned_by=staff[0])
            add_demo_milestones(
                company=company,
                owner=owner,
                staff=staff[0],
                auditor=auditors[demo.auditor] if demo.auditor is not None else None,
                today=today,
            )
            add_demo_questions(company=company, owner=owner, staff=staff[0], today=today)
            if demo.wcb in REGISTRATION_FEE_UNPAID:
                add_demo_registration_fee_unpaid(company=company, staff=staff[0])
            if demo.status == Company.Status.DEROLLED:
                RegistrationWait.objects.create(
                    wcb_account_number=company.wcb_account_number, company=company, derolled_on=company.derolled_on
                )
                self._event(
                    company,
                    staff[0],
                    months_ago(today, 2),
                    events.STATUS,
                    "Status changed from Registered to De-rolled",
                    "Milestone #1 letter expired with the manual review not yet approved.",
                )
            if demo.cor_expected_in_months:
                self._cor_handoff(company, owner, demo, today)
            if demo.transferred_months_ago:
                self._transfer_to_cor(company, staff[0], demo, today)
        print_logins(self.stdout)

    def _user(self, role, email, first_name, last_name) -> User:
        user, created = User.objects.get_or_create(
            email=email,
            defaults=dict(
                role=role,
                first_name=first_name,
                last_name=last_name,
                is_staff=role == "staff",
            ),
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
            if role == "staff":
                user.groups.add(program_administrators())
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        if role in ("staff", "auditor") and not Authenticator.objects.filter(user=user).exists():
            TOTP.activate(user, generate_totp_secret())
            RecoveryCodes.activate(user)
        return user

    def _cor_handoff(self, company, owner, demo: DemoCompany, today: date) -> None:
        """ELIG-3: the company told SCSA, a week ago, when it expects to register for COR (waiting for staff)."""
        handoff = cor_handoff_tell(
            company=company,
            actor=owner,
            expected_on=today + relativedelta(months=demo.cor_expected_in_months),
            note="Our COR registration is planned with the new crews; call Carla.",
        )
        told_on = today - timedelta(days=7)
        CorHandoff.objects.filter(pk=handoff.pk).update(told_on=told_on)
        self._dated(company.events.get(kind=events.COR_HANDOFF), told_on)

    def _transfer_to_cor(self, company, staff_user, demo: DemoCompany, today: date) -> None:
        """CERT-2: the status change staff record, dated when it happened: the certificate ended that day."""
        company_change_status(
            company=company,
            actor=staff_user,
            action="transfer_to_cor",
            reason="Took on crews for a large contract and registered for COR.",
        )
        left_on = months_ago(today, demo.transferred_months_ago)
        Company.objects.filter(pk=company.pk).update(left_program_on=left_on)
        self._dated(company.events.get(kind=events.STATUS), left_on)

    def _dated(self, event, on: date) -> None:
        # The timeline is ordered by `at`, which is now on insert; move it to when this happened.
        event.at = timezone.make_aware(datetime.combine(on, time(10)))
        event.save(update_fields=["at"])

    def _event(self, company, actor, on: date, kind: str, summary: str, detail: str = "") -> None:
        self._dated(event_record(company=company, actor=actor, kind=kind, summary=summary, detail=detail), on)

    def _application(self, company, owner, staff_user, demo: DemoCompany, today: date) -> None:
        months = demo.registered_months_ago
        submitted_on = months_ago(today, months or 0) - timedelta(days=10)
        submitted = timezone.make_aware(datetime.combine(submitted_on, time(9)))
        # What the employer declared when applying: within the limit (growth came later).
        declared = min(demo.roster_size, 8)
        application = Application.objects.create(
            company=company,
            submitted_by=owner,
            submitted_at=submitted,
            workers={"owners_office": 1, "full_time_field": declared - 1},
            registration_fee=ProgramSettings.current().registration_fee(is_scsa_member=company.is_scsa_member),
            agreement_signed_name=f"{owner.first_name} {owner.last_name}",
            agreement_signed_at=submitted,
        )
        self._event(
            company,
            owner,
            submitted_on,
            events.APPLICATION,
            "SECOR application submitted",
            f"{declared} Saskatchewan workers declared.",
        )
        if months is not None:
            company.registration_date = months_ago(today, months)
            company.save()
            application.decision = Application.Decision.ACCEPTED
            application.decided_by = staff_user
            application.decided_at = submitted + timedelta(days=10)
            application.save()
            self._event(
                company,
                staff_user,
                company.registration_date,
                events.APPLICATION,
                f"Registered in SECOR on {long_date(company.registration_date)}",
            )
