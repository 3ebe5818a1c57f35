"""Reads of a certificate's three-year cycle: the anniversaries (MNT-2), the maintenance packages due by them
(MNT-1) and the re-certification year (RCT-1)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from audits.certificates.models import Certificate, certificate_ended
from audits.certificates.rules import CERTIFICATE_YEARS, anniversary_reckoning
from audits.maintenance import rules
from audits.maintenance.access import PACKAGES
from audits.maintenance.models import Anniversary, MaintenancePackage, PackagePart
from audits.recertification.rules import recertification_opens_on
from companies.access import Action
from companies.models import Company, Employee, status_in
from companies.rules import is_employed
from secor.dates import Reckoning, long_date
from secor.reviews.models import Review, ReviewVersion, VersionFile
from secor.reviews.selectors import waiting_for_review
from secor.rule_ids import RuleWords
from training.person import PersonTraining
from training.rules import CourseCode
from training.selectors import people_training


@dataclass(frozen=True)
class MaintenanceYear:
    """One year of a certificate and the package due by its anniversary (MNT-1)."""

    anniversary: Anniversary
    opens_on: date
    package: MaintenancePackage | None
    state: rules.Maintenance
    reckoning: Reckoning  # how the anniversary's day was reckoned (CERT-1)

    @property
    def accepted_late(self) -> bool:
        """Accepted after a step came late (MNT-1): the day it missed is still kept; overdue until then."""
        return self.state == rules.Maintenance.ACCEPTED and self.anniversary.owed_by is not None


@dataclass(frozen=True)
class CertificateCycle:
    """The company's current certificate (not superseded; valid, suspended, ended or expired) and its cycle."""

    certificate: Certificate
    years: list[MaintenanceYear]  # the anniversaries a package is due by
    expiry: Anniversary  # the last anniversary: the re-certification audit renews the certificate by it
    today: date

    @property
    def expiry_reckoning(self) -> Reckoning:
        return anniversary_reckoning(self.certificate.issued_on, self.expiry.number)

    @property
    def status(self) -> str:
        return self.certificate.status(self.today)

    @property
    def overdue(self) -> list[MaintenanceYear]:
        return [year for year in self.years if year.state == rules.Maintenance.OVERDUE]

    @property
    def to_send(self) -> MaintenanceYear | None:
        """MNT-1: the year whose package the company may send now (the earliest open without one)."""
        return next((year for year in self.years if year.package is None and year.opens_on <= self.today), None)

    @property
    def next_opens_on(self) -> date | None:
        """When the next package may be sent, while none can be now."""
        return next((year.opens_on for year in self.years if year.package is None), None)

    @property
    def recertification_opens_on(self) -> date:
        return recertification_opens_on(self.certificate.issued_on)

    @property
    def in_recertification_year(self) -> bool:
        return self.today >= self.recertification_opens_on


def cycle_of(*, company, today: date) -> CertificateCycle | None:
    """The current certificate's cycle with its packages and their latest versions, in one query; None for a
    company never certified, or registered again after a leaving that ended its certificate (CERT-2): its new
    registration starts afresh towards a baseline audit (MIL-1), as only a reinstatement restores it."""
    current = Anniversary.objects.filter(company=company, certificate__superseded_by__isnull=True)
    if company.status_on(today).status == Company.Status.REGISTERED:
        current = current.exclude(certificate_ended("certificate__", today=today))
    anniversaries = list(
        current.select_related("certificate", "package__review__latest_version", "package__internal_auditor").order_by(
            "-certificate__issued_on", "number"
        )
    )
    if not anniversaries:
        return None
    certificate = anniversaries[0].certificate
    certificate.company = company  # its status reads whether the company left the program (CERT-2)
    anniversaries = [row for row in anniversaries if row.certificate_id == certificate.pk]
    years = []
    for anniversary in anniversaries[:-1]:
        package = getattr(anniversary, "package", None)
        opens_on = rules.year_starts_on(issued_on=certificate.issued_on, number=anniversary.number)
        state = rules.maintenance_state(
            opens_on=opens_on,
            owed_by=anniversary.owed_by,
            review_state=package.review.state if package else "",
            today=today,
        )
        reckoning = anniversary_reckoning(certificate.issued_on, anniversary.number)
        years.append(MaintenanceYear(anniversary, opens_on, package, state, reckoning))
    return CertificateCycle(certificate, years, anniversaries[-1], today)


def _current(anniversaries: QuerySet[Anniversary], *, as_of: date | None) -> QuerySet[Anniversary]:
    """Anniversaries of certificates still in their cycle: not superseded, of companies in the program, not ended
    by an earlier leaving of a company registered again (CERT-2). In the program on `as_of` (a de-roll due
    counts: MIL-3), or as recorded (None: for the daily sweep, which records the day's de-rolls first)."""
    in_program = (
        status_in([Company.Status.REGISTERED], today=as_of, company="company__")
        if as_of is not None
        else Q(company__status=Company.Status.REGISTERED)
    )
    return anniversaries.filter(in_program, certificate__superseded_by__isnull=True).exclude(
        certificate_ended("certificate__", today=as_of)
    )


def _upcoming(*, today: date, days: int, as_of: date | None) -> QuerySet[Anniversary]:
    return (
        _current(Anniversary.objects.filter(on__range=(today, today + timedelta(days=days))), as_of=as_of)
        .select_related("company", "certificate", "package__review")
        .order_by("on", "company__legal_name", "pk")
    )


def anniversaries_upcoming(*, today: date, days: int) -> QuerySet[Anniversary]:
    """MNT-2: the anniversaries from today through `days` days ahead, soonest first (staff's 30/60/90 days)."""
    return _upcoming(today=today, days=days, as_of=today)


