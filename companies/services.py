"""Every write to companies, applications and rosters. Views, forms, admin and tasks call these."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone

from companies import events, rules, selectors
from companies.models import Application, AuditorAssignment, Company, Employee, Membership
from secor.core.models import ProgramSettings, User
from secor.core.services import user_invite
from secor.dates import long_date
from secor.timeline.services import event_record

COMPANY_DETAIL_FIELDS = (
    "legal_name",
    "operating_name",
    "wcb_account_number",
    "street_address",
    "city",
    "postal_code",
    "phone",
    "email",
    "trade",
    "is_scsa_member",
    "acts_as_general_contractor",
    "expected_workers_as_general_contractor",
)
EMPLOYEE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "employment_type",
    "is_permanent",
    "works_in_saskatchewan",
    "location",
    "start_date",
    "end_date",
)


def _describe_changes(instance, data: dict, fields) -> list[str]:
    changes = []
    for name in fields:
        if name in data and getattr(instance, name) != data[name]:
            label = instance._meta.get_field(name).verbose_name
            changes.append(f"{label}: {_shown(getattr(instance, name))} → {_shown(data[name])}")
    return changes


def _shown(value) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


# --- registration and eligibility ---------------------------------------------------------------


def registration_eligibility_for(
    *,
    company: Company | None,
    wcb_account_number: str,
    declared_workers: int,
    acts_as_general_contractor: bool,
    expected_workers_as_general_contractor: int | None,
    today: date,
) -> rules.Eligibility:
    """ELIG-1, -2, -4, -5, -6 with the facts read from the database.

    A company applying again already has a roster: its headcount counts if it is larger than declared.
    """
    existing = selectors.company_with_wcb_number(wcb_account_number=wcb_account_number)
    roster = selectors.company_headcount(company=company, today=today) if company else 0
    return rules.registration_eligibility(
        worker_count=max(declared_workers, roster),
        acts_as_general_contractor=acts_as_general_contractor,
        expected_workers_as_general_contractor=expected_workers_as_general_contractor,
        wcb_number_actively_registered=bool(existing and existing.is_active_in_program),
        derolled_on=existing and existing.derolled_on,
        today=today,
    )


@dataclass(frozen=True)
class DeclaredWorkers:
    """ELIG-1 at registration: counts keyed as rules.DECLARED_WORKER_KEYS; missing keys are zero."""

    counts: dict[str, int]

    def __post_init__(self):
        unknown = set(self.counts) - set(rules.DECLARED_WORKER_KEYS)
        if unknown:
            raise ValueError(f"Unknown kinds of worker: {sorted(unknown)}")

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@transaction.atomic
def application_submit(
    *, user: User, details: dict, workers: DeclaredWorkers, signed_name: str, company: Company | None = None
) -> Application:
    """Create (or re-open) the company and its application in one step, or refuse and create nothing."""
    if not signed_name.strip():
        raise ValidationError({"signed_name": "Type your full name to sign the SECOR Agreement."})
    wcb = company.wcb_account_number if company else details["wcb_account_number"]
    today = timezone.localdate()
    eligibility = registration_eligibility_for(
        company=company,
        wcb_account_number=wcb,
        declared_workers=workers.total,
        acts_as_general_contractor=details["acts_as_general_contractor"],
        expected_workers_as_general_contractor=details.get("expected_workers_as_general_contractor"),
        today=today,
    )
    if not eligibility.eligible:
        raise ValidationError([refusal.message for refusal in eligibility.refusals])
    if company is None and selectors.company_with_wcb_number(wcb_account_number=wcb):
        raise ValidationError(
            "This WCB account number already has a SECOR portal account. Sign in with that company's login to apply "
            "again, or ask its owner to invite you."
        )

    values = {name: details[name] for name in COMPANY_DETAIL_FIELDS if name in details}
    values["wcb_account_number"] = wcb
    if company is not None:
        # Membership, and so the fee (ELIG-7), stays as SCSA has it for a company applying again.
        values.pop("is_scsa_member", None)
    if company is None:
        company = Company.objects.create(**values, status=Company.Status.APPLIED)
        Membership.objects.create(company=company, user=user, is_owner=True)
    else:
        for name, value in values.items():
            setattr(company, name, value)
        company.status = Company.Status.APPLIED
        company.save()
    now = timezone.now()
    application = Application.objects.create(
        company=company,
        submitted_by=user,
        submitted_at=now,
        registration_fee=ProgramSettings.current().registration_fee(is_scsa_member=company.is_scsa_member),
        agreement_signed_name=signed_name.strip(),
        agreement_signed_at=now,
        workers={key: workers.counts.get(key, 0) for key in rules.DECLARED_WORKER_KEYS},
    )
    event_record(
        company=company,
        actor=user,
        kind=events.APPLICATION,
        subject=application,
        summary="SECOR application submitted",
        detail=f"{workers.total} Saskatchewan workers declared; "
        f"SECOR Agreement signed by {application.agreement_signed_name}.",
        data={"declared_workers": workers.total},
    )
    return application


@transaction.atomic
def application_accept(*, application: Application, actor: User) -> Application:
    from companies.tasks import send_application_decision

    application = Application.objects.select_for_update().select_related("company").get(pk=application.pk)
    if application.decision != Application.Decision.PENDING:
        raise ValidationError("This application has already been decided.")
    company = application.company
    if company.status != Company.Status.APPLIED:
        raise ValidationError(f"The company is “{company.get_status_display()}”, not waiting for a decision.")
    application.decision = Application.Decision.ACCEPTED
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save()
    company.status = Company.Status.REGISTERED
    company.registration_date = timezone.localdate()
    company.derolled_on = None
    company.save()
    event_record(
        company=company,
        actor=actor,
        kind=events.APPLICATION,
        subject=application,
        summary=f"Registered in SECOR on {long_date(company.registration_date)}",
        data={"decision": application.decision},
    )
    send_application_decision.delay_on_commit(application.pk)
    return application


@transaction.atomic
def application_decline(*, application: Application, actor: User, reason: str) -> Application:
    from companies.tasks import send_application_decision

    if not reason.strip():
        raise ValidationError({"reason": "Tell the employer why the application is declined and what to do next."})
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.decision != Application.Decision.PENDING:
        raise ValidationError("This application has already been decided.")
    application.decision = Application.Decision.DECLINED
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.decline_reason = reason.strip()
    application.save()
    company = application.company
    company.status = Company.Status.DECLINED
    company.save()
    event_record(
        company=company,
        actor=actor,
        kind=events.APPLICATION,
        subject=application,
        summary="Application declined",
        detail=application.decline_reason,
        data={"decision": application.decision},
    )
    send_application_decision.delay_on_commit(application.pk)
    return application


# --- status changes staff record with a reason (ELIG-3, ELIG-5, withdrawal, reinstatement) --------


@dataclass(frozen=True)
class StatusChange:
    label: str
    to_status: str
    from_statuses: tuple[str, ...]


STATUS_CHANGES = {
    "transfer_to_cor": StatusChange(
        "Transfer to COR", Company.Status.TRANSFERRED_TO_COR, (Company.Status.APPLIED, Company.Status.REGISTERED)
    ),
    "deroll": StatusChange("De-roll", Company.Status.DEROLLED, (Company.Status.REGISTERED,)),
    "withdraw": StatusChange("Withdraw", Company.Status.WITHDRAWN, (Company.Status.APPLIED, Company.Status.REGISTERED)),
    "reinstate": StatusChange(
        "Reinstate",
        Company.Status.REGISTERED,
        (Company.Status.DEROLLED, Company.Status.WITHDRAWN, Company.Status.TRANSFERRED_TO_COR),
    ),
}


def status_changes_for(company: Company) -> dict[str, StatusChange]:
    return {key: change for key, change in STATUS_CHANGES.items() if company.status in change.from_statuses}


@transaction.atomic
def company_change_status(*, company: Company, actor: User, action: str, reason: str) -> Company:
    change = STATUS_CHANGES.get(action)
    if change is None or company.status not in change.from_statuses:
        raise ValidationError(
            {"action": f"A company that is “{company.get_status_display()}” cannot be given that status change."}
        )
    if not reason.strip():
        raise ValidationError({"reason": "Record the reason for this change; the company sees it on its timeline."})
    company = Company.objects.select_for_update().get(pk=company.pk)
    today = timezone.localdate()
    previous, previous_status = company.get_status_display(), company.status
    company.status = change.to_status
    if change.to_status == Company.Status.DEROLLED:
        company.derolled_on = today
    elif change.to_status == Company.Status.REGISTERED:
        company.derolled_on = None
        company.registration_date = company.registration_date or today
    company.save()
    # An application waiting for SCSA ends with the status it was waiting in (withdrawn, sent to COR).
    for pending in company.applications.filter(decision=Application.Decision.PENDING):
        pending.decision, pending.decided_by, pending.decided_at = Application.Decision.CLOSED, actor, timezone.now()
        pending.save()
    summary = f"Status changed from {previous} to {company.get_status_display()}"
    if change.to_status == Company.Status.DEROLLED:
        summary += f"; may register again from {long_date(rules.reregistration_date(today))}"
    event_record(
        company=company,
        actor=actor,
        kind=events.STATUS,
        subject=company,
        summary=summary,
        detail=reason.strip(),
        data={"from": previous_status, "to": company.status},
    )
    return company


@transaction.atomic
def company_update_details(*, company: Company, actor: User, data: dict) -> Company:
    # Compare with the stored row: a bound ModelForm has already written the new values into its instance.
    company = Company.objects.select_for_update().get(pk=company.pk)
    changes = _describe_changes(company, data, COMPANY_DETAIL_FIELDS)
    if not changes:
        return company
    for name in COMPANY_DETAIL_FIELDS:
        if name in data:
            setattr(company, name, data[name])
    company.save()
    event_record(
        company=company,
        actor=actor,
        kind=events.DETAILS,
        subject=company,
        summary="Company details changed",
        detail="\n".join(changes),
    )
    return company


# --- roster ------------------------------------------------------------------------------------


def _validate_employee(*, company: Company, data: dict, employee: Employee | None = None) -> None:
    errors = {}
    end_date_problem = rules.end_date_problem(start_date=data.get("start_date"), end_date=data.get("end_date"))
    if end_date_problem:
        errors["end_date"] = end_date_problem
    # Lower-cased by the database, as the unique constraint is, so every alphabet compares the same way.
    duplicates = company.employees.annotate(first=Lower("first_name"), last=Lower("last_name")).filter(
        first=Lower(Value(data["first_name"].strip())), last=Lower(Value(data["last_name"].strip()))
    )
    if employee is not None:
        duplicates = duplicates.exclude(pk=employee.pk)
    if duplicates.exists():
        errors["last_name"] = (
            f"{data['first_name']} {data['last_name']} is already on the roster. "
            "Edit that entry instead (for example to record a new start or end date)."
        )
    if errors:
        raise ValidationError(errors)


def _headcount_event_detail(company: Company) -> str:
    headcount = selectors.company_headcount(company=company, today=timezone.localdate())
    detail = f"Saskatchewan workers now: {headcount}."
    if company.qualification_problems(headcount=headcount):
        detail += f" This is more than {rules.MAX_SECOR_WORKERS}: the company no longer qualifies for SECOR (ELIG-3)."
    return detail


@transaction.atomic
def employee_add(*, company: Company, actor: User, data: dict) -> Employee:
    _validate_employee(company=company, data=data)
    employee = Employee.objects.create(company=company, **{name: data.get(name) for name in EMPLOYEE_FIELDS})
    event_record(
        company=company,
        actor=actor,
        kind=events.ROSTER,
        subject=employee,
        summary=f"{employee} added to the roster ({employee.get_employment_type_display()})",
        detail=_headcount_event_detail(company),
    )
    return employee


@transaction.atomic
def employee_update(*, employee: Employee, actor: User, data: dict) -> Employee:
    _validate_employee(company=employee.company, data=data, employee=employee)
    employee = Employee.objects.select_for_update().select_related("company").get(pk=employee.pk)
    changes = _describe_changes(employee, data, EMPLOYEE_FIELDS)
    if not changes:
        return employee
    for name in EMPLOYEE_FIELDS:
        if name in data:
            setattr(employee, name, data[name])
    employee.save()
    event_record(
        company=employee.company,
        actor=actor,
        kind=events.ROSTER,
        subject=employee,
        summary=f"Roster entry for {employee} changed",
        detail="\n".join([*changes, _headcount_event_detail(employee.company)]),
    )
    return employee


# --- people ------------------------------------------------------------------------------------


@transaction.atomic
def member_invite(*, company: Company, actor: User, email: str, first_name: str, last_name: str) -> Membership:
    """The owner (or staff) gives another person an employer login for the company."""
    email = email.strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        raise ValidationError(
            {
                "email": "This email address already has a SECOR login; each login belongs to one company. "
                "Use another address, or ask SCSA to move the login."
            }
        )
    user = user_invite(
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=User.Role.EMPLOYER,
        invited_by=actor,
        company_name=company.display_name,
    )
    membership = Membership.objects.create(company=company, user=user, is_owner=False)
    event_record(
        company=company,
        actor=actor,
        kind=events.PEOPLE,
        subject=membership,
        summary=f"{user.get_full_name() or email} invited as an employer user",
    )
    return membership


@transaction.atomic
def auditor_assign(*, company: Company, auditor: User, actor: User) -> AuditorAssignment:
    if not auditor.is_program_auditor:
        raise ValidationError({"auditor": "Only an active program auditor can be assigned to a company."})
    assignment, created = AuditorAssignment.objects.get_or_create(
        company=company, auditor=auditor, defaults={"assigned_by": actor}
    )
    if created:
        event_record(
            company=company,
            actor=actor,
            kind=events.PEOPLE,
            subject=auditor,
            summary=f"Program auditor {auditor} assigned",
        )
    return assignment


@transaction.atomic
def auditor_unassign(*, company: Company, auditor: User, actor: User) -> None:
    deleted, _ = AuditorAssignment.objects.filter(company=company, auditor=auditor).delete()
    if deleted:
        event_record(
            company=company,
            actor=actor,
            kind=events.PEOPLE,
            subject=auditor,
            summary=f"Program auditor {auditor} no longer assigned",
        )
