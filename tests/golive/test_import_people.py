"""Importing SCSA's people: each company's users (invited, matched by email, no password sent), its roster (matched by
the company and the name) and their training records (verified, matched by certificate number); a row naming a company
or a person SECOR does not have is refused by its line and column."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail

from audits.invoices.models import Invoice, InvoiceCounter
from companies.models import Employee, Membership
from milestones.models import MilestoneLetter
from milestones.services import letters_settle_expired
from secor.core.models import User
from secor.timeline.models import Event
from tests.factories import CompanyFactory, EmployeeFactory
from training.models import TrainedEmployee, TrainingRecord

USERS = "WCB account number,Email,First name,Last name,Owner\n"
ROSTER = (
    "WCB account number,First name,Last name,Email,Type,Permanent,Works in Saskatchewan,Field or office,"
    "Start date,End date\n"
)


@pytest.fixture
def roofing(db):
    return CompanyFactory(wcb_account_number="1234567", legal_name="Moose Jaw Roofing Ltd.")


def test_users_are_invited_without_a_password_and_a_second_import_changes_nothing(staff, roofing):
    text = USERS + "1234567,Pat@MJRoofing.example,Pat,Owner,yes\n1234567,lee@mjroofing.example,Lee,Clerk,no\n"
    run = staff.imported("users", text)
    assert (run.state, run.counts["new"]) == ("imported", 2)
    pat = User.objects.get(email="pat@mjroofing.example")
    assert (pat.role, pat.has_usable_password()) == ("employer", False)
    assert (
        Membership.objects.get(user=pat).is_owner and Membership.objects.get(user__first_name="Lee").company == roofing
    )
    assert not mail.outbox  # no password mail until go-live
    assert Event.objects.filter(company=roofing, kind="imported").count() == 2
    assert staff.imported("users", text).counts == {"new": 0, "changed": 0, "unchanged": 2}
    corrected = staff.imported("users", text.replace("Lee,Clerk,no", "Lee,Clerk,yes"))
    assert corrected.counts == {"new": 0, "changed": 1, "unchanged": 1}
    assert Membership.objects.get(user__first_name="Lee").is_owner


def test_elig_6_a_user_or_roster_row_naming_no_company_is_refused_by_line_and_column(staff, roofing, staff_user):
    run = staff.imported(
        "users", USERS + f"1234567,ok@mj.example,,,no\n9999999,x@mj.example,,,no\n1234567,{staff_user.email},,,no\n"
    )
    found = {(problem["line"], problem["column"], problem["rule"]) for problem in run.problems}
    assert found == {(3, "WCB account number", "ELIG-6"), (4, "Email", "")}
    assert not User.objects.filter(email="ok@mj.example").exists()  # the check saves nothing
    roster = staff.imported("roster", ROSTER + "9999999,Ann,Lee,,Full-time,yes,yes,field,2024-01-08,\n")
    assert {(p["line"], p["column"], p["rule"]) for p in roster.problems} == {(2, "WCB account number", "ELIG-6")}


def test_elig_1_the_roster_is_imported_matched_by_name_and_counted(staff, roofing):
    text = ROSTER + (
        "1234567,Ann,Lee,ann@mj.example,Full-time,yes,yes,field,2024-01-08,\n"
        "1234567,Bo,Ray,,Consultant,no,yes,office,2024-02-01,\n"
        "1234567,Cy,Fox,,Casual,no,yes,field,2024-03-01,2024-02-01\n"
    )
    broken = staff.imported("roster", text)
    assert {(p["line"], p["column"], p["rule"]) for p in broken.problems} == {(4, "End date", "ELIG-1")}
    assert not Employee.objects.exists()
    run = staff.imported("roster", text.replace("2024-03-01,2024-02-01", "2024-03-01,"))
    assert (run.state, run.counts["new"]) == ("imported", 3)
    again = staff.imported(
        "roster", text.replace("2024-03-01,2024-02-01", "2024-03-01,").replace("Ann,Lee,ann", "ANN,LEE,ann")
    )
    assert again.counts == {"new": 0, "changed": 1, "unchanged": 2}  # Ann's name, found whatever its case
    assert Employee.objects.filter(company=roofing).count() == 3
    roofing.refresh_from_db()
    assert roofing.counted_workers == 2  # ELIG-1: the consultant is kept and not counted


TRAINING = "WCB account number,First name,Last name,Course,Completed on,Certificate number,Expires on\n"


def test_trn_training_records_are_imported_verified_and_matched_by_certificate_number(staff, roofing):
    ann = EmployeeFactory(company=roofing, first_name="Ann", last_name="Lee", email="ann@mj.example")
    broken = staff.imported(
        "training",
        TRAINING
        + "1234567,Ann,Lee,Safety Management,2024-01-08,SM-1,\n"
        + "1234567,Zed,Nobody,Safety Management,2024-01-08,SM-2,\n"  # line 3: not on the roster
        + "1234567,Ann,Lee,Basket weaving,2024-01-08,BW-1,\n"  # line 4: no such course
        + "1234567,Ann,Lee,Safety Auditor Training,2999-01-01,SAT-1,\n"  # line 5: in the future
        + "1234567,Ann,Lee,Safety Auditor Training,2024-03-01,SAT-1,2027-01-01\n",  # line 6: only ESC ones expire
    )
    found = {(p["line"], p["column"], p["rule"]) for p in broken.problems}
    assert found == {
        (3, "First name", "TRN-1"),
        (4, "Course", "TRN-3"),
        (5, "Completed on", ""),
        (6, "Expires on", "TRN-8"),
    }
    assert not TrainingRecord.objects.exists()

    text = TRAINING + "1234567,Ann,Lee,Safety Management,2024-01-08,SM-1,\n"
    run = staff.imported("training", text)
    assert (run.state, run.counts["new"]) == ("imported", 1)
    record = TrainingRecord.objects.get(employee=ann)
    assert (record.status, record.review.accepted_on) == (TrainingRecord.Status.VERIFIED, date(2024, 1, 8))
    assert staff.imported("training", text).counts == {"new": 0, "changed": 0, "unchanged": 1}
    corrected = staff.imported("training", text.replace("2024-01-08", "2024-01-09"))
    assert corrected.counts == {"new": 0, "changed": 1, "unchanged": 0}
    assert TrainingRecord.objects.get().completed_on == date(2024, 1, 9)


LETTERS = "WCB account number,Milestone,Issued on,Expires on,Met,Met on\n"


def test_mil_3_imported_letters_are_history_and_the_next_sweep_does_not_de_roll_them_again(staff, roofing):
    gone = CompanyFactory(wcb_account_number="7654321", status="derolled", derolled_on=date(2025, 3, 2))
    CompanyFactory(wcb_account_number="5555555")  # registered, its letter expired unmet: SCSA must say which
    text = LETTERS + (
        "1234567,1,2024-01-10,2025-01-10,yes,2024-11-30\n"  # met
        "1234567,2,2024-12-01,2099-07-10,no,\n"  # open: the sweep settles it at its expiry
        "7654321,1,2024-03-01,2025-03-01,no,\n"  # expired unmet: de-rolled, as the companies file says
    )
    broken = staff.imported("letters", text + "5555555,1,2024-03-01,2025-03-01,no,\n")
    assert {(p["line"], p["column"], p["rule"]) for p in broken.problems} == {(5, "Expires on", "MIL-3")}
    assert not MilestoneLetter.objects.exists()

    run = staff.imported("letters", text)
    assert (run.state, run.counts["new"]) == ("imported", 3)
    settled = dict(MilestoneLetter.objects.values_list("company_id", "settled").filter(milestone=1))
    assert settled == {roofing.pk: "met", gone.pk: "derolled"}
    assert MilestoneLetter.objects.get(company=roofing, milestone=2).settled == ""
    assert letters_settle_expired().derolled == []  # nothing to de-roll again
    gone.refresh_from_db()
    assert (gone.status, gone.derolled_on) == ("derolled", date(2025, 3, 2))  # as SCSA's records say
    assert staff.imported("letters", text).counts == {"new": 0, "changed": 0, "unchanged": 3}


DESIGNATIONS = "WCB account number,Course,Place,First name,Last name\n"


def test_trn_1_trn_2_trained_employees_are_imported_as_the_chart_checks_them(staff, roofing):
    EmployeeFactory(company=roofing, first_name="Ann", last_name="Lee", email="ann@mj.example")
    EmployeeFactory(company=roofing, first_name="Bo", last_name="Ray", email="", employment_type="casual")
    text = DESIGNATIONS + "1234567,Safety Management,1,Ann,Lee\n"
    broken = staff.imported("designations", text + "1234567,Safety Management,2,Bo,Ray\n1234567,SCOT,1,Ann,Lee\n")
    found = {(p["line"], p["column"], p["rule"]) for p in broken.problems}
    assert found == {(3, "First name", "TRN-1"), (4, "Course", "TRN-3")}
    run = staff.imported("designations", text)
    assert (run.state, run.counts["new"]) == ("imported", 1)
    assert TrainedEmployee.objects.get(company=roofing).employee.first_name == "Ann"
    assert staff.imported("designations", text).counts == {"new": 0, "changed": 0, "unchanged": 1}


INVOICES = (
    "Invoice number,WCB account number,For,Description,Amount,GST,Issued on,Due on,State,Paid on,Paid by,"
    "Payment reference,Void because\n"
)


def test_aud_6_invoices_paid_or_owed_keep_their_numbers_and_the_next_one_follows(staff, roofing):
    text = INVOICES + (
        "1041,1234567,Registration fee,Registration fee,250.00,12.50,2025-03-01,2025-03-31,Paid,2025-03-15,Cheque,"
        "#88,\n"
        '1042,1234567,Audit fee,Baseline audit,"$1,500.00",75,2025-09-01,2025-10-01,Issued,,,,\n'
    )
    broken = staff.imported("invoices", text.replace("Paid,2025-03-15", "Paid,").replace('"$1,500.00"', "lots"))
    assert {(p["line"], p["column"]) for p in broken.problems} == {(2, "Paid on"), (3, "Amount")}
    run = staff.imported("invoices", text)
    assert (run.state, run.counts["new"]) == ("imported", 2)
    owed = Invoice.objects.get(number=1042)
    assert (owed.total, owed.state, owed.reference) == (Decimal("1575.00"), "issued", "SCSA-001042")
    assert InvoiceCounter.objects.get().last == 1042  # SECOR's next invoice is 1043