def packages_due_next(*, company_ids: list[int], today: date) -> QuerySet[Anniversary]:
    """MNT-1: each company's next anniversary from today by which a maintenance package is due and not yet accepted
    (the last anniversary is the certificate's expiry: re-certification renews it instead): one row a company."""
    due = Anniversary.objects.filter(
        company_id__in=company_ids, on__gte=today, maintained_on__isnull=True, number__lt=CERTIFICATE_YEARS
    )
    return _current(due, as_of=today).order_by("company_id", "on").distinct("company_id")


def anniversaries_to_notify(*, today: date) -> QuerySet[Anniversary]:
    """MNT-2: the anniversaries whose notice day (90 days before) has come and which have not passed, unless
    their package is already accepted (for the daily sweep)."""
    upcoming = _upcoming(today=today, days=rules.ANNIVERSARY_NOTICE_DAYS, as_of=None)
    return upcoming.filter(maintained_on__isnull=True)


def maintenance_overdue(*, today: date) -> QuerySet[Anniversary]:
    """MNT-1 (DOMAIN section 8): packages not accepted whose company's step is late (nothing sent by the
    anniversary, or a returned one not corrected within its window: the kept `owed_by` passed), of certificates
    still valid or suspended (an expired certificate is told as expired), the oldest anniversary first."""
    return (
        _current(
            Anniversary.objects.filter(
                owed_by__lt=today, maintained_on__isnull=True, certificate__expires_on__gte=today
            ),
            as_of=today,
        )
        .select_related("company", "certificate", "package__review")
        .order_by("on", "company__legal_name", "pk")
    )


def maintenance_queue(*, user, waited_more_than: int | None = None) -> QuerySet[MaintenancePackage]:
    """Maintenance packages waiting for review that `user` may decide, the longest waiting first."""
    return waiting_for_review(
        PACKAGES.instances_user_can(user, Action.ACT).select_related("company", "anniversary"),
        kind=MaintenancePackage.REVIEW_KIND,
        waited_more_than=waited_more_than,
    )


def _with_versions(packages: QuerySet[MaintenancePackage]) -> QuerySet[MaintenancePackage]:
    """Every version of each package, newest first, with its files: a fixed number of queries."""
    versions = (
        ReviewVersion.objects.select_related("submitted_by", "decided_by")
        .prefetch_related(Prefetch("files", queryset=VersionFile.objects.select_related("document")))
        .order_by("-number")
    )
    return packages.select_related(
        "company", "anniversary__certificate", "review__latest_version", "review__reviewer", "internal_auditor"
    ).prefetch_related(Prefetch("review__versions", queryset=versions))


def package_get_for_company(*, company, pk: int) -> MaintenancePackage:
    """One of the company's packages; another company's answers 404 like a missing one."""
    return get_object_or_404(_with_versions(MaintenancePackage.objects.filter(company=company)), pk=pk)


def packages_of_company(*, company) -> list[MaintenancePackage]:
    """Every maintenance package the company sent, newest first, with all versions (kept, as reviews are)."""
    return list(_with_versions(MaintenancePackage.objects.filter(company=company)).order_by("-anniversary__on", "-pk"))


# --- what a package holds, and who may do its internal audit (MNT-1, TRN-6) ---------------------------------


def package_slots() -> list[tuple[str, int]]:
    """The documents of a package, in order: the completed audit tool, then the Safe Work Practices and the
    Safe Job Procedures (MNT-1: 2 of each)."""
    part = PackagePart
    return [
        (part.AUDIT_TOOL, 1),
        *((part.SAFE_WORK_PRACTICE, n) for n in range(1, rules.SAFE_WORK_PRACTICES + 1)),
        *((part.SAFE_JOB_PROCEDURE, n) for n in range(1, rules.SAFE_JOB_PROCEDURES + 1)),
    ]


def slot_key(part: str, position: int) -> str:
    """The name of a document of a package in forms and uploads: "safe_work_practice_2"."""
    return f"{part}_{position}"


def slot_label(part: str, position: int) -> str:
    """What a document of a package is, for people: "Safe Work Practice 2" (the audit tool is one)."""
    label = PackagePart(part).label
    return label if part == PackagePart.AUDIT_TOOL else f"{label} {position}"


def internal_auditor_problem(person: PersonTraining, *, day: date) -> str | RuleWords | None:
    """MNT-1, TRN-6: why this person cannot have done the company's internal audit on `day`: off the roster,
    or without valid internal auditor status that day (the training alone does not make one)."""
    employee = person.employee
    if not is_employed(start_date=employee.start_date, end_date=employee.end_date, today=day):
        return f"{employee} was not on the company's roster on {long_date(day)}."
    standing, _ = person.standing(CourseCode.SAFETY_AUDITOR, day)
    if not standing.status.counts_as_held:
        why = f" ({standing.note.rstrip('.')})" if standing.note else ""
        return RuleWords(f"{employee} was not a valid internal auditor on {long_date(day)}{why}.", "TRN-6")
    return None


def qualified_internal_auditors(*, company, day: date) -> list[Employee]:
    """MNT-1: the people on the roster who may do the company's internal audit on `day` (three queries)."""
    employees = list(company.employees.order_by("last_name", "first_name", "pk"))
    people = people_training(employees)
    return [employee for employee in employees if internal_auditor_problem(people[employee.pk], day=day) is None]


def packages_in_review() -> QuerySet[MaintenancePackage]:
    """Every maintenance package sent and waiting for its review, whoever reviews it."""
    return MaintenancePackage.objects.filter(review__state=Review.State.SUBMITTED)
