"""Importing SCSA's maintenance packages accepted (MNT-1), by certificate number and anniversary year: the anniversary
is maintained on the day SCSA accepted its package, by an internal auditor valid on the internal audit's day (TRN-6);
a broken file saves nothing."""

from datetime import date

from audits.maintenance.models import Anniversary, MaintenancePackage
from tests.factories import AuditorFactory, CompanyFactory, EmployeeFactory, TrainingRecordFactory
from tests.golive.test_import_audits import AUDITS, CERTIFICATES, audit_rows
from training.models import Course
from training.rules import CourseCode

PACKAGES = (
    "Certificate number,Anniversary year,Internal auditor first name,Internal auditor last name,Internal audit on,"
    "Submitted on,Accepted on\n"
)


def test_mnt_1_maintenance_packages_accepted_maintain_their_anniversary(staff, db):
    AuditorFactory(email="sam@scsa.example")
    roofing = CompanyFactory(wcb_account_number="1234567")
    ann = EmployeeFactory(company=roofing, first_name="Ann", last_name="Lee", start_date=date(2020, 1, 6))
    EmployeeFactory(company=roofing, first_name="Bo", last_name="Ray", start_date=date(2020, 1, 6))
    for code, day in (
        (CourseCode.SAFETY_MANAGEMENT, date(2024, 9, 1)),
        (CourseCode.SAFETY_AUDITOR, date(2025, 1, 10)),
        (CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2025, 4, 1)),
    ):
        TrainingRecordFactory(employee=ann, course=Course.objects.get(code=code), completed_on=day)
    staff.imported("audits", AUDITS + audit_rows("1234567", "2025-06-02"))
    staff.imported("certificates", CERTIFICATES + "1234567,SCSA-2025-0042,2025-06-02\n")

    text = PACKAGES + "SCSA-2025-0042,2026,Ann,Lee,2026-04-01,2026-04-15,2026-05-01\n"
    broken = staff.imported(
        "maintenance",
        text
        + "SCSA-2025-9999,2026,Ann,Lee,2026-04-01,2026-04-15,2026-05-01\n"  # line 3: no such certificate
        + "SCSA-2025-0042,2028,Ann,Lee,2026-04-01,2026-04-15,2026-05-01\n"  # line 4: the expiry owes no package
        + "SCSA-2025-0042,2027,Bo,Ray,2026-04-01,2026-04-15,2026-05-01\n",  # line 5: not an internal auditor
    )
    found = {(p["line"], p["column"], p["rule"]) for p in broken.problems}
    assert found == {
        (3, "Certificate number", "CERT-1"),
        (4, "Anniversary year", "MNT-1"),
        (5, "Internal auditor first name", "TRN-6"),
    }
    assert not MaintenancePackage.objects.exists()

    run = staff.imported("maintenance", text)
    assert (run.state, run.counts["new"]) == ("imported", 1)
    package = MaintenancePackage.objects.get()
    assert (package.internal_auditor, package.review.state, package.review.accepted_on) == (
        ann,
        "accepted",
        date(2026, 5, 1),
    )
    maintained = dict(Anniversary.objects.values_list("number", "maintained_on"))
    assert maintained == {1: date(2026, 5, 1), 2: None, 3: None}
    assert staff.imported("maintenance", text).counts == {"new": 0, "changed": 0, "unchanged": 1}
    assert (
        staff.imported("maintenance", staff.exported("maintenance")).counts["unchanged"] == 1
    )  # SECOR's data, downloaded
    corrected = staff.imported("maintenance", text.replace("2026-05-01", "2026-05-04"))
    assert corrected.counts == {"new": 0, "changed": 1, "unchanged": 0}
    assert Anniversary.objects.get(number=1).maintained_on == date(2026, 5, 4)
