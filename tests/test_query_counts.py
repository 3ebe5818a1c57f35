"""Pages run a fixed number of queries whatever the data size, at most 15 (issue 7)."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from companies.questions.models import Question
from companies.services import employee_add
from companies.services.headcounts import headcounts_refresh
from milestones.models import MilestoneLetter
from milestones.services import letter_issue
from secor import hooks
from secor.notices.models import Notice
from secor.reviews.models import Review, ReviewVersion, VersionFile
from secor.reviews.services import review_resubmit, review_return
from secor.timeline.models import Event
from tests.companies.test_services import employee_data
from tests.factories import (
    CompanyFactory,
    DocumentFactory,
    EmployeeFactory,
    MaintenancePackageFactory,
    ManualSubmissionFactory,
    MembershipFactory,
    StaffFactory,
    SubmissionFactory,
    TrainingRecordFactory,
    certificate_without_pdf,
    completed_audit,
    course,
)
from tests.milestones.helpers import milestone_1_met
from tests.training.test_chart import designate
from training.models import TrainingRecord
from training.rules import CourseCode

pytestmark = pytest.mark.django_db
MAX_QUERIES = 15  # issue 7: at most 15 queries a page, whatever the data size


def queries_of(client, url) -> int:
    # The first views keep what the page reads from kept rows (the companies' summaries and headcounts) until
    # their search finds nothing left to keep: a fixed batch of their own.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def add_people(company, count):
    for _ in range(count):
        person = EmployeeFactory(company=company)
        TrainingRecordFactory(employee=person, course=course(CourseCode.SCOT), completed_on=date(2025, 1, 6))
    # The roster's services keep the headcount as they change it (the factories bypass them).
    headcounts_refresh(today=timezone.localdate(), company_ids=[company.pk])


@pytest.fixture(autouse=True)
def _registered_with_its_letter(company):
    """A registered company has its Milestone #1 letter (MIL-1); the company page shows it."""
    letter_issue(company=company, milestone=MilestoneLetter.Milestone.FIRST, actor=None)


@pytest.mark.parametrize("page", ["companies:detail", "training:chart", "companies:roster"])
def test_employer_pages_run_at_most_15_queries_however_big_the_roster(login, company, employer, page):
    client = login(employer)
    url = reverse(page, args=[company.pk])
    add_people(company, 2)
    designate(company.employees.first(), *CourseCode.DESIGNATED)
    few = queries_after_a_write(client, url, company, employer)
    add_people(company, 12)
    assert queries_after_a_write(client, url, company, employer) == few <= MAX_QUERIES


def test_the_staff_company_page_runs_at_most_15_queries_however_big_the_roster(
    login, company, staff_user, auditor, employer
):
    client = login(staff_user)
    url = reverse("companies:detail", args=[company.pk])
    add_people(company, 2)
    few = queries_after_a_write(client, url, company, employer)
    add_people(company, 12)
    assert queries_after_a_write(client, url, company, employer) == few <= MAX_QUERIES


def _manuals(count: int, **kwargs) -> None:
    for _ in range(count):
        ManualSubmissionFactory(**kwargs)


def _training_waiting(count: int) -> None:
    """Course records waiting for staff, each a correction after a return (version 2), and proficiency
    submissions waiting for review: the training queue's two lists."""
    staff = StaffFactory()
    for _ in range(count):
        record = TrainingRecordFactory(status=TrainingRecord.Status.PENDING)
        review_return(review=record.review, actor=staff, comments="The scan is unreadable.")
        review_resubmit(review=record.review, actor=staff, document=DocumentFactory(company=record.company))
        SubmissionFactory()


def _letters(count: int) -> None:
    today = timezone.localdate()
    for _ in range(count):
        MilestoneLetter.objects.create(
            company=CompanyFactory(),
            milestone=MilestoneLetter.Milestone.FIRST,
            issued_on=today - timedelta(days=340),
            expires_on=today + timedelta(days=25),
            next_requested_at=timezone.now(),
        )


