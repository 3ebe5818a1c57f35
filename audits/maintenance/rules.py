"""The three-year cycle of a certificate (CERT-1, MNT-1, MNT-2): its anniversaries and the maintenance package
due by each, and where a package stands on a day. Pure: no database."""

from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from audits.certificates.rules import CERTIFICATE_YEARS, anniversary

# MNT-2: the company is notified this many days before each anniversary.
ANNIVERSARY_NOTICE_DAYS = 90


def anniversaries(issued_on: date) -> list[date]:
    """CERT-1: a certificate's anniversaries, one per year of its validity; the last is its expiry day."""
    return [anniversary(issued_on, issued_on.year + number) for number in range(1, CERTIFICATE_YEARS + 1)]


def maintenance_due(number: int) -> bool:
    """MNT-1: a maintenance package is due by each anniversary but the last: by then the re-certification audit
    (RCT-1) renews the certificate, and a package for a certificate ending that day would keep nothing valid."""
    return number < CERTIFICATE_YEARS


def anniversary_notice_on(anniversary_on: date) -> date:
    """MNT-2: "90 days before D" is D - 90 days."""
    return anniversary_on - timedelta(days=ANNIVERSARY_NOTICE_DAYS)


def year_starts_on(*, issued_on: date, number: int) -> date:
    """The first day of the certificate's `number`th year: the day after the previous anniversary (the last day
    of a year, as an expiry is), the issue day for the first. MNT-1: that year's package is sent from then."""
    return issued_on if number == 1 else issued_on + relativedelta(years=number - 1) + timedelta(days=1)


# MNT-1: the year's package holds the completed audit tool and these many of each.
SAFE_WORK_PRACTICES = 2
SAFE_JOB_PROCEDURES = 2


class Maintenance(StrEnum):
    """MNT-1: where a year's maintenance package stands on a day."""

    TO_COME = "to come"  # its year has not started
    DUE = "due"
    IN_REVIEW = "in review"
    RETURNED = "returned"  # for corrections: correct and resubmit by the end of the window (DOMAIN section 8)
    ACCEPTED = "accepted"
    OVERDUE = "overdue"  # the company's step came late: the certificate is at risk (CERT-2, staff decide)


# MNT-1 (DOMAIN section 8): the company's next step for a year's package is owed by a day ("owed by", the last
# day that counts), kept on the anniversary so the lists of packages overdue read one column. It starts as the
# anniversary; a package sent by then is in time and nothing is owed while SCSA reviews it, however long that
# takes; a return owes the correction within a window counted from it. A step taken late leaves the day it
# missed in place: the package stays overdue until SCSA accepts it.


def maintenance_owed_by_first(*, number: int, anniversary_on: date) -> date | None:
    """What an anniversary owes when its certificate is issued: its package by the anniversary itself, nothing
    by the last (the re-certification audit renews the certificate by it)."""
    return anniversary_on if maintenance_due(number) else None


def maintenance_owed_by_after_sending(*, owed_by: date | None, sent_on: date) -> date | None:
    """MNT-1: a package (or its correction) sent on or before the day it was owed by is in time: nothing more
    is owed until SCSA decides. Sent later, the missed day stays."""
    return None if owed_by is None or sent_on <= owed_by else owed_by


def maintenance_owed_by_after_return(*, owed_by: date | None, returned_on: date, correction_days: int) -> date:
    """MNT-1: a package in time when SCSA returns it is owed corrected within `correction_days` days of the
    return (program setting); one already late stays owed by the day it missed."""
    return returned_on + timedelta(days=correction_days) if owed_by is None else owed_by


def maintenance_state(*, opens_on: date, owed_by: date | None, review_state: str, today: date) -> Maintenance:
    """MNT-1 on `today`: accepted (at any time) ends it; otherwise overdue from the day after the day the
    company's step was owed by (`owed_by`, see above), else where its review stands. `review_state` is the
    package's review state, "" when none was sent."""
    if review_state == "accepted":
        return Maintenance.ACCEPTED
    if owed_by is not None and today > owed_by:
        return Maintenance.OVERDUE
    if review_state:
        return Maintenance.IN_REVIEW if review_state == "submitted" else Maintenance.RETURNED
    return Maintenance.DUE if today >= opens_on else Maintenance.TO_COME
