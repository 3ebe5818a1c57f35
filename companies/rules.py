"""Eligibility and registration rules (DOMAIN.md §1, ELIG-1 … ELIG-6) as pure functions.

No ORM and no request here: callers pass plain values, including "today".
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta

from secor.dates import Reckoning, long_date, outside_dates_problem, too_early_problem
from secor.rule_ids import RuleWords

# ELIG-1: SECOR is for employers with this many Saskatchewan workers or fewer; above it is COR.
MAX_SECOR_WORKERS = 9
# ELIG-5: a de-rolled company may register again this many months after its removal.
REREGISTRATION_WAIT_MONTHS = 6

# A start or end date is entered at most this many years ahead (a hire already agreed, a contract's end).
ROSTER_DATES_AHEAD_YEARS = 1
# ELIG-3/ELIG-4: the COR registration a company expects is at most this many years ahead (later is a typo).
COR_EXPECTED_AHEAD_YEARS = 2
# ELIG-4: a General Contractor's expected workers is a count a person types: a small positive number.
MAX_EXPECTED_WORKERS = 9999

# ELIG-6: WCB Saskatchewan employer account numbers are all digits, 6 to 10 of them (the lengths WCB has
# issued); people type them with spaces or dashes, which are ignored. The form says it, the rule checks it
# and the columns are this long: defined here only.
WCB_ACCOUNT_NUMBER_DIGITS = (6, 10)
_WCB_SEPARATORS = re.compile(r"[\s-]")


class EmploymentType:
    """Kinds of worker on a roster (kept as plain strings so rules stay ORM-free)."""

    OWNER = "owner"
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    CASUAL = "casual"
    SUBCONTRACTOR = "subcontractor"
    CONSULTANT = "consultant"

    CHOICES = [
        (OWNER, "Owner"),
        (FULL_TIME, "Full-time"),
        (PART_TIME, "Part-time"),
        (CASUAL, "Casual"),
        (SUBCONTRACTOR, "Sub-contractor"),
        (CONSULTANT, "Consultant"),
    ]
    # ELIG-1: the kinds the seed lists as counting. Consultants are kept on the roster and counted only
    # when the program setting says so [decision].
    LISTED_AS_COUNTING = frozenset({OWNER, FULL_TIME, PART_TIME, CASUAL, SUBCONTRACTOR})


# ELIG-1 at registration: the workers an applicant declares, by kind and where they work.
WORKER_KINDS = (
    ("owners", "Owners"),
    ("full_time", "Full-time workers"),
    ("part_time", "Part-time workers"),
    ("casual", "Casual workers"),
    ("subcontractors", "Sub-contractors"),
)
WORK_PLACES = (("field", "in the field"), ("office", "in the office"))
DECLARED_WORKER_KEYS = tuple(f"{kind}_{place}" for kind, _ in WORKER_KINDS for place, _ in WORK_PLACES)


def counted_employment_types(*, count_consultants: bool) -> frozenset[str]:
    """ELIG-1: the kinds of worker in the headcount under the current program settings."""
    return EmploymentType.LISTED_AS_COUNTING | ({EmploymentType.CONSULTANT} if count_consultants else frozenset())


def counts_toward_headcount(
    *,
    employment_type: str,
    works_in_saskatchewan: bool,
    start_date: date,
    end_date: date | None,
    today: date,
    counted_types: frozenset[str],
) -> bool:
    """ELIG-1: does this roster entry count as one of the company's Saskatchewan workers today?

    The end date is the last day worked, so a worker still counts on it and not from the day after.
    """
    if employment_type not in counted_types or not works_in_saskatchewan:
        return False
    return is_employed(start_date=start_date, end_date=end_date, today=today)


def is_employed(*, start_date: date, end_date: date | None, today: date) -> bool:
    """Employed from the start date through the end date (the last day worked)."""
    return start_date <= today and (end_date is None or end_date >= today)


def roster_date_problem(day: date | None, *, today: date) -> str | None:
    """A start or end date on the roster: not a typo of long ago, and not more than a year ahead."""
    if problem := too_early_problem(day):
        return problem
    latest = today + relativedelta(years=ROSTER_DATES_AHEAD_YEARS)
    if day is not None and day > latest:
        return f"This is more than a year ahead; enter it when it is known (at the latest {long_date(latest)})."
    return None


def deroll_date_problem(derolled_on: date, *, today: date) -> str | None:
    """ELIG-5 (DOMAIN section 8): a de-roll staff record by hand may be dated earlier than today, never later;
    its wait starts that day."""
    if problem := too_early_problem(derolled_on):
        return problem
    if problem := outside_dates_problem(derolled_on, latest=today):
        return f"A de-roll is never dated after today. {problem} Leave it empty for today."
    return None


def end_date_problem(*, start_date: date | None, end_date: date | None) -> str | None:
    if start_date and end_date and end_date < start_date:
        return f"The end date cannot be before the start date ({long_date(start_date)})."
    return None


def exceeds_secor_limit(worker_count: int) -> bool:
    """ELIG-1/ELIG-3: more than nine workers no longer fits SECOR."""
    return worker_count > MAX_SECOR_WORKERS


def reregistration_reckoning(derolled_on: date) -> Reckoning:
    """ELIG-5: the first day a de-rolled company may register again, with its arithmetic."""
    return Reckoning(
        derolled_on,
        "the de-roll",
        "ELIG-5",
        REREGISTRATION_WAIT_MONTHS,
        "months",
        "the first day the WCB account number may register again",
    )


def reregistration_date(derolled_on: date) -> date:
    """ELIG-5: the first day a de-rolled company may register again."""
    return reregistration_reckoning(derolled_on).on


def may_reregister(*, derolled_on: date | None, today: date) -> bool:
    return derolled_on is None or today >= reregistration_date(derolled_on)


def status_change_summary(*, previous: str, now: str, derolled_on: date | None = None) -> str:
    """The timeline's line of a status change, between two statuses' labels; a de-roll says its day and the
    first day the company may register again (ELIG-5)."""
    summary = f"Status changed from {previous} to {now}"
    if derolled_on is not None:
        summary += (
            f" on {long_date(derolled_on)}; may register again from {long_date(reregistration_date(derolled_on))}"
        )
    return summary


def normalize_wcb_account_number(raw: str) -> str:
    return _WCB_SEPARATORS.sub("", raw or "")


# The company list's search reads one kept column of the names, city and WCB number written as people type them
# in a hurry: no accents, no punctuation, no spaces, in lower case ("Qu'Appelle Électric" is "quappelleelectric",
# "700-0002" is "7000002"): one trigram index answers the search, where an OR of several made PostgreSQL read
# every company. The fields are joined by a character no term keeps, so a term never matches across two of them.
# The WCB number first: a search that must not find it (the public list of certified companies) looks after the
# first separator only.
SEARCHED_FIELDS = ("wcb_account_number", "legal_name", "operating_name", "city")
SEARCH_FIELD_SEPARATOR = "|"


def searchable(text: str) -> str:
    """Text as the company search compares it: accents dropped (é is e), case and punctuation ignored."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed.casefold() if character.isalnum())


