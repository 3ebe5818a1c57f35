"""The SECOR training chart and the company training summary (TRN-3, TRN-9), built from loaded rows.

Selectors fetch a company's employees, records, submissions and designations in a fixed number of
queries; this module turns them into chart cells with the rules of training/rules.py, each person's
facts read through training/person.py. Nothing here
touches the database, so a chart costs the same number of queries however many people it shows.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from companies.models import Company, Employee
from companies.rules import is_employed
from secor.rule_ids import RuleWords
from training import rules
from training.models import Course, ProficiencySubmission, TrainedEmployee, TrainingRecord
from training.person import PersonTraining
from training.rules import CourseCode, Standing, Status


@dataclass(frozen=True)
class Cell:
    position: int | None
    employee: Employee | None
    record: TrainingRecord | None
    standing: Standing
    designation: TrainedEmployee | None = None
    # The designated person cannot be the trained employee (TRN-1, TRN-2): someone else must be designated.
    designation_problem: bool = False


@dataclass(frozen=True)
class Row:
    course: Course
    cells: list[Cell]
    single_designee: bool = False  # TRN-3: allowed, but a risk

    @property
    def _held_cells(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.standing.status.counts_as_held]

    @property
    def held(self) -> bool:
        """TRN-3: a trained employee holds the course; SCOT (a row per employee who needs it) by every one."""
        if self.course.code == CourseCode.SCOT:
            return len(self._held_cells) == len(self.cells)
        return bool(self._held_cells)

    @property
    def held_since(self) -> date | None:
        """Since when the row is held: the first holder's completion, or for SCOT the last one's."""
        days = [cell.record.completed_on for cell in self._held_cells if cell.record is not None]
        if not days:
            return None
        return max(days) if self.course.code == CourseCode.SCOT else min(days)


@dataclass(frozen=True)
class Claim:
    """TRN-2: a trained-employee place a person holds at a company in the program."""

    company_id: int
    designated_at: datetime
    ends_on: date | None  # the person's last day at that company, when known


@dataclass(frozen=True)
class Summary:
    unmet: list[str] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)
    # The last day this summary stays right by the passing of time alone (a deadline, an expiry, a start or
    # end date); None when nothing in it changes with time. Only a change to its records changes it sooner.
    holds_until: date | None = None

    @property
    def complete(self) -> bool:
        return not self.unmet


@dataclass(frozen=True)
class Chart:
    company: Company
    today: date
    rows: list[Row]
    summary: Summary
    people: dict[int, "PersonTraining"] = field(default_factory=dict)  # by employee id

    def held(self, codes) -> bool:
        """Whether every course of `codes` is held today: by a trained employee, or for SCOT by everyone."""
        return all(row.held for row in self.rows if row.course.code in codes)

    def held_since(self, codes) -> date | None:
        """The day the last of these courses was completed, when all are held (MIL-4's done dates)."""
        if not self.held(codes):
            return None
        days = [row.held_since for row in self.rows if row.course.code in codes]
        return max((day for day in days if day is not None), default=None)


def _employed(employee: Employee, today: date) -> bool:
    return is_employed(start_date=employee.start_date, end_date=employee.end_date, today=today)


def designee_problem(employee: Employee, *, today: date, owners_qualify: bool) -> RuleWords | None:
    """TRN-1 for a person on the roster today."""
    return rules.trained_employee_problem(
        employment_type=employee.employment_type,
        is_permanent=employee.is_permanent,
        works_in_saskatchewan=employee.works_in_saskatchewan,
        employed=_employed(employee, today),
        owners_qualify=owners_qualify,
    )


def build_chart(
    *,
    company: Company,
    today: date,
    courses: list[Course],
    employees: list[Employee],
    records: list[TrainingRecord],
    submissions: list[ProficiencySubmission],
    designations: list[TrainedEmployee],
    claims: dict[str, list[Claim]],
    owners_qualify: bool,
) -> Chart:
    """`claims` maps a lower-cased email to the trained-employee places the person holds (TRN-2)."""
    courses_by_id = {course.pk: course for course in courses}
    records_by_employee, submissions_by_employee = defaultdict(list), defaultdict(list)
    for record in records:
        records_by_employee[record.employee_id].append(record)
    for submission in submissions:
        submissions_by_employee[submission.employee_id].append(submission)
    people = {
        employee.pk: PersonTraining(
            employee, records_by_employee[employee.pk], submissions_by_employee[employee.pk], courses_by_id
        )
        for employee in employees
    }
    designees = {(d.course_id, d.position): d for d in designations}

    rows, unmet, risks = [], [], []
    for course in sorted((c for c in courses if c.code in CourseCode.CHART), key=lambda c: c.chart_order or 0):
        if course.code == CourseCode.SCOT:
            row = _scot_row(course, employees, people, today)
            unmet += [_unmet(course, cell) for cell in row.cells if not cell.standing.status.counts_as_held]
        else:
            row = _designated_row(course, designees, people, today, claims, owners_qualify)
            held = [cell for cell in row.cells if cell.standing.status.counts_as_held]
            if not held:
                designated = [cell for cell in row.cells if cell.employee is not None]
                unmet.append(_unmet(course, (designated or row.cells)[0]))
            elif row.single_designee:
                risks.append(f"{course.name} is held by one trained employee only; best practice is several.")
        rows.append(row)
    holds_until = _holds_until(today, employees, people.values(), designations, claims)
    return Chart(company=company, today=today, rows=rows, summary=Summary(unmet, risks, holds_until), people=people)


def _holds_until(today: date, employees, people, designations, claims) -> date | None:
    """The last day the chart stays as it is by time alone. Erring early is safe (it is recomputed sooner)."""
    days = []
    for employee in employees:  # SCOT rows and trained employees depend on who is employed (TRN-1, TRN-8)
        if employee.start_date > today:
            days.append(employee.start_date - timedelta(days=1))
        if employee.end_date is not None and employee.end_date >= today:
            days.append(employee.end_date)
    for person in people:
        days += person.time_boundaries(today)
    for designation in designations:  # another company's earlier place ends with the person's last day there
        for claim in claims.get(designation.employee.email.lower(), []):
            if claim.company_id != designation.company_id and claim.ends_on is not None and claim.ends_on >= today:
                days.append(claim.ends_on)
    return min(days, default=None)


TRN_2_CLASH = RuleWords(
    "This person is already the trained employee for another WCB account number; a person can be the trained "
    "employee for one WCB account number only.",
    "TRN-2",
)


def _unmet(course: Course, cell: Cell) -> RuleWords:
    """TRN-9: which requirement is unmet and why (with the rule of the reason, when it names one)."""
    if cell.employee is None:
        return RuleWords(f"{course.name}: no trained employee designated.", "")
    why = cell.standing.note or cell.standing.status
    return RuleWords(f"{course.name}: {cell.employee} — {why}", getattr(why, "rule", ""))


def _claimed_earlier_elsewhere(designation: TrainedEmployee, employee: Employee, claims) -> bool:
    """TRN-2: the person was the trained employee of another company first (e.g. an email was edited later)."""
    return any(
        claim.company_id != designation.company_id and claim.designated_at < designation.designated_at
        for claim in claims.get(employee.email.lower(), [])
    )


def _designated_row(course, designees, people, today, claims, owners_qualify) -> Row:
    cells = []
    for position in rules.TRAINED_EMPLOYEE_POSITIONS:
        designation = designees.get((course.pk, position))
        person = designation and people[designation.employee_id]
        if person is None:
            standing = (
                Standing(Status.MISSING, note="No trained employee designated.")
                if position == 1
                else Standing(Status.NOT_REQUIRED, note="Optional; best practice is a second trained employee.")
            )
            cells.append(Cell(position, None, None, standing))
            continue
        standing, record = person.standing(course.code, today)
        problem = designee_problem(person.employee, today=today, owners_qualify=owners_qualify)
        if problem is None and _claimed_earlier_elsewhere(designation, person.employee, claims):
            problem = TRN_2_CLASH
        if problem is not None:
            standing = Standing(Status.MISSING, note=problem)
        cells.append(Cell(position, person.employee, record, standing, designation, designation_problem=bool(problem)))
    held = sum(cell.standing.status.counts_as_held for cell in cells)
    return Row(course, cells, single_designee=held == 1)


def _scot_row(course, employees, people, today) -> Row:
    cells = []
    for employee in employees:
        if rules.needs_scot(
            employment_type=employee.employment_type,
            is_permanent=employee.is_permanent,
            works_in_saskatchewan=employee.works_in_saskatchewan,
            employed=_employed(employee, today),
        ):
            standing, record = people[employee.pk].standing(CourseCode.SCOT, today)
            cells.append(Cell(len(cells) + 1, employee, record, standing))
    return Row(course, cells)
