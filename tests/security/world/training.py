"""The world's training objects of one company: its course records, proficiency submissions and designation."""

from datetime import timedelta

from django.utils import timezone

from companies.models import Company, Employee
from secor.core.models import User
from tests.factories import DocumentFactory, SubmissionFactory, TrainingRecordFactory, pdf_bytes, pdf_upload
from training.models import Course, ProficiencySubmission, TrainedEmployee, TrainingRecord
from training.rules import CourseCode


def objects(company: Company, employee: Employee, employer: User) -> dict:
    """The pending record's certificate is the document every reader of the company may open."""
    course = {code: Course.objects.get(code=code) for code in CourseCode.DESIGNATED}
    today = timezone.localdate()
    # Background: verified courses, so that the submissions below count when a reviewer acts on them: an
    # internal auditor (for the maintenance audit and the self-audit) and LSE (for a new LSE proficiency).
    for code, days_ago in [
        (CourseCode.SAFETY_MANAGEMENT, 400),
        (CourseCode.SAFETY_AUDITOR, 100),
        (CourseCode.INTERNAL_AUDITOR_CERTIFICATE, 50),
        (CourseCode.LSE, 30),
    ]:
        TrainingRecordFactory(
            employee=employee,
            course=course[code],
            completed_on=today - timedelta(days=days_ago),
            review__version__document=None,
            review__version__submitted_by=employer,
        )
    content = pdf_bytes(title=f"Certificate of company {company.pk}")
    document = DocumentFactory(company=company, file__data=content, size=len(content))
    made = {
        # Pending: staff may verify it, its company may correct it.
        "record": TrainingRecordFactory(
            employee=employee,
            course=course[CourseCode.SAFETY_MANAGEMENT],
            completed_on=today - timedelta(days=60),
            certificate_number="SM-1001",
            status=TrainingRecord.Status.PENDING,
            review__version__document=document,
            review__version__submitted_by=employer,
        ),
        "document": document,
        # Under review: a reviewer may accept it (the employee is a valid internal auditor).
        "submission": SubmissionFactory(
            employee=employee,
            kind=ProficiencySubmission.Kind.MAINTENANCE_AUDIT,
            review__version__submitted_by=employer,
        ),
        # Returned for corrections: its company may resubmit it.
        "returned_submission": SubmissionFactory(
            employee=employee,
            kind=ProficiencySubmission.Kind.LSE_PROFICIENCY,
            submitted_on=today - timedelta(days=10),
            status=ProficiencySubmission.Status.RETURNED,
            review__version__submitted_by=employer,
        ),
        "designation": TrainedEmployee.objects.create(
            company=company,
            course=course[CourseCode.SAFETY_AUDITOR],
            position=1,
            employee=employee,
            designated_by=employer,
        ),
        "documents": {"document": content},
    }
    # The returned submission's review: its versions are a page of their own.
    return made | {"review": made["returned_submission"].review}


def payload(world) -> dict:
    """Valid input for the forms of training: a course record (new or corrected), a designation (A's employee,
    #1 for Safety Management), a submission (an LSE proficiency, whose course A's employee holds) or a
    resubmitted file, and their reviews."""
    safety_management = Course.objects.get(code=CourseCode.SAFETY_MANAGEMENT)
    return {
        "employee": str(world.employee.pk),
        "course": str(safety_management.pk),
        "courses": [str(safety_management.pk)],
        "position": "1",
        "completed_on": "2024-03-01",
        "certificate_number": "FORGED-666",
        "certificate_file": pdf_upload("forged-certificate.pdf", pdf_bytes(title="Forged")),
        "kind": ProficiencySubmission.Kind.LSE_PROFICIENCY,
        "file": pdf_upload("forged-submission.pdf", pdf_bytes(title="Forged submission")),
        # reviews: a record verified ("verify" wins over a rejection reason), a submission accepted
        "verify": "1",
        "decision": "accept",
        "comments": "Hostile review",
    }


# Whose rows a request could change.
MODELS = (TrainingRecord, ProficiencySubmission, TrainedEmployee)
