"""Province-scale data for `make bench`: 20,000 companies, 150,000 roster people, 500,000 training records.

Deterministic (a fixed seed) and dated around BENCH_TODAY, so every kind of deadline notice is due for some
people on that day. Rows go in with bulk inserts; a full load takes a few minutes and is kept between runs.
"""

import random
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from companies.models import Company, Employee, Membership
from companies.rules import SEARCHED_FIELDS, EmploymentType, company_search_text
from secor.core.models import User
from secor.documents.models import Document
from secor.reviews.models import Review, ReviewVersion
from tools.bench.clock import BENCH_TODAY
from training.models import Course, ProficiencySubmission, TrainedEmployee, TrainingRecord
from training.rules import CourseCode

COMPANIES = 20_000
PEOPLE = 150_000
RECORDS = 500_000
BATCH = 5_000


def bench_staff() -> User:
    """The bench's SCSA staff member (a superuser, for the admin reference): who signs in to the staff pages and
    who the later loaders record as having uploaded or decided what staff do."""
    staff, _ = User.objects.get_or_create(
        email="staff@bench.example",
        defaults={"role": User.Role.STAFF, "is_staff": True, "is_superuser": True, "first_name": "Bench"},
    )
    return staff


def uploaded_pdf(*, company_id: int, kind: str, name: str, file: str, size: int) -> Document:
    """A company's uploaded PDF as a row only: no page of the bench downloads it, so no file is stored."""
    return Document(
        company_id=company_id,
        kind=kind,
        name=name,
        file=f"bench/{file}.pdf",
        extension="pdf",
        content_type="application/pdf",
        size=size,
        sha256="0" * 64,
        origin=Document.Origin.UPLOADED,
    )


def _days_ago(rng: random.Random, low: int, high: int) -> date:
    return BENCH_TODAY - timedelta(days=rng.randint(low, high))


def _plan(rng: random.Random, people_per_company: list[int]):
    """For each person: (kind, and the courses held with their dates). The first one or two people of a
    company are its trained employees; everyone full-time holds SCOT; the rest fill up to RECORDS."""
    for company_index, count in enumerate(people_per_company):
        for position in range(count):
            trained = position < (1 if company_index % 3 else 2)
            kind = (
                EmploymentType.OWNER
                if position == 0
                else rng.choice([EmploymentType.FULL_TIME] * 6 + [EmploymentType.PART_TIME, EmploymentType.CASUAL])
            )
            courses = []
            if kind == EmploymentType.FULL_TIME:
                courses.append((CourseCode.SCOT, _days_ago(rng, 30, 2000)))
            if trained:
                management = _days_ago(rng, 400, 2200)
                auditor = management + timedelta(days=rng.randint(20, 300))
                lse = management + timedelta(days=rng.randint(10, 400))
                courses += [(CourseCode.SAFETY_MANAGEMENT, management), (CourseCode.SAFETY_AUDITOR, auditor)]
                if rng.random() < 0.85:
                    courses.append(
                        (CourseCode.INTERNAL_AUDITOR_CERTIFICATE, auditor + timedelta(days=rng.randint(30, 230)))
                    )
                courses.append((CourseCode.LSE, lse))
                if rng.random() < 0.85:
                    courses.append((CourseCode.LSE_PROFICIENCY, lse + timedelta(days=rng.randint(30, 230))))
            yield company_index, position, kind, trained, [(code, on) for code, on in courses if on <= BENCH_TODAY]


