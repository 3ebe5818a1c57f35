"""factory-boy factories for the tests: realistic defaults, override what a test is about."""

import hashlib
import io
import time
from datetime import date

import factory
from allauth.mfa.app_settings import TOTP_PERIOD
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core.cache import cache
from django.utils import timezone
from pypdf import PdfWriter

from audits.certificates.rules import certificate_expiry
from audits.maintenance.selectors import package_slots
from audits.models import (
    Anniversary,
    Audit,
    Certificate,
    MaintenancePackage,
    ManualSubmission,
)
from audits.tool.selectors import audit_tool_on, sections_of
from companies.models import Application, AuditorAssignment, Company, Employee, Membership, RegistrationWait
from companies.rules import EmploymentType
from secor.core.models import User
from secor.documents.models import Document
from secor.reviews.models import Review, ReviewVersion, SectionComment, VersionFile
from training.models import Course, ProficiencySubmission, TrainedEmployee, TrainingRecord
from training.rules import CourseCode

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = User.Role.EMPLOYER

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            # allauth requires a verified address before it lets a person sign in.
            self.emailaddress_set.create(email=self.email, primary=True, verified=True)


# SCSA's people sign in with a second factor: the tests' staff and auditors have an authenticator app with
# this secret (authenticator_code gives its code); `authenticator_app=False` makes one who has none yet.
AUTHENTICATOR_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def code_now(secret: str) -> str:
    """The code an authenticator app holding `secret` shows now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD))


def authenticator_code(user) -> str:
    """The code the person's authenticator app shows now. allauth takes each code once; a test signing the
    same person in twice within its 30 seconds is given it again."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    code = code_now(decrypt(authenticator.data["secret"]))
    cache.delete(TOTP(authenticator)._get_used_cache_key(code))
    return code


def authenticator_app_give(user) -> None:
    TOTP.activate(user, AUTHENTICATOR_SECRET)


class ProgramPersonFactory(UserFactory):
    @factory.post_generation
    def authenticator_app(self, create, extracted, **kwargs):
        if create and extracted is not False:
            authenticator_app_give(self)


class StaffFactory(ProgramPersonFactory):
    role = User.Role.STAFF
    is_staff = True


class AuditorFactory(ProgramPersonFactory):
    role = User.Role.AUDITOR


class CompanyFactory(factory.django.DjangoModelFactory[Company]):
    class Meta:
        model = Company
        skip_postgeneration_save = True

    legal_name = factory.Sequence(lambda n: f"Prairie Builders {n} Ltd.")
    wcb_account_number = factory.Sequence(lambda n: f"{3000000 + n}")
    street_address = "1 Victoria Avenue"
    city = "Regina"
    postal_code = "S4P 3Y2"
    phone = "306-555-0142"
    email = factory.Sequence(lambda n: f"office{n}@builders.example")
    trade = "Framing"
    status = Company.Status.REGISTERED
    registration_date = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def registration_wait(self, create, extracted, **kwargs):
        """A de-rolled company's wait is on its WCB number, as the de-roll service records it (ELIG-5)."""
        if create and self.derolled_on is not None:
            RegistrationWait.objects.create(
                wcb_account_number=self.wcb_account_number, company=self, derolled_on=self.derolled_on
            )


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    company = factory.SubFactory(CompanyFactory)
    user = factory.SubFactory(UserFactory)
    is_owner = True


class EmployeeFactory(factory.django.DjangoModelFactory[Employee]):
    class Meta:
        model = Employee

    company = factory.SubFactory(CompanyFactory)
    first_name = factory.Sequence(lambda n: f"Worker{n}")
    last_name = factory.Faker("last_name")
    employment_type = EmploymentType.FULL_TIME
    start_date = date(2020, 1, 6)


class ApplicationFactory(factory.django.DjangoModelFactory[Application]):
    class Meta:
        model = Application

    company = factory.SubFactory(CompanyFactory, status=Company.Status.APPLIED, registration_date=None)
    submitted_by = factory.SubFactory(UserFactory)
    submitted_at = factory.LazyFunction(timezone.now)
    workers = factory.LazyFunction(lambda: {"owners_office": 1, "full_time_field": 3})
    registration_fee = 0
    agreement_signed_name = "Pat Owner"
    agreement_signed_at = factory.LazyFunction(timezone.now)


class AuditorAssignmentFactory(factory.django.DjangoModelFactory[AuditorAssignment]):
    class Meta:
        model = AuditorAssignment

    company = factory.SubFactory(CompanyFactory)
    auditor = factory.SubFactory(AuditorFactory)