def _requests_missing(count: int) -> None:
    """Milestone #1 met and no #2 letter asked for (MIL-2): the watch page's table of missing requests."""
    today = timezone.localdate()
    for _ in range(count):
        company = CompanyFactory()
        MilestoneLetter.objects.create(
            company=company,
            milestone=MilestoneLetter.Milestone.FIRST,
            issued_on=today - timedelta(days=300),
            expires_on=today + timedelta(days=40),
        )
        milestone_1_met(company, manual_approved_on=today - timedelta(days=10), email=f"jane@{company.pk}.example")


def _derolled_today(count: int) -> None:
    """Companies SECOR de-rolled this morning (MIL-3): a few dozen on most days, hundreds after days without a
    sweep."""
    today = timezone.localdate()
    for _ in range(count):
        MilestoneLetter.objects.create(
            company=CompanyFactory(status="derolled", derolled_on=today),
            milestone=MilestoneLetter.Milestone.FIRST,
            issued_on=today - timedelta(days=366),
            expires_on=today - timedelta(days=1),
            settled=MilestoneLetter.Settled.DEROLLED,
            settled_on=today,
            settled_at=timezone.now(),
        )


def _questions(count: int) -> None:
    """Questions of as many companies, half of them answered: the queue lists both, each with its people."""
    for number in range(count):
        membership = MembershipFactory()
        question = Question.objects.create(company=membership.company, asked_by=membership.user, text="Which form?")
        if number % 2:
            question.answer, question.answered_by, question.answered_at = "This one.", StaffFactory(), timezone.now()
            question.save()


def _cor_handoffs(count: int) -> None:
    """ELIG-3: companies over the limit, each waiting with its hand-off to COR."""
    from companies.models import CorHandoff

    today = timezone.localdate()
    for _ in range(count):
        over = CompanyFactory(registration_date=today - timedelta(days=400))
        add_people(over, 10)
        CorHandoff.objects.create(company=over, expected_on=today + timedelta(days=90), told_on=today)
    # Every company's headcount kept, as its services keep it: the page's search for stale ones then finds none.
    headcounts_refresh(today=today)


def _certificates_ended(count: int) -> None:
    """CERT-2: certified companies that then withdrew from the program."""
    from audits.certificates.services import certificate_issue
    from companies.services import company_change_status

    staff = StaffFactory()
    for _ in range(count):
        audit = completed_audit(CompanyFactory(), staff, timezone.localdate() - timedelta(days=30))
        certificate_issue(audit=audit, actor=staff)
        company_change_status(company=audit.company, actor=staff, action="withdraw", reason="Closing the business")


def _audit_requests(count: int) -> None:
    """AUD-2: audit requests of as many companies, waiting to be booked."""
    from audits.audit.models import AuditRequest

    for _ in range(count):
        membership = MembershipFactory()
        document = DocumentFactory(company=membership.company)
        AuditRequest.objects.create(
            company=membership.company,
            site_assessment=document,
            compliance_declaration=document,
            system_functioning_since=date(2025, 1, 6),
            requested_by=membership.user,
        )


