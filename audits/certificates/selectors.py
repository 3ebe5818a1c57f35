"""Reads of the certificates (CERT-1, CERT-2): a company's, the public verification and list, the ones a
leaving ended, and the dashboard's figures."""

import statistics
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.core.paginator import Page
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.shortcuts import get_object_or_404

from audits.certificates.models import Certificate, Purpose, certificate_ended, certificate_ended_alternatives
from companies import rules as company_rules
from companies.models import Application, Company
from companies.selectors import left_program_on_expression
from secor import hooks
from secor.aggregates import Median
from secor.dates import Period
from secor.freshness import kept_until_changed
from secor.paging import paged


def certificates_of(*, company) -> list[Certificate]:
    return list(company.certificates.select_related("document", "audit", "superseded_by").order_by("-issued_on", "-pk"))


def certificate_get_for_company(*, company, pk: int) -> Certificate:
    return get_object_or_404(Certificate.objects.filter(company=company).select_related("company"), pk=pk)


def certificate_by_number(number: str) -> Certificate | None:
    """The certificate with this number as printed (public verification: rules.certificate_number_typed reads
    what a person typed)."""
    return Certificate.objects.select_related("company", "superseded_by").filter(number=number).first()


# What the public list reads: the certificates (and audits), the companies' leaving the program, and their names
# and cities. The de-rolls due, which also end certificates (CERT-2), are applied to the kept list at each request.
CERTIFIED_LIST_TOPICS = (hooks.Topic.AUDITS, hooks.Topic.COMPANY_STATUS, hooks.Topic.COMPANY)


def certified_certificate_ids(*, today: date, search: str = "") -> list[int]:
    """The public list: the ids of the listed certificates valid today (not suspended, superseded, ended or
    expired), by company name. Every visitor reads the same list, so it is kept until a write to what it reads:
    a page of it is then one query by id (sorting the 11,000 certificates by their companies' names took most
    of a request)."""
    searchable = company_rules.searchable(search)
    key = f"certified-certificates:{searchable}"
    kept = kept_until_changed({key: (CERTIFIED_LIST_TOPICS, lambda: _certified_as_recorded(today, searchable))})[key]
    due = hooks.derolls_due(today=today)
    # A de-roll due ends the certificate whose years it falls in, as if recorded (certificate_ended).
    return [
        pk
        for pk, company_id, issued, expires, ended in kept
        if not (issued <= due[company_id].toordinal() <= expires if company_id in due else ended)
    ]


def certified_page(*, today: date, search: str, number, per_page: int) -> Page:
    """Page `number` of the public list, its certificates with their companies."""
    keys = certified_certificate_ids(today=today, search=search)
    return paged(Certificate.objects.select_related("company"), number, per_page, keys=keys)


def _certified_as_recorded(today: date, searchable: str) -> list[tuple[int, int, int, int, bool]]:
    """Each listed certificate valid today but for its company leaving the program, in the list's order: its id,
    its company's, its first and last days (as ordinals: the list is kept, and small ints keep it small), and
    whether a recorded leaving ended it."""
    found = Certificate.objects.filter(
        listed=True, suspended_on__isnull=True, superseded_by__isnull=True, expires_on__gte=today, issued_on__lte=today
    ).annotate(ended=ExpressionWrapper(certificate_ended(today=None), output_field=BooleanField()))
    if searchable:
        # As the company list searches (accents and punctuation ignored: "quappelle" finds "Qu'Appelle"), but by
        # name and city only, after the WCB number that leads the column: the public list never reveals it.
        found = found.filter(company__search_text__regex=rf"\{company_rules.SEARCH_FIELD_SEPARATOR}.*{searchable}")
    return [
        (pk, company_id, issued.toordinal(), expires.toordinal(), ended)
        for pk, company_id, issued, expires, ended in found.order_by("company__legal_name", "pk").values_list(
            "pk", "company_id", "issued_on", "expires_on", "ended"
        )
    ]


def certificate_figures(*, today: date, months: int) -> tuple[list[tuple[date, int]], float | None]:
    """Certificates issued in each of the last `months` months, and the median months from registration to
    the first certificate of the companies certified in those months: one query, bounded by the window
    (over every certificate ever issued it would grow with the program)."""
    since = today.replace(day=1) - relativedelta(months=months - 1)
    issued = (
        Certificate.objects.filter(issued_on__gte=since)
        .order_by()
        .values_list("issued_on", "audit__purpose", "company__registration_date")
    )
    counts, spans = {}, []
    for issued_on, purpose, registered in issued:
        month = issued_on.replace(day=1)
        counts[month] = counts.get(month, 0) + 1
        if purpose == Purpose.BASELINE and registered is not None:
            spans.append(
                (issued_on.year - registered.year) * 12
                + issued_on.month
                - registered.month
                + (issued_on.day - registered.day) / 31
            )
    per_month, month = [], since
    while month <= today:
        per_month.append((month, counts.get(month, 0)))
        month += relativedelta(months=1)
    return per_month, (statistics.median(spans) if spans else None)


def certificates_ended_by_leaving(*, today: date) -> QuerySet[Certificate]:
    """CERT-2: the current certificates still within their 3 years whose company left the program (transfer to
    COR, withdrawal, de-roll), the latest leaving first."""
    return (
        Certificate.objects.filter(certificate_ended(today=today), superseded_by__isnull=True, expires_on__gte=today)
        .alias(left_program_on=left_program_on_expression(today=today))
        .select_related("company")
        .order_by("-left_program_on", "company__legal_name", "pk")
    )


