"""Certificates (CERT-1, CERT-2): their validity, numbers and status on a day. Pure: no database."""

import re
import unicodedata
from datetime import date

from dateutil.relativedelta import relativedelta

from secor.dates import Reckoning

CERTIFICATE_YEARS = 3
# Certificate numbers: letters and digits nobody misreads (no 0/O, 1/I/L), 12 of them: 32^12 numbers, so a
# valid one cannot be guessed, and one read aloud or typed from paper comes out right.
CERTIFICATE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CERTIFICATE_CHARACTERS = 12
CERTIFICATE_PREFIX = "SECOR"
# What a person may type around the characters: spaces, dashes of any kind (a word processor's en and em
# dashes), dots. Anything not a letter or a digit.
_NOT_A_CHARACTER = re.compile(r"[\W_]+")


def anniversary_reckoning(issued_on: date, number: int) -> Reckoning:
    """CERT-1, MNT-1: the `number`th anniversary, with its arithmetic; the last one is the certificate's expiry."""
    if number == CERTIFICATE_YEARS:
        condition = "the last day the certificate is valid"
    else:
        condition = "the maintenance package is due by it"
    return Reckoning(issued_on, "the certificate's issue", "CERT-1, MNT-1", number, "years", condition)


def certificate_expiry(issued_on: date) -> date:
    """CERT-1: valid 3 years from the day the audit was completed, through that day (29 Feb: 28 Feb)."""
    return anniversary_reckoning(issued_on, CERTIFICATE_YEARS).on


def anniversary(issued_on: date, year: int) -> date:
    """CERT-1: the anniversary is the issue day each year; 29 February falls on 28 February in other years."""
    return issued_on + relativedelta(years=year - issued_on.year)


def certificate_ended_on(*, issued_on: date, expires_on: date, left_program_on: date | None) -> date | None:
    """CERT-2 (DOMAIN section 8): a certificate is in good standing only while its company is in the program:
    the company's leaving within the certificate's 3 years ends it that day. A leaving before the issue belongs
    to an earlier registration; one after the expiry finds the certificate expired already."""
    if left_program_on is None or not issued_on <= left_program_on <= expires_on:
        return None
    return left_program_on


def certificate_status(
    *, expires_on: date, suspended: bool, today: date, superseded: bool = False, ended_on: date | None = None
) -> str:
    """What a certificate is today (computed, never stored): "superseded" by the next one (RCT-1), "ended" by
    the company leaving the program (CERT-2), "expired", "suspended" (CERT-2) or "valid"."""
    if superseded:
        return "superseded"
    if ended_on is not None and ended_on <= today:
        return "ended"
    if today > expires_on:
        return "expired"
    return "suspended" if suspended else "valid"


def format_certificate_number(characters: str) -> str:
    """ "SECOR-ABCD-EFGH-JKMN": grouped by four for reading."""
    return f"{CERTIFICATE_PREFIX}-" + "-".join(characters[i : i + 4] for i in range(0, len(characters), 4))


def certificate_number_typed(typed: str) -> str | None:
    """CERT-1: the number a person typed, as printed ("SECOR-ABCD-EFGH-JKMN"), in any case, with or without the
    prefix, spaces or dashes of any kind; None when it cannot be a certificate number (a character missing or
    one never used). "SECOR" cannot begin the 12 characters (no O is used), so the prefix is never ambiguous."""
    characters = _NOT_A_CHARACTER.sub("", unicodedata.normalize("NFKC", typed)).upper()
    characters = characters.removeprefix(CERTIFICATE_PREFIX)
    if len(characters) != CERTIFICATE_CHARACTERS or not set(characters) <= set(CERTIFICATE_ALPHABET):
        return None
    return format_certificate_number(characters)