def course(code: str) -> Course:
    """A course of the seeded catalogue."""
    return Course.objects.get(code=code)


def pdf_bytes(pages: int = 1, title: str = "") -> bytes:
    """A real PDF, small and fast to make, that the upload checks accept; a title makes its bytes its own."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    if title:
        writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF_BYTES = pdf_bytes()


def pdf_upload(name: str = "certificate.pdf", content: bytes = PDF_BYTES):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


class DocumentFactory(factory.django.DjangoModelFactory[Document]):
    class Meta:
        model = Document

    company = factory.SubFactory(CompanyFactory)
    kind = "certificate"
    name = factory.Sequence(lambda n: f"document-{n}")
    file = factory.django.FileField(filename="document.pdf", data=PDF_BYTES)
    extension = "pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    sha256 = hashlib.sha256(PDF_BYTES).hexdigest()
    origin = Document.Origin.UPLOADED


class ReviewFactory(factory.django.DjangoModelFactory[Review]):
    """A review with its version 1 (and that version's document), in the state asked for."""

    class Meta:
        model = Review
        skip_postgeneration_save = True

    company = factory.SubFactory(CompanyFactory)
    kind = TrainingRecord.REVIEW_KIND
    state = Review.State.SUBMITTED
    first_submitted_on = factory.LazyFunction(timezone.localdate)
    accepted_on = factory.LazyAttribute(lambda o: o.first_submitted_on if o.state == Review.State.ACCEPTED else None)

    @factory.post_generation
    def version(self, create, extracted, **kwargs):
        if not create:
            return
        outcomes = {Review.State.ACCEPTED: ReviewVersion.Outcome.ACCEPTED, Review.State.RETURNED: "returned"}
        self.latest_version = ReviewVersion.objects.create(
            review=self,
            number=1,
            document=kwargs["document"]
            if "document" in kwargs
            else DocumentFactory(company=self.company, kind=self.kind.replace("_", "-")),
            submitted_by=kwargs.get("submitted_by") or UserFactory(),
            outcome=outcomes.get(self.state, ""),
            comments=kwargs.get("comments", "Pages are missing." if self.state == Review.State.RETURNED else ""),
        )
        self.latest_submitted_at = self.latest_version.submitted_at
        Review.objects.filter(pk=self.pk).update(
            latest_version=self.latest_version, latest_submitted_at=self.latest_submitted_at
        )


def review_sent_at(review: Review, moment) -> None:
    """The review's version sent at `moment`, as the review keeps it too (a review waiting that long)."""
    ReviewVersion.objects.filter(pk=review.latest_version_id).update(submitted_at=moment)
    Review.objects.filter(pk=review.pk).update(latest_submitted_at=moment)


class TrainingRecordFactory(factory.django.DjangoModelFactory[TrainingRecord]):
    """A verified completion; pass `course__code` or `course=Course.objects.get(code=...)`, and `status`."""

    class Meta:
        model = TrainingRecord

    class Params:
        status = TrainingRecord.Status.VERIFIED

    employee = factory.SubFactory(EmployeeFactory)
    company = factory.SelfAttribute("employee.company")
    course = factory.LazyFunction(lambda: Course.objects.get(code=CourseCode.SAFETY_MANAGEMENT))
    completed_on = date(2025, 3, 3)
    certificate_number = factory.Sequence(lambda n: f"CERT-{n:05d}")
    review = factory.SubFactory(
        ReviewFactory, company=factory.SelfAttribute("..company"), state=factory.SelfAttribute("..status")
    )


class SubmissionFactory(factory.django.DjangoModelFactory[ProficiencySubmission]):
    """Under review unless `status` says otherwise; `submitted_on` is the first submission date."""

    class Meta:
        model = ProficiencySubmission

    class Params:
        status = ProficiencySubmission.Status.SUBMITTED
        submitted_on = factory.LazyFunction(timezone.localdate)
        accepted_on = factory.LazyAttribute(
            lambda o: o.submitted_on if o.status == ProficiencySubmission.Status.ACCEPTED else None
        )

    employee = factory.SubFactory(EmployeeFactory)
    company = factory.SelfAttribute("employee.company")
    kind = ProficiencySubmission.Kind.SELF_AUDIT
    review = factory.SubFactory(
        ReviewFactory,
        company=factory.SelfAttribute("..company"),
        kind=factory.SelfAttribute("..kind"),
        state=factory.SelfAttribute("..status"),
        first_submitted_on=factory.SelfAttribute("..submitted_on"),
        accepted_on=factory.SelfAttribute("..accepted_on"),
    )


class TrainedEmployeeFactory(factory.django.DjangoModelFactory[TrainedEmployee]):
    class Meta:
        model = TrainedEmployee

    employee = factory.SubFactory(EmployeeFactory, email=factory.Sequence(lambda n: f"trained{n}@example.com"))
    company = factory.SelfAttribute("employee.company")
    course = factory.LazyFunction(lambda: Course.objects.get(code=CourseCode.SAFETY_MANAGEMENT))
    position = 1
    designated_by = factory.SubFactory(UserFactory)


class ManualSubmissionFactory(factory.django.DjangoModelFactory[ManualSubmission]):
    """A manual in review (MAN-2), its version 1 in one file covering every section; pass `status` for a
    returned one (section 3 to correct) or an approved one."""

    class Meta:
        model = ManualSubmission
        skip_postgeneration_save = True

    class Params:
        status = Review.State.SUBMITTED
        submitted_on = factory.LazyFunction(timezone.localdate)
        reviewer = None

    company = factory.SubFactory(CompanyFactory)
    review = factory.SubFactory(
        ReviewFactory,
        company=factory.SelfAttribute("..company"),
        kind=ManualSubmission.REVIEW_KIND,
        state=factory.SelfAttribute("..status"),
        first_submitted_on=factory.SelfAttribute("..submitted_on"),
        reviewer=factory.SelfAttribute("..reviewer"),
        version__comments="",
    )
    tool = factory.LazyFunction(lambda: audit_tool_on(timezone.localdate()))

    @factory.post_generation
    def files(self, create, extracted, **kwargs):
        if not create:
            return
        version = self.review.latest_version
        sections = sections_of(self.tool)
        VersionFile.objects.create(version=version, document=version.document).sections.set(sections)
        if self.review.state == Review.State.RETURNED:
            SectionComment.objects.create(
                version=version, section=str(sections[2]), verdict="corrections", comment="Add the roofing SWPs."
            )


class MaintenancePackageFactory(factory.django.DjangoModelFactory[MaintenancePackage]):
    """A maintenance package for `anniversary` in review (MNT-1), its version 1 holding one document in every
    place of the package; pass `status` for a returned or accepted one."""

    class Meta:
        model = MaintenancePackage
        skip_postgeneration_save = True

    class Params:
        status = Review.State.SUBMITTED
        reviewer = None

    company = factory.SelfAttribute("anniversary.company")
    review = factory.SubFactory(
        ReviewFactory,
        company=factory.SelfAttribute("..company"),
        kind=MaintenancePackage.REVIEW_KIND,
        state=factory.SelfAttribute("..status"),
        reviewer=factory.SelfAttribute("..reviewer"),
        version__comments="",
    )
    internal_auditor = factory.SubFactory(EmployeeFactory, company=factory.SelfAttribute("..company"))
    internal_audit_on = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def files(self, create, extracted, **kwargs):
        if create:
            version = self.review.latest_version
            for part, position in package_slots():
                VersionFile.objects.create(version=version, part=part, position=position, document=version.document)


def completed_audit(company, staff, day) -> Audit:
    """A baseline audit completed on `day` that achieved the standard (its scores are not needed here)."""
    return Audit.objects.create(
        company=company,
        kind=Audit.Kind.BASELINE,
        purpose=Audit.Purpose.BASELINE,
        tool=audit_tool_on(day),
        auditor=staff,
        scheduled_on=day,
        location="Office",
        scheduled_by=staff,
        state=Audit.State.COMPLETED,
        completed_on=day,
        achieved=True,
    )


def certificate_without_pdf(company, staff, issued_on, *, number: str = "") -> Certificate:
    """A certificate of an achieved audit and its anniversaries, as issuing keeps them, without rendering its
    PDF (for tests that need many)."""
    audit = completed_audit(company, staff, issued_on)
    certificate = Certificate.objects.create(
        company=company,
        audit=audit,
        number=number or f"SECOR-TEST-{company.pk:04d}-{audit.pk:04d}",
        issued_on=issued_on,
        expires_on=certificate_expiry(issued_on),
    )
    Anniversary.keep_for(certificate)
    return certificate


def program_settings_form(**changes) -> dict:
    """The program settings' admin form as it posts now, with `changes`: an unticked box is left out, an empty date
    is posted empty."""
    from django.forms.models import model_to_dict

    from secor.core.models import ProgramSettings

    current = model_to_dict(ProgramSettings.current(), exclude=["id"])
    data = {name: value for name, value in (current | changes).items() if value is not False}
    return {name: "on" if value is True else "" if value is None else value for name, value in data.items()}