@pytest.mark.parametrize(
    ("url", "add"),
    [
        pytest.param(reverse_lazy("companies:cor_handoffs"), _cor_handoffs, id="hand-offs to COR"),
        pytest.param(reverse_lazy("audits:audit_requests"), _audit_requests, id="audit requests to book"),
        pytest.param(
            reverse_lazy("companies:list") + "?certificate=ended",
            _certificates_ended,
            id="company list, certificates ended by leaving",
        ),
        pytest.param(reverse_lazy("audits:manual_queue"), _manuals, id="manual queue"),
        pytest.param(reverse_lazy("training:verification_queue"), _training_waiting, id="training queue"),
        pytest.param(reverse_lazy("companies:question_queue"), _questions, id="questions from companies"),
        pytest.param(reverse_lazy("milestones:watch"), _letters, id="milestone letters to watch"),
        pytest.param(reverse_lazy("milestones:watch"), _requests_missing, id="milestone 2 requests missing"),
        pytest.param(reverse_lazy("milestones:watch"), _derolled_today, id="companies de-rolled today"),
        pytest.param(reverse_lazy("companies:list") + "?stage=courses", _letters, id="company list by stage"),
    ],
)
def test_man_2_mil_3_the_staff_queues_run_a_fixed_number_of_queries(login, staff_user, auditor, url, add):
    client = login(staff_user)
    add(2)
    hooks.changed(hooks.Topic.COMPANY_STATUS)  # the factories' new companies, as registering them says
    few = queries_of(client, str(url))
    add(8)
    hooks.changed(hooks.Topic.COMPANY_STATUS)
    assert queries_of(client, str(url)) == few <= MAX_QUERIES


def test_mil_3_the_companies_de_rolled_today_are_paged_as_the_watch_page_s_tables_are(login, staff_user):
    """The first sweep after days without one de-rolls hundreds at once: paged, in the same number of queries."""
    client = login(staff_user)
    url = reverse("milestones:watch")
    _derolled_today(3)
    few = queries_of(client, url)
    _derolled_today(27)
    assert queries_of(client, url) == few <= MAX_QUERIES
    cache.clear()  # the tables were kept as rendered by the request above: render them again, with their context
    first = client.get(url).context["derolled"]
    last = client.get(url + "?derolled_page=2").context["derolled"]
    assert (first.paginator.count, len(first.object_list), len(last.object_list)) == (30, 15, 15)
    assert {letter.pk for letter, _, _ in first} | {letter.pk for letter, _, _ in last} == set(
        MilestoneLetter.objects.filter(settled=MilestoneLetter.Settled.DEROLLED).values_list("pk", flat=True)
    )


@pytest.mark.parametrize("within", [30, 60, 90])
def test_mil_2_mil_3_the_watch_page_reads_each_list_once_and_lists_what_its_selectors_do(login, staff_user, within):
    """The letters at risk and those expiring come from one read with each letter's milestone checked; the page
    lists, counts and orders what letters_at_risk, requests_missing and letters_expiring do."""
    from milestones import selectors

    today = timezone.localdate()
    _letters(3)  # #2 asked for, the milestone unmet: at risk and expiring
    _requests_missing(2)  # #1 met, nothing asked: missing and (in 40 days) expiring within 60 and 90
    met = CompanyFactory()
    MilestoneLetter.objects.create(
        company=met,
        milestone=MilestoneLetter.Milestone.FIRST,
        issued_on=today - timedelta(days=350),
        expires_on=today + timedelta(days=10),
        next_requested_at=timezone.now(),
    )
    milestone_1_met(met, manual_approved_on=today - timedelta(days=10), email="met@example.com")  # expiring only
    page = login(staff_user).get(reverse("milestones:watch") + f"?within={within}").context
    expected = {
        "at_risk": selectors.letters_at_risk(today=today),
        "requests_missing": selectors.requests_missing(today=today),
        "expiring": selectors.letters_expiring(today=today, within_days=within),
    }
    for table, letters in expected.items():
        assert [letter.pk for letter in page[table]] == [letter.pk for letter in letters], table
        assert page[table].paginator.count == letters.count(), table
    assert met.milestone_letters.get().pk in [letter.pk for letter in page["expiring"]]


def test_man_2_the_manual_page_runs_a_fixed_number_of_queries_whatever_its_versions(login, company, employer):
    from audits.tool.selectors import audit_tool_on, sections_of
    from secor.reviews.services import review_resubmit

    manual = ManualSubmissionFactory(company=company, status="returned")
    url = reverse("audits:manual", args=[company.pk])
    few = queries_of(login(employer), url)
    for _ in range(3):
        review_resubmit(review=manual.review, actor=employer, from_states=["submitted"])
        version = manual.review.versions.order_by("-number").first()
        VersionFile.objects.create(version=version, document=DocumentFactory(company=company)).sections.set(
            sections_of(audit_tool_on(timezone.localdate()))
        )
    assert queries_of(login(employer), url) == few <= MAX_QUERIES


