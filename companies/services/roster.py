"""The roster: people and the ELIG-1 headcount computed from them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone

from companies import events, rules, selectors
from companies.inputs import EMPLOYEE_FIELDS
from companies.models import Company, Employee
from companies.services.details import describe_changes
from secor import hooks
from secor.core.models import User
from secor.rule_ids import RuleWords
from secor.timeline.services import event_record


def _validate_employee(*, company: Company, data: dict, employee: Employee | None = None) -> None:
    errors = {}
    today = timezone.localdate()
    for field in ("start_date", "end_date"):
        if problem := rules.roster_date_problem(data.get(field), today=today):
            errors[field] = problem
    end_date_problem = rules.end_date_problem(start_date=data.get("start_date"), end_date=data.get("end_date"))
    if end_date_problem:
        errors.setdefault("end_date", end_date_problem)
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


def _headcount_event_detail(company: Company, *, before: tuple[str, ...] = ()) -> RuleWords:
    """The timeline's words for a roster change: `before` (what changed), then the headcount now, and past the
    limit that the company no longer qualifies (ELIG-3, its id kept as the line's data)."""
    today = timezone.localdate()
    headcount = selectors.company_headcount(company=company, today=today)
    detail = "\n".join([*before, f"Saskatchewan workers now: {headcount}."])
    if company.qualification_problems(headcount=headcount, today=today):
        detail += f" This is more than {rules.MAX_SECOR_WORKERS}: the company no longer qualifies for SECOR."
        return RuleWords(detail, "ELIG-3")
    return RuleWords(detail, "")


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
    hooks.changed(hooks.Topic.ROSTER, company_ids=[company.pk], emails=[employee.email])
    return employee


@transaction.atomic
def employee_update(*, employee: Employee, actor: User, data: dict) -> Employee:
    employee = Employee.objects.select_for_update().select_related("company").get(pk=employee.pk)
    _validate_employee(company=employee.company, data=data, employee=employee)
    changes = describe_changes(employee, data, EMPLOYEE_FIELDS)
    if not changes:
        return employee
    previous_email = employee.email
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
        detail=_headcount_event_detail(employee.company, before=changes),
    )
    hooks.changed(hooks.Topic.ROSTER, company_ids=[employee.company_id], emails=[previous_email, employee.email])
    return employee
