"""Training records for the demo companies of `load_demo`, so their charts show every status."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile

from companies.models import Company
from secor.core.models import User
from training.models import Course, ProficiencySubmission, TrainedEmployee, TrainingRecord
from training.rules import CourseCode

# A one-page PDF saying "Demo certificate", small enough to keep inline.
DEMO_CERTIFICATE = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 396]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 52>>stream\nBT /F1 24 Tf 72 300 Td (Demo certificate) Tj ET\nendstream endobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

# Per demo company (by WCB number): for each person (by first name), course code -> months ago completed,
# with "pending" for a record waiting for verification. Designations: first name -> positions.
PLANS = {
    # Registered 7 months ago, on track: self-audit and LSE proficiency due, some SCOT missing or pending.
    "1093377": {
        "records": {
            "Amelia": {
                CourseCode.SAFETY_MANAGEMENT: 6,
                CourseCode.SAFETY_AUDITOR: 5,
                CourseCode.LSE: 4,
            },
            "Ben": {CourseCode.SAFETY_MANAGEMENT: 5, CourseCode.SCOT: 6},
            "Chantal": {CourseCode.SCOT: ("pending", 1)},
        },
        "submissions": {"Amelia": [ProficiencySubmission.Kind.LSE_PROFICIENCY]},
        "designations": {"Amelia": 1, "Ben": 2},
    },
    # Fully trained; the internal auditor's maintenance audit is now overdue (a warning, TRN-6).
    "2004519": {
        "records": {
            "Amelia": {
                CourseCode.SAFETY_MANAGEMENT: 40,
                CourseCode.SAFETY_AUDITOR: 34,
                CourseCode.INTERNAL_AUDITOR_CERTIFICATE: 30,
                CourseCode.LSE: 33,
                CourseCode.LSE_PROFICIENCY: 29,
            },
            **{name: {CourseCode.SCOT: 20} for name in ("Ben", "Chantal", "Dmitri", "Hiro", "Isla")},
        },
        "designations": {"Amelia": 1},
    },
    # Safety Auditor Training 10 months ago with no self-audit accepted: lapsed (TRN-5).
    "1177024": {
        "records": {
            "Amelia": {CourseCode.SAFETY_MANAGEMENT: 11, CourseCode.SAFETY_AUDITOR: 10},
            "Ben": {CourseCode.SCOT: 12},
        },
        "designations": {"Amelia": 1},
    },
}


def add_demo_training(*, company: Company, staff: User, owner: User, today: date) -> None:
    plan = PLANS.get(company.wcb_account_number)
    if plan is None:
        return
    courses = {course.code: course for course in Course.objects.all()}
    people = {employee.first_name: employee for employee in company.employees.all()}
    for first_name, completions in plan["records"].items():
        for code, when in completions.items():
            pending = isinstance(when, tuple)
            months = when[1] if pending else when
            record = TrainingRecord(
                company=company,
                employee=people[first_name],
                course=courses[code],
                completed_on=today - relativedelta(months=months),
                certificate_number=f"{code[:3].upper()}-{company.wcb_account_number[-4:]}-{months:02d}",
                status=TrainingRecord.Status.PENDING if pending else TrainingRecord.Status.VERIFIED,
                submitted_by=owner,
                reviewed_by=None if pending else staff,
            )
            record.certificate_file.save("demo.pdf", ContentFile(DEMO_CERTIFICATE), save=False)
            record.save()
    for first_name, kinds in plan.get("submissions", {}).items():
        for kind in kinds:
            submission = ProficiencySubmission(
                company=company, employee=people[first_name], kind=kind, submitted_on=today, submitted_by=owner
            )
            submission.file.save("demo.pdf", ContentFile(DEMO_CERTIFICATE), save=False)
            submission.save()
    for first_name, position in plan["designations"].items():
        for code in CourseCode.DESIGNATED:
            TrainedEmployee.objects.create(
                company=company,
                course=courses[code],
                position=position,
                employee=people[first_name],
                designated_by=owner,
            )