def company_search_text(*values: str) -> str:
    """The company's kept search column: the values of its SEARCHED_FIELDS, in that order, each searchable."""
    return SEARCH_FIELD_SEPARATOR.join(searchable(value) for value in values)


def wcb_account_number_format() -> str:
    """ELIG-6: the accepted format, in the words the form shows before anything is typed."""
    low, high = WCB_ACCOUNT_NUMBER_DIGITS
    return f"{low} to {high} digits (spaces and dashes are ignored)"


def wcb_account_number_problem(raw: str) -> str | None:
    """ELIG-6: None when the number is well formed, else what is wrong with it."""
    number = normalize_wcb_account_number(raw)
    low, high = WCB_ACCOUNT_NUMBER_DIGITS
    if not number.isascii() or not number.isdigit() or not low <= len(number) <= high:
        return (
            f"A WCB account number is {wcb_account_number_format()}; "
            "you will find it on your WCB Saskatchewan clearance letter or premium statement."
        )
    return None


@dataclass(frozen=True)
class Refusal:
    rule: str
    message: str


@dataclass(frozen=True)
class Eligibility:
    worker_count: int
    refusals: list[Refusal] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return not self.refusals

    @property
    def must_register_for_cor(self) -> bool:
        return any(refusal.rule in {"ELIG-2", "ELIG-4"} for refusal in self.refusals)


