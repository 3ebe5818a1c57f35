"""Importing the milestone letters of a company that registered again (MIL-1): those of its earlier registration are
its history, matched by their issue day, settled as they ended; a letter said earlier but issued since the company's
registration is refused by its line and column, and nothing is saved."""

from datetime import date

from milestones.models import MilestoneLetter
from milestones.services import letters_settle_expired
from tests.factories import CompanyFactory

LETTERS = "WCB account number,Milestone,Issued on,Expires on,Met,Met on,Earlier registration\n"


def test_mil_1_the_letters_of_an_earlier_registration_are_imported_as_its_history(staff):
    again = CompanyFactory(wcb_account_number="1234567", registration_date=date(2026, 5, 1))
    text = LETTERS + (
        "1234567,1,2024-03-01,2025-03-01,no,,yes\n"  # expired unmet: the de-roll it brought
        "1234567,1,2023-01-10,2024-01-10,yes,2023-11-30,yes\n"  # an earlier registration still: met
        "1234567,1,2026-05-01,2027-05-01,no,,no\n"  # the current registration's
    )
    broken = staff.imported("letters", text + "1234567,2,2026-06-01,2027-05-01,no,,yes\n")
    assert {(p["line"], p["column"], p["rule"]) for p in broken.problems} == {(5, "Earlier registration", "MIL-1")}
    assert not MilestoneLetter.objects.exists()

    run = staff.imported("letters", text)
    assert (run.state, run.counts["new"]) == ("imported", 3)
    letters = MilestoneLetter.objects.filter(company=again).order_by("issued_on")
    assert [(letter.earlier_registration, letter.settled, letter.settled_on) for letter in letters] == [
        (True, "met", date(2023, 11, 30)),
        (True, "derolled", date(2025, 3, 2)),  # the day after its expiry (MIL-3)
        (False, "", None),
    ]
    assert letters_settle_expired().derolled == []  # history, read by no rule
    assert staff.imported("letters", text).counts == {"new": 0, "changed": 0, "unchanged": 3}