def _certified_and_invoiced(count: int, staff) -> None:
    from audits.certificates.services import certificate_issue
    from audits.invoices.services import invoice_for_audit

    for _ in range(count):
        audit = completed_audit(CompanyFactory(), staff, timezone.localdate())
        certificate_issue(audit=audit, actor=staff)
        invoice_for_audit(audit=audit, actor=staff)


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(reverse_lazy("audits:invoice_list"), id="invoices"),
        pytest.param(reverse_lazy("audits:certified"), id="certified companies"),
        pytest.param(reverse_lazy("audits:audit_calendar"), id="audits by month"),
    ],
)
def test_aud_6_cert_1_the_lists_run_a_fixed_number_of_queries(login, staff_user, url):
    client = login(staff_user)
    _certified_and_invoiced(2, staff_user)
    few = queries_of(client, str(url))
    _certified_and_invoiced(6, staff_user)
    assert queries_of(client, str(url)) == few <= MAX_QUERIES


def test_aud_4_the_score_sheet_and_the_audits_page_run_a_fixed_number_of_queries(login, company, staff_user, auditor):
    from audits.audit.inputs import ScoreEntry
    from audits.audit.services import audit_record_scores
    from audits.tool.selectors import sections_of

    audit = completed_audit(company, staff_user, timezone.localdate())
    audit.state, audit.achieved, audit.completed_on = "scheduled", None, None
    audit.auditor = auditor
    audit.save()
    sections = sections_of(audit.tool)
    client = login(auditor)
    sheet = reverse("audits:audit", args=[company.pk, audit.pk])
    audit_record_scores(audit=audit, actor=auditor, entries=[ScoreEntry(sections[0], 10, 9)])
    few = queries_of(client, sheet)
    audit_record_scores(audit=audit, actor=auditor, entries=[ScoreEntry(s, 10, 9) for s in sections])
    assert queries_of(client, sheet) == few <= MAX_QUERIES
    page = reverse("audits:audits", args=[company.pk])
    few = queries_of(client, page)
    completed_audit(company, staff_user, timezone.localdate())
    assert queries_of(client, page) == few <= MAX_QUERIES


def test_man_1_the_audit_tool_versions_and_a_draft_run_a_fixed_number_of_queries(login, staff_user, company):
    """The versions list with their state, sections and use; a draft's page with its section rows."""
    from audits.tool.selectors import audit_tool_on
    from audits.tool.services import audit_tool_version_copy

    client = login(staff_user)
    in_effect = audit_tool_on(timezone.localdate())
    ManualSubmissionFactory(company=company)  # the version in effect is used: read-only
    drafts = [audit_tool_version_copy(source=in_effect, actor=staff_user, name="Draft 1")]
    url = reverse("audits:audit_tool:versions")
    few = queries_of(client, url)
    drafts += [audit_tool_version_copy(source=in_effect, actor=staff_user, name=f"Draft {n}") for n in range(2, 6)]
    assert queries_of(client, url) == few <= MAX_QUERIES
    assert queries_of(client, reverse("audits:audit_tool:version", args=[drafts[0].pk])) <= MAX_QUERIES


def _program_document_versions(count: int, staff) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from audits.program_documents.models import ProgramDocument
    from audits.program_documents.services import program_document_upload
    from secor.uploads import MANUAL_TYPES, DocumentField
    from tests.factories import pdf_bytes

    for number in range(count):
        for kind in ProgramDocument.Kind:
            upload = SimpleUploadedFile(f"{kind}.pdf", pdf_bytes(title=f"{kind} {number}"))
            program_document_upload(
                kind=kind, upload=DocumentField(types=MANUAL_TYPES).clean(upload), note="", actor=staff
            )