# CERT-2 (DOMAIN section 8): how a company left the program, in the words of a certificate that ended with it.
LEFT_PROGRAM_WORDS = {
    "transferred_to_cor": "transferred to the COR program",
    "withdrawn": "withdrew from SECOR",
    "derolled": "removed for missing a milestone deadline",
}

COR_ADVICE = (
    f"SECOR is for employers with {MAX_SECOR_WORKERS} or fewer Saskatchewan workers. "
    "Register for the SCSA Certificate of Recognition (COR) program, designed for 10 or more workers, instead."
)


def no_longer_qualifies(
    *, worker_count: int, acts_as_general_contractor: bool, expected_workers_as_general_contractor: int | None
) -> list[RuleWords]:
    """ELIG-3, ELIG-4: why a registered company no longer qualifies for SECOR (empty when it does)."""
    reasons = []
    if exceeds_secor_limit(worker_count):
        reasons.append(
            RuleWords(f"It has {worker_count} Saskatchewan workers, more than {MAX_SECOR_WORKERS}.", "ELIG-3")
        )
    if acts_as_general_contractor and exceeds_secor_limit(expected_workers_as_general_contractor or 0):
        reasons.append(
            RuleWords(
                f"As a General Contractor or Management Company it expects to engage "
                f"{expected_workers_as_general_contractor} workers, sub-contractors included.",
                "ELIG-4",
            )
        )
    return reasons


def registration_eligibility(
    *,
    worker_count: int,
    acts_as_general_contractor: bool,
    expected_workers_as_general_contractor: int | None,
    wcb_number_actively_registered: bool,
    derolled_on: date | None,
    today: date,
) -> Eligibility:
    """ELIG-1, -2, -4, -5, -6: may this employer register for SECOR today, and if not, why."""
    refusals = []
    if exceeds_secor_limit(worker_count):
        refusals.append(Refusal("ELIG-2", f"You have {worker_count} Saskatchewan workers. {COR_ADVICE}"))
    if acts_as_general_contractor and exceeds_secor_limit(expected_workers_as_general_contractor or 0):
        refusals.append(
            Refusal(
                "ELIG-4",
                f"As a General Contractor or Management Company you expect to engage "
                f"{expected_workers_as_general_contractor} workers, sub-contractors included. {COR_ADVICE}",
            )
        )
    refusals += wcb_account_refusals(
        actively_registered=wcb_number_actively_registered, derolled_on=derolled_on, today=today
    )
    return Eligibility(worker_count=worker_count, refusals=refusals)


def wcb_account_refusals(*, actively_registered: bool, derolled_on: date | None, today: date) -> list[Refusal]:
    """ELIG-6 and ELIG-5 for the WCB account number being registered."""
    refusals = []
    if actively_registered:
        refusals.append(
            Refusal("ELIG-6", "This WCB account number already has an active SECOR registration or application.")
        )
    if not may_reregister(derolled_on=derolled_on, today=today):
        refusals.append(
            Refusal(
                "ELIG-5",
                f"This company was removed from SECOR on {long_date(derolled_on)}; it can register again "
                f"from {long_date(reregistration_date(derolled_on))}.",
            )
        )
    return refusals