def companies_certified_in(companies: QuerySet[Company], *, month: date) -> QuerySet[Company]:
    """CERT-1: the companies of `companies` issued a certificate in `month` (the dashboard's certificates per
    month, each a certificate, as certificate_figures counts them)."""
    issued = Certificate.objects.filter(issued_on__gte=month, issued_on__lt=month + relativedelta(months=1)).values(
        "company_id"
    )
    return companies.filter(pk__in=issued)


def companies_with_certificate_ended(companies: QuerySet[Company], *, today: date) -> QuerySet[Company]:
    """The companies of `companies` with a certificate of certificates_ended_by_leaving (the dashboard's figure),
    found by the union of the ways a certificate ends."""
    current = Certificate.objects.filter(superseded_by__isnull=True, expires_on__gte=today).order_by()
    ended = [
        current.filter(alternative).values("company_id") for alternative in certificate_ended_alternatives(today=today)
    ]
    return companies.filter(pk__in=ended[0].union(*ended[1:], all=True))


def certificates_in(period: Period) -> dict[str, int]:
    """The program report: certificates issued (a first one, MIL-2), renewed (RCT-1), suspended and ended by
    leaving the program (CERT-2, as recorded) in the period, in one query."""
    issued = Q(**period.days("issued_on"))
    return Certificate.objects.aggregate(
        issued=Count("pk", filter=issued & Q(audit__purpose=Purpose.BASELINE)),
        renewed=Count("pk", filter=issued & Q(audit__purpose=Purpose.RECERTIFICATION)),
        suspended=Count("pk", filter=Q(**period.days("suspended_on"))),
        ended=Count("pk", filter=certificate_ended(today=None) & Q(**period.days("company__left_program_on"))),
    )


def first_certifications_in(period: Period, *, ceilings_days: Sequence[int | None]) -> dict:
    """The program report: the first certificates issued in the period (MIL-2) and the time each took from the
    company's registration, in one query: how many (`issued`), the median time (`median`, a duration), and
    `buckets`, how many took at most each of `ceilings_days` (None: no limit) and more than the one before (than
    nothing at first)."""
    took = ExpressionWrapper(F("issued_on") - F("company__registration_date"), output_field=DurationField())
    floors = [Q(took__gte=timedelta(0)), *(Q(took__gt=timedelta(days=days)) for days in ceilings_days[:-1])]
    ceilings = [Q(took__lte=timedelta(days=days)) if days is not None else Q() for days in ceilings_days]
    counts = (
        Certificate.objects.filter(
            audit__purpose=Purpose.BASELINE, company__registration_date__isnull=False, **period.days("issued_on")
        )
        .annotate(took=took)
        .aggregate(
            issued=Count("pk"),
            median=Median("took"),
            **{
                f"bucket_{n}": Count("pk", filter=floor & ceiling)
                for n, (floor, ceiling) in enumerate(zip(floors, ceilings, strict=True))
            },
        )
    )
    return {
        "issued": counts["issued"],
        "median": counts["median"],
        "buckets": [counts[f"bucket_{n}"] for n in range(len(ceilings_days))],
    }


# The stages of the program report, in the order a company goes through them (and leaves).
STAGES_ON_A_DAY = {
    "applied": "Applied, not yet decided",
    "declined": "Declined",
    "registered": "Registered, not yet certified",
    "certified": "Certified",
    "suspended": "Certificate suspended",
    "expired": "Certificate expired, not re-certified",
    "derolled": "De-rolled",
    "left": "Withdrawn or transferred to COR",
}


def _stage_on(day: date) -> Case:
    """A company's stage on `day`, as recorded (a de-roll the nightly job has not recorded yet is not counted)."""
    certificates = Certificate.objects.filter(company=OuterRef("pk"), issued_on__lte=day)
    declined = Application.objects.filter(
        company=OuterRef("pk"), decision=Application.Decision.DECLINED, decided_at__lt=Period(day, day).ends_before
    )
    return Case(
        When(Q(derolled_on__lte=day) & ~Q(lifted_deroll_on__lte=day), then=Value("derolled")),
        When(left_program_on__lte=day, then=Value("left")),
        When(Exists(certificates.filter(expires_on__gt=day).exclude(suspended_on__lte=day)), then=Value("certified")),
        When(Exists(certificates.filter(expires_on__gt=day)), then=Value("suspended")),
        When(Exists(certificates), then=Value("expired")),
        When(registration_date__lte=day, then=Value("registered")),
        When(Exists(declined), then=Value("declined")),
        default=Value("applied"),
    )


def stages_at(period: Period) -> dict[str, tuple[int, int]]:
    """The program report: how many companies were at each stage on the first and on the last day of the period
    (of the companies SECOR knew of by the end of each day), in one query: the companies counted by their pair of
    stages, each stage worked out once per company."""
    known_on_first_day = Q(created_at__lt=Period(period.first, period.first).ends_before)
    pairs = (
        Company.objects.filter(created_at__lt=period.ends_before)
        .annotate(
            at_start=Case(When(known_on_first_day, then=_stage_on(period.first)), default=None),
            at_end=_stage_on(period.last),
        )
        .values("at_start", "at_end")
        .annotate(companies=Count("pk"))
        .order_by()
    )
    start, end = Counter(), Counter()
    for pair in pairs:
        start[pair["at_start"]] += pair["companies"]
        end[pair["at_end"]] += pair["companies"]
    return {key: (start[key], end[key]) for key in STAGES_ON_A_DAY}