def test_the_program_documents_page_runs_a_fixed_number_of_queries_whatever_its_versions(login, staff_user):
    client = login(staff_user)
    url = reverse("audits:program_documents")
    _program_document_versions(1, staff_user)
    few = queries_of(client, url)
    _program_document_versions(3, staff_user)
    assert queries_of(client, url) == few <= MAX_QUERIES


def _records(company, count: int) -> None:
    people = EmployeeFactory.create_batch(20, company=company)
    for number in range(count):
        TrainingRecordFactory(
            employee=people[number % 20],
            course=course(CourseCode.SCOT),
            completed_on=date(2020, 1, 6) + timedelta(number),
        )


def _sent_again(company, times: int) -> None:
    """Every record of the company sent `times` more times (their versions, in bulk)."""
    for review in Review.objects.filter(company=company).select_related("latest_version"):
        first = review.latest_version
        later = ReviewVersion.objects.bulk_create(
            ReviewVersion(
                review=review, number=first.number + n, document=first.document, submitted_by=first.submitted_by
            )
            for n in range(1, times + 1)
        )
        Review.objects.filter(pk=review.pk).update(latest_version=later[-1])
    hooks.changed(hooks.Topic.REVIEWS, company_ids=[company.pk])  # what sending a record again says


def _long_history(company, staff) -> None:
    """Issue 23's long-history company: 60 course records of 4 versions each, 400 timeline events, 300 notices and
    6 maintenance packages (two certificates), in bulk where the factories would take minutes."""
    _records(company, 60)
    _sent_again(company, 3)
    now = timezone.now()
    Event.objects.bulk_create(
        Event(company=company, kind="training", summary=f"Event {n}", at=now - timedelta(hours=n)) for n in range(400)
    )
    Notice.objects.bulk_create(
        Notice(
            kind="training-deadline",
            recipient_email="alice@roofing.example",
            subject_key=f"test:{n}",
            about_date=date(2026, 1, 1),
            company=company,
            due_on=date(2026, 1, 1),
            state=Notice.State.SENT,
            sent_at=now,
        )
        for n in range(300)
    )
    for issued_on in (date(2021, 3, 1), date(2024, 3, 1)):
        for anniversary in certificate_without_pdf(company, staff, issued_on).anniversaries.all():
            MaintenancePackageFactory(anniversary=anniversary, status=Review.State.ACCEPTED)


def queries_after_a_write(client, url, company, employer) -> int:
    """The page's queries computed after a write to the company (nothing of it kept), as on a working day."""
    client.get(url)
    employee_add(
        company=company,
        actor=employer,
        data=employee_data(first_name="Ada", last_name=f"Written {company.employees.count()}"),
    )
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_a_long_history_company_s_staff_page_runs_at_most_15_queries_after_a_write(
    login, company, staff_user, employer
):
    _long_history(company, staff_user)
    client = login(staff_user)
    assert queries_after_a_write(client, reverse("companies:detail", args=[company.pk]), company, employer) <= 15


def test_the_training_chart_neither_queries_nor_shows_more_as_its_records_versions_grow(login, company, employer):
    """Each record shows its latest version, with a link to the others (issue 23: 60 records of 4 versions)."""
    client = login(employer)
    url = reverse("training:chart", args=[company.pk])
    _records(company, 30)
    few = queries_of(client, url)
    _sent_again(company, 3)
    assert queries_of(client, url) == few <= MAX_QUERIES
    page = client.get(url).text
    assert "data-version=" not in page
    assert page.count(">4 versions</a>") == 25  # a page of the table
    record = company.training_records.first()
    versions = client.get(reverse("training:review_versions", args=[company.pk, record.review_id])).text
    assert [f'data-version="{number}"' in versions for number in (4, 3, 2, 1)] == [True] * 4
