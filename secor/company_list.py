"""The company list's filters (staff and program auditors), read from a query string and applied in one place for
the list page and its CSV (secor.pages.companies) and the API's companies (secor.api): the same words find the same
companies on both.

The page forgives a value that is none of a filter's own (a link edited by hand: that filter is left off); the API
refuses it, naming the filter, so a partner's typo is not read as "every company"."""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from audits.certificates.selectors import companies_certified_in, companies_with_certificate_ended
from companies import selectors, services
from companies.models import Company
from milestones import rules as milestone_rules
from milestones import selectors as milestone_selectors
from secor import hooks
from secor.freshness import kept_until_changed
from secor.kept_figures import HEADCOUNTS, SUMMARIES, statuses_key
from training import summaries as training_summaries

TRAINING_FILTERS = ("complete", "incomplete")
SEARCH_MAX_LENGTH = 200


@dataclass(frozen=True)
class ListRequest:
    filters: selectors.CompanyFilters
    training: str  # "complete", "incomplete" or "" for either (TRN-9)
    stage: str = ""  # a step of the roadmap (MIL-4), or "" for any
    certificate_ended: bool = False  # only companies whose certificate their leaving the program ended (CERT-2)
    certified_in: date | None = None  # only companies issued a certificate in this month (CERT-1)


@dataclass(frozen=True)
class ReadRequest:
    wanted: ListRequest
    # Each filter given a value that is not one of its own, with what it takes (the API answers them with a 400).
    errors: dict[str, str] = field(default_factory=dict)


def _one_of(values) -> str:
    return f"One of: {', '.join(values)} (or empty for any)."


def list_request(params) -> ReadRequest:
    """The filters of a query string (`request.GET` or DRF's `query_params`); a filter with an unknown value is left
    off and named in the errors."""
    errors: dict[str, str] = {}

    def param(name: str, allowed=None, message: str = "") -> str:
        value = params.get(name, "")  # never a NUL: secor.query.RefuseNulMiddleware answered 400
        if value and allowed is not None and value not in allowed:
            errors[name] = message or _one_of(allowed)
            return ""
        return value

    sorts = sorted(selectors.COMPANY_SORTS)
    sort = param("sort", [*sorts, *(f"-{name}" for name in sorts)], f"One of {', '.join(sorts)}; a leading - reverses.")
    search = params.get("q", "")
    if len(search) > SEARCH_MAX_LENGTH:
        errors["q"] = f"At most {SEARCH_MAX_LENGTH} characters."
    filters = selectors.CompanyFilters(
        search=search,
        status=param("status", Company.Status.values),
        member=param("member", ("yes", "no")),
        over_limit=param("over_limit", ("1",)) == "1",
        sort=(sort or "name").lstrip("-"),
        descending=sort.startswith("-"),
    )
    wanted = ListRequest(
        filters,
        training=param("training", TRAINING_FILTERS),
        stage=param("stage", list(milestone_rules.STAGE_LABELS)),
        certificate_ended=param("certificate", ("ended",)) == "ended",
        certified_in=_month(params.get("certified", "")),
    )
    if params.get("certified") and wanted.certified_in is None:
        errors["certified"] = "A month written YYYY-MM, as 2027-03."
    return ReadRequest(wanted, errors)


def _month(text: str) -> date | None:
    """The first day of the month written "YYYY-MM" (the dashboard's links), or None."""
    try:
        return datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        return None


def companies_listed(*, user, wanted: ListRequest, today: date):
    """The companies `user` sees that the filters find, sorted as asked (the last key the id)."""
    services.headcounts_refresh(today=today)  # only the counts a day has changed since they were kept
    companies = selectors.company_list(user=user, filters=wanted.filters, today=today)
    if wanted.training:
        companies = training_summaries.companies_with_training(
            companies, complete=wanted.training == "complete", today=today
        )
    if wanted.stage:
        companies = milestone_selectors.companies_in_stage(companies, stage=wanted.stage, today=today)
    if wanted.certificate_ended:
        companies = companies_with_certificate_ended(companies, today=today)
    if wanted.certified_in:
        companies = companies_certified_in(companies, month=wanted.certified_in)
    return companies


Topic = hooks.Topic
# What the companies each filter finds are read from (secor.freshness), beyond the companies themselves and their
# statuses (every filter reads the list's scope: an auditor's assignments are the companies' people, COMPANY).
LISTED = (Topic.COMPANY, Topic.COMPANY_STATUS)
# A roadmap stage is read from the training, the reviews, the audits and the letters: every topic of the data.
STAGES = tuple(set(Topic) - {Topic.NOTICES, Topic.ACCOUNTS})
CERTIFICATES = (Topic.AUDITS,)


def _topics(wanted: ListRequest) -> set[hooks.Topic]:
    topics = set(LISTED)
    if wanted.filters.over_limit:
        topics.update(HEADCOUNTS)
    if wanted.training:
        topics.update(SUMMARIES)
    if wanted.stage:
        topics.update(STAGES)
    if wanted.certificate_ended or wanted.certified_in:
        topics.update(CERTIFICATES)
    return topics


def companies_counted(companies, *, user, wanted: ListRequest, today: date) -> int:
    """How many companies `companies_listed` found for these filters, kept until a write to what the filters read
    (counting them all took as long as the rest of the list's SQL): the list's pages count them on every request."""
    scope = "staff" if user.is_program_staff else f"user-{user.pk}"
    asked = hashlib.blake2b(repr((wanted, statuses_key(today))).encode(), digest_size=16).hexdigest()
    key = f"company-list-count:{scope}:{asked}"
    return kept_until_changed({key: (_topics(wanted), companies.count)})[key]
