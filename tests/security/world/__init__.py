"""The isolation tests' world: one small world with every role around company A, and company B beside it.

Each app's module builds its own objects for a company (`objects`), gives valid input for its own forms
(`payload`) and lists what of its own a request could change (`snapshot`); this module puts them together.
tests/security/conftest.py builds the world once per test module.
"""

from dataclasses import dataclass

from audits.models import (
    Audit,
    AuditorCalendar,
    AuditRequest,
    AuditToolVersion,
    Certificate,
    Invoice,
    MaintenancePackage,
    ManualSubmission,
)
from audits.program_documents.models import ProgramDocument
from companies.models import Application, Company, Employee
from companies.questions.models import Question
from golive.models import ImportRun
from milestones.models import CalendarFeed, MilestoneLetter
from secor.api.models import ApiKey, Subscription
from secor.core.models import User
from secor.documents.models import Document
from secor.notices.models import Notice, NoticeText
from secor.reviews.models import Review
from tests.security.world import audits, companies, golive, milestones, secor, training
from training.models import ProficiencySubmission, TrainedEmployee, TrainingRecord

ANONYMOUS, ROLES = companies.ANONYMOUS, companies.ROLES
APPS = (companies, training, audits, milestones, secor, golive)


@dataclass
class World:
    company: Company  # A
    employee: Employee  # on A's roster
    other_company: Company  # B
    other_employee: Employee  # on B's roster
    application: Application  # A's pending application, submitted by A's owner
    users: dict[str, User]  # by role name; no entry for ANONYMOUS
    # A's objects (see each app's `objects`), and B's of the same kinds.
    record: TrainingRecord
    submission: ProficiencySubmission
    returned_submission: ProficiencySubmission
    review: Review  # the returned submission's (its versions page)
    designation: TrainedEmployee
    manual: ManualSubmission  # in review, given to A's auditor
    returned_manual: ManualSubmission
    approved_manual: ManualSubmission
    audit_form: str  # the name of a blank form of the audit request
    letter: MilestoneLetter
    calendar_feed: CalendarFeed
    audit_request: AuditRequest
    audit: Audit
    certificate: Certificate
    package: MaintenancePackage  # in review, given to A's auditor
    returned_package: MaintenancePackage
    auditor_calendar: AuditorCalendar
    invoice: Invoice
    document: Document  # the certificate of A's pending record
    notice: Notice  # a failed notice to A's owner
    tool_version: AuditToolVersion  # a draft of the audit tool copied from the version in effect (staff edit it)
    question: Question  # A's owner's question, waiting for an answer
    other_record: TrainingRecord
    other_submission: ProficiencySubmission
    other_returned_submission: ProficiencySubmission
    other_review: Review
    other_designation: TrainedEmployee
    other_manual: ManualSubmission
    other_returned_manual: ManualSubmission
    other_approved_manual: ManualSubmission
    other_audit_form: str
    other_letter: MilestoneLetter
    other_calendar_feed: CalendarFeed
    other_audit_request: AuditRequest
    other_audit: Audit
    other_certificate: Certificate
    other_package: MaintenancePackage
    other_returned_package: MaintenancePackage
    other_auditor_calendar: AuditorCalendar
    other_invoice: Invoice
    other_document: Document
    other_notice: Notice
    program_document: ProgramDocument  # the program's, not a company's: every signed-in person downloads it
    program_document_kind: str
    notice_text_kind: str  # a kind of notice whose text staff edit
    notice_text: NoticeText  # staff's first version of that kind's text
    other_question: Question
    api_key: ApiKey  # a partner's key, made by staff
    subscription: Subscription  # the partner's subscription to change events
    import_run: ImportRun  # a companies file checked without problems (staff import it)
    import_kind: str
    documents: dict[str, bytes]  # the stored file of each object above, by attribute name


def build() -> World:
    people = companies.people()
    users = people["users"]
    staff = users["staff_user"]
    objects, documents = {}, {}
    for prefix, company, employee, employer in [
        ("", people["company"], people["employee"], users["employer"]),
        ("other_", people["other_company"], people["other_employee"], users["other_employer"]),
    ]:
        own = (
            training.objects(company, employee, employer)
            | audits.objects(company, employer, staff)
            | milestones.objects(company)
            | companies.question(company, employer)
            | secor.objects(company, employer)
        )
        documents |= {prefix + name: data for name, data in own.pop("documents").items()}
        objects |= {prefix + name: value for name, value in own.items()}
    return World(
        **people,
        **objects,
        **companies.application(people["company"], users["employer"]),
        **audits.program(staff),
        **secor.program(staff),
        **golive.program(staff),
        **secor.notice_text(staff),
        documents=documents,
    )


def hostile_payload(world: World) -> dict:
    """Valid input for every form of the project: a POST that got through would change something."""
    payload = {}
    for app in APPS:
        part = app.payload(world)
        assert not payload.keys() & part.keys(), f"{app.__name__} reuses fields: {payload.keys() & part.keys()}"
        payload |= part
    return payload


def snapshot() -> tuple:
    """Everything a request could change, the uploaded files included."""
    return (
        *(list(model.objects.order_by("pk").values()) for app in APPS for model in app.MODELS),
        *companies.links(),
        *secor.stored(),
    )
