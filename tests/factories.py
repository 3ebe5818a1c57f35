"""factory-boy factories for the tests: realistic defaults, override what a test is about."""

from datetime import date

import factory
from django.utils import timezone

from companies.models import Application, AuditorAssignment, Company, Employee, Membership
from companies.rules import EmploymentType
from secor.core.models import User
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


class StaffFactory(UserFactory):
    role = User.Role.STAFF
    is_staff = True


class AuditorFactory(UserFactory):
    role = User.Role.AUDITOR


class CompanyFactory(factory.django.DjangoModelFactory[Company]):
    class Meta:
        model = Company

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


PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf_upload(name: str = "certificate.pdf", content: bytes = PDF_BYTES):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


class TrainingRecordFactory(factory.django.DjangoModelFactory[TrainingRecord]):
    """A verified completion; pass `course__code` or `course=Course.objects.get(code=...)`."""

    class Meta:
        model = TrainingRecord

    employee = factory.SubFactory(EmployeeFactory)
    company = factory.SelfAttribute("employee.company")
    course = factory.LazyFunction(lambda: Course.objects.get(code=CourseCode.SAFETY_MANAGEMENT))
    completed_on = date(2025, 3, 3)
    certificate_number = factory.Sequence(lambda n: f"CERT-{n:05d}")
    certificate_file = factory.django.FileField(filename="certificate.pdf", data=PDF_BYTES)
    status = TrainingRecord.Status.VERIFIED
    submitted_by = factory.SubFactory(UserFactory)


class SubmissionFactory(factory.django.DjangoModelFactory[ProficiencySubmission]):
    class Meta:
        model = ProficiencySubmission

    employee = factory.SubFactory(EmployeeFactory)
    company = factory.SelfAttribute("employee.company")
    kind = ProficiencySubmission.Kind.SELF_AUDIT
    file = factory.django.FileField(filename="self-audit.pdf", data=PDF_BYTES)
    submitted_on = factory.LazyFunction(timezone.localdate)
    submitted_by = factory.SubFactory(UserFactory)


class TrainedEmployeeFactory(factory.django.DjangoModelFactory[TrainedEmployee]):
    class Meta:
        model = TrainedEmployee

    employee = factory.SubFactory(EmployeeFactory, email=factory.Sequence(lambda n: f"trained{n}@example.com"))
    company = factory.SelfAttribute("employee.company")
    course = factory.LazyFunction(lambda: Course.objects.get(code=CourseCode.SAFETY_MANAGEMENT))
    position = 1
    designated_by = factory.SubFactory(UserFactory)
