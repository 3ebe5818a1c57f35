"""Training records for the demo companies of `load_demo`, so their charts show every status."""

from datetime import date, timedelta
from functools import cache

from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile

from companies.models import Company
from secor.core.models import ProgramSettings, User
from secor.documents.services import document_upload
from secor.pdf import render_pdf
from secor.reviews.services import review_accept, review_open, review_return
from secor.uploads import PDF
from training import rules
from training.models import Course, ProficiencySubmission, TrainedEmployee, TrainingRecord
from training.rules import CourseCode

PENDING, RETURNED = "pending", "returned"
# A training whose 8-month deadline notice (TRN-5, NTC-1) is due on the day the demo is loaded.
NOTICE_DUE_TODAY = "notice due today"

# Per demo company (by WCB number): for each person (by first name), course code -> months ago completed,
# with (PENDING, months) for a record waiting for verification or (RETURNED, months) for one SCSA returned,
# or NOTICE_DUE_TODAY. Designations: first name -> positions.
PLANS = {
    # Registered 7 months ago, on track: self-audit and LSE proficiency due, some SCOT missing or pending.
    "1093377": {
        "records": {
            "Amelia": {
                CourseCode.SAFETY_MANAGEMENT: 6,
                CourseCode.SAFETY_AUDITOR: 5,
                CourseCode.LSE: 4,
            },
            # Ben's self-audit deadline is 30 days from the day the demo is loaded: `send_due_notices` tells
            # the company and Ben at once (NTC-1), and only once.
            "Ben": {CourseCode.SAFETY_MANAGEMENT: 9, CourseCode.SAFETY_AUDITOR: NOTICE_DUE_TODAY, CourseCode.SCOT: 6},
            "Chantal": {CourseCode.SCOT: (PENDING, 1)},
            "Dmitri": {CourseCode.SCOT: (RETURNED, 2)},
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
    # Certified: fully trained during its first year in the program.
    "1204470": {
        "records": {
            "Amelia": {
                CourseCode.SAFETY_MANAGEMENT: 19,
                CourseCode.SAFETY_AUDITOR: 17,
                CourseCode.INTERNAL_AUDITOR_CERTIFICATE: 14,
                CourseCode.LSE: 16,
                CourseCode.LSE_PROFICIENCY: 13,
            },
            **{name: {CourseCode.SCOT: 18} for name in ("Ben", "Chantal", "Dmitri")},
        },
        "designations": {"Amelia": 1},
    },
    # Fully trained in its first ten months: with its manual approved, Milestone #1 is met (MIL-2).
    "1262218": {
        "records": {
            "Amelia": {
                CourseCode.SAFETY_MANAGEMENT: 9,
                CourseCode.SAFETY_AUDITOR: 8,
                CourseCode.INTERNAL_AUDITOR_CERTIFICATE: 6,
                CourseCode.LSE: 8,
                CourseCode.LSE_PROFICIENCY: 5,
            },
            **{name: {CourseCode.SCOT: 7} for name in ("Ben", "Chantal", "Dmitri")},
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
# Certified as Riverbend Roofing was (its internal auditor does this year's maintenance audit); fully trained in its
# first year as Coteau Drywall, before its baseline audit.
PLANS["1350867"] = PLANS["1204470"]
PLANS["1388405"] = PLANS["1262218"]


@cache
def _demo_pdf() -> bytes:
    """One small PDF that every demo document shows, rendered once."""
    return render_pdf("pdf/demo_document.html", {})


def _document(company: Company, owner: User, kind: str, name: str):
    upload = ContentFile(_demo_pdf(), name=f"{name}.pdf")
    upload.file_type = PDF
    return document_upload(company=company, kind=kind, name=name, upload=upload, actor=owner)


def _review(company: Company, kind: str, owner: User, staff: User, document, data: dict, state: str = ""):
    """A review as SCSA left it: accepted unless `state` says waiting (PENDING) or returned (RETURNED)."""
    review = review_open(company=company, kind=kind, actor=owner, document=document, data=data)
    if state == RETURNED:
        return review_return(review=review, actor=staff, comments="The scan is unreadable: send a clearer copy.")
    return review if state == PENDING else review_accept(review=review, actor=staff)


def _completed_on(when, today: date) -> date:
    if when == NOTICE_DUE_TODAY:
        notice_window_end = today + timedelta(days=ProgramSettings.current().proficiency_notice_days)
        return rules.latest_date_within(notice_window_end, months=rules.PROFICIENCY_WINDOW_MONTHS)
    return today - relativedelta(months=when[1] if isinstance(when, tuple) else when)


def add_demo_training(*, company: Company, staff: User, owner: User, today: date) -> None:
    plan = PLANS.get(company.wcb_account_number)
    if plan is None:
        return
    courses = {course.code: course for course in Course.objects.all()}
    people = {employee.first_name: employee for employee in company.employees.all()}
    for first_name, completions in plan["records"].items():
        for code, when in completions.items():
            state = when[0] if isinstance(when, tuple) else ""
            completed_on = _completed_on(when, today)
            number = f"{code[:3].upper()}-{company.wcb_account_number[-4:]}-{completed_on:%y%m}"
            document = _document(company, owner, "certificate", f"{code}-{first_name}")
            data = {"completed_on": completed_on.isoformat(), "certificate_number": number}
            TrainingRecord.objects.create(
                company=company,
                employee=people[first_name],
                course=courses[code],
                completed_on=completed_on,
                certificate_number=number,
                review=_review(company, TrainingRecord.REVIEW_KIND, owner, staff, document, data, state),
            )
    for first_name, kinds in plan.get("submissions", {}).items():
        for kind in kinds:
            document = _document(company, owner, kind.replace("_", "-"), f"{kind}-{first_name}")
            ProficiencySubmission.objects.create(
                company=company,
                employee=people[first_name],
                kind=kind,
                review=_review(company, kind, owner, staff, document, {}, PENDING),
            )
    for first_name, position in plan["designations"].items():
        for code in CourseCode.DESIGNATED:
            TrainedEmployee.objects.create(
                company=company,
                course=courses[code],
                position=position,
                employee=people[first_name],
                designated_by=owner,
            )