@transaction.atomic
def load(stdout) -> None:
    rng = random.Random(2026)
    courses = {course.code: course for course in Course.objects.all()}
    now = timezone.now()
    password = make_password(None)

    stdout.write(f"Companies and owners ({COMPANIES:,})…")
    companies = Company.objects.bulk_create(
        [
            Company(
                legal_name=f"Bench Builders {n:05d} Ltd.",
                wcb_account_number=f"{5_000_000 + n}",
                street_address=f"{n} Main Street",
                city=rng.choice(["Regina", "Saskatoon", "Moose Jaw", "Prince Albert", "Swift Current"]),
                postal_code="S4P 3Y2",
                phone="306-555-0100",
                email=f"office{n}@bench.example",
                trade=rng.choice(["Roofing", "Electrical", "Framing", "Plumbing", "Concrete"]),
                is_scsa_member=rng.random() < 0.6,
                status=Company.Status.REGISTERED if rng.random() < 0.9 else Company.Status.APPLIED,
                registration_date=_days_ago(rng, 30, 1500),
            )
            for n in range(COMPANIES)
        ],
        batch_size=BATCH,
    )
    # bulk_create skips Company.save, which writes the search column: written here as it would be.
    for company in companies:
        company.search_text = company_search_text(*(getattr(company, field) for field in SEARCHED_FIELDS))
    Company.objects.bulk_update(companies, ["search_text"], batch_size=BATCH)
    owners = User.objects.bulk_create(
        [User(email=f"owner{n}@bench.example", password=password, role=User.Role.EMPLOYER) for n in range(COMPANIES)],
        batch_size=BATCH,
    )
    Membership.objects.bulk_create(
        [
            Membership(company=company, user=owner, is_owner=True)
            for company, owner in zip(companies, owners, strict=True)
        ],
        batch_size=BATCH,
    )

    stdout.write(f"Roster ({PEOPLE:,})…")
    sizes = [1] * COMPANIES
    for _ in range(PEOPLE - COMPANIES):
        sizes[rng.randrange(COMPANIES)] += 1
    plan = list(_plan(rng, sizes))
    employees = Employee.objects.bulk_create(
        [
            Employee(
                company=companies[company_index],
                first_name=f"Person{position}",
                last_name=f"Of{company_index}",
                email=f"p{position}.c{company_index}@bench.example",
                employment_type=kind,
                start_date=date(2020, 1, 6),
            )
            for company_index, position, kind, _, _ in plan
        ],
        batch_size=BATCH,
    )

    held = [(employees[i], code, on) for i, (_, _, _, _, courses_held) in enumerate(plan) for code, on in courses_held]
    # The rest of the 500,000: older SCOT and Safety Management records of the same people.
    fillers = [
        employee
        for employee, (_, _, kind, _, _) in zip(employees, plan, strict=True)
        if kind == EmploymentType.FULL_TIME
    ]
    while len(held) < RECORDS:
        held.append((rng.choice(fillers), CourseCode.SCOT, _days_ago(rng, 2000, 3000)))
    stdout.write(f"Training records and their reviews ({len(held):,})…")
    for start in range(0, len(held), BATCH):
        chunk = held[start : start + BATCH]
        reviews = Review.objects.bulk_create(
            [
                Review(
                    company_id=employee.company_id,
                    kind=TrainingRecord.REVIEW_KIND,
                    state=Review.State.ACCEPTED,
                    first_submitted_on=on,
                    accepted_on=on,
                    decided_at=now,
                )
                for employee, _, on in chunk
            ]
        )
        ReviewVersion.objects.bulk_create(
            [
                ReviewVersion(review=review, number=1, submitted_by_id=owners[0].pk, outcome="accepted")
                for review in reviews
            ]
        )
        TrainingRecord.objects.bulk_create(
            [
                TrainingRecord(
                    company_id=employee.company_id,
                    employee=employee,
                    course=courses[code],
                    completed_on=on,
                    certificate_number=f"B-{start + n}",
                    review=review,
                )
                for n, ((employee, code, on), review) in enumerate(zip(chunk, reviews, strict=True))
            ]
        )

    stdout.write("Trained employees and some maintenance audits…")
    designations, submissions = [], []
    for employee, (_, position, _, trained, _) in zip(employees, plan, strict=True):
        if not trained:
            continue
        for code in CourseCode.DESIGNATED:
            designations.append(
                TrainedEmployee(
                    company_id=employee.company_id,
                    course=courses[code],
                    position=position + 1,
                    employee=employee,
                    designated_by_id=owners[0].pk,
                )
            )
        if rng.random() < 0.3:
            submissions.append(employee)
    TrainedEmployee.objects.bulk_create(designations, batch_size=BATCH)
    reviews = Review.objects.bulk_create(
        [
            Review(
                company_id=employee.company_id,
                kind=ProficiencySubmission.Kind.MAINTENANCE_AUDIT,
                first_submitted_on=_days_ago(rng, 10, 400),
            )
            for employee in submissions
        ],
        batch_size=BATCH,
    )
    ProficiencySubmission.objects.bulk_create(
        [
            ProficiencySubmission(
                company_id=employee.company_id,
                employee=employee,
                kind=ProficiencySubmission.Kind.MAINTENANCE_AUDIT,
                review=review,
            )
            for employee, review in zip(submissions, reviews, strict=True)
        ],
        batch_size=BATCH,
    )
