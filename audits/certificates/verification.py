"""Public verification (CERT-1, CERT-2) as data: what `/verify/` shows of a certificate, for the bulk page and the
partners' API. A certificate is looked up by its number, or as a company's current certificate by the company's WCB
account number; a list of up to 1,000 of either, typed however people type them, is answered in a few queries."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from audits.certificates import rules
from audits.certificates.models import Certificate
from companies import rules as company_rules

# What one request may ask about (the bulk page and the API): a prime contractor's whole list of sub-contractors.
MOST_NUMBERS = 1000
CERTIFICATE, WCB, NOT_A_NUMBER = "certificate", "wcb", "not-a-number"
# The statuses a verification answers: the certificate's (rules.certificate_status), or none found.
UNKNOWN = "unknown"
STATUSES = ("valid", "suspended", "superseded", "expired", "ended", UNKNOWN)


@dataclass(frozen=True)
class Verification:
    """One line of a verification: what was typed, how it was read, and what `/verify/` shows of the certificate
    it names (nothing else about the company)."""

    typed: str
    kind: str  # CERTIFICATE, WCB or NOT_A_NUMBER
    number: str  # as printed (a certificate number) or as kept (a WCB number); "" when not a number
    status: str  # one of STATUSES
    certificate_number: str = ""
    company_name: str = ""
    operating_name: str = ""
    city: str = ""
    issued_on: date | None = None
    expires_on: date | None = None
    suspended_on: date | None = None
    superseded_by: str = ""
    superseded_on: date | None = None
    ended_on: date | None = None
    ended_how: str = ""

    @property
    def found(self) -> bool:
        return self.status != UNKNOWN


def read_number(typed: str) -> tuple[str, str]:
    """(kind, number): a certificate number as printed (CERT-1: any case, with or without the prefix, spaces or
    dashes), else a WCB account number of 6 to 10 digits (ELIG-6: spaces and dashes ignored). The two never
    overlap: a certificate number has 12 characters."""
    if (certificate := rules.certificate_number_typed(typed)) is not None:
        return CERTIFICATE, certificate
    if company_rules.wcb_account_number_problem(typed) is None:
        return WCB, company_rules.normalize_wcb_account_number(typed)
    return NOT_A_NUMBER, ""


def split_numbers(text: str) -> list[str]:
    """The numbers of a pasted list or a spreadsheet saved as CSV: one a line, or separated by commas, semicolons or
    tabs. Entries without a digit (a heading, a company's name beside its number) are left out, unless they read as
    a certificate number; anything else that is not a number stays, to be answered "not a number"."""
    entries = (entry.strip().strip('"').strip() for line in text.splitlines() for entry in _split_line(line))
    return [
        entry
        for entry in entries
        if entry and (any(character.isdigit() for character in entry) or read_number(entry)[0] == CERTIFICATE)
    ]


def _split_line(line: str) -> list[str]:
    for separator in (",", ";", "\t"):
        line = line.replace(separator, "\n")
    return line.split("\n")


def verify_numbers(typed: Iterable[str], *, today: date) -> list[Verification]:
    """Each typed number's verification on `today`, in the order typed: the certificates by number in one query,
    the companies' current certificates by WCB number in another (the latest issued not superseded)."""
    lines = [(text, *read_number(text)) for text in typed]
    # As `/verify/<number>/` does, a certificate whose number is exactly what was typed is found too.
    lines = [
        (text, CERTIFICATE, text.strip()) if kind == NOT_A_NUMBER else (text, kind, number)
        for text, kind, number in lines
    ]
    by_number = {
        certificate.number: certificate
        for certificate in Certificate.objects.select_related("company", "superseded_by").filter(
            number__in={number for _, kind, number in lines if kind == CERTIFICATE}
        )
    }
    lines = [
        (text, NOT_A_NUMBER, "")
        if kind == CERTIFICATE and number not in by_number and read_number(text)[0] != CERTIFICATE
        else (text, kind, number)
        for text, kind, number in lines
    ]
    wcb_numbers = {number for _, kind, number in lines if kind == WCB}
    by_wcb = {}
    if wcb_numbers:
        # A company has one certificate not superseded, or a few when an earlier registration left one: the
        # latest issued is its current one (the first of each company's in this order).
        current = (
            Certificate.objects.select_related("company", "superseded_by")
            .filter(company__wcb_account_number__in=wcb_numbers, superseded_by__isnull=True)
            .order_by("-issued_on", "-pk")
        )
        for certificate in current:
            by_wcb.setdefault(certificate.company.wcb_account_number, certificate)
    found = {CERTIFICATE: by_number, WCB: by_wcb}
    return [
        _verification(text, kind, number, found[kind].get(number) if kind in found else None, today)
        for text, kind, number in lines
    ]


def verify_number(typed: str, *, today: date) -> Verification:
    return verify_numbers([typed], today=today)[0]


def _verification(typed: str, kind: str, number: str, certificate: Certificate | None, today: date) -> Verification:
    if certificate is None:
        return Verification(typed=typed, kind=kind, number=number, status=UNKNOWN)
    company = certificate.company
    status = certificate.status(today)
    ended_on = certificate.ended_on(today) if status == "ended" else None
    superseding = certificate.superseded_by
    return Verification(
        typed=typed,
        kind=kind,
        number=number,
        status=status,
        certificate_number=certificate.number,
        company_name=company.legal_name,
        operating_name=company.operating_name if company.operating_name != company.legal_name else "",
        city=company.city,
        issued_on=certificate.issued_on,
        expires_on=certificate.expires_on,
        suspended_on=certificate.suspended_on if status == "suspended" else None,
        superseded_by=superseding.number if superseding else "",
        superseded_on=superseding.issued_on if superseding else None,
        ended_on=ended_on,
        ended_how=company.status_on(today).left_program_words if ended_on else "",
    )
