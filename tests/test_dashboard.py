"""The staff dashboard: the program at a glance, and every figure agrees with the list it links to (issue 7).
Its deadlines are those of TRN-5, TRN-6 and TRN-7, kept with the training summaries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from companies.models import Company
from companies.questions.models import Question
from milestones import rules as milestone_rules
from milestones.models import MilestoneLetter
from secor import hooks
from secor.core.models import User
from secor.notices.models import Notice
from secor.pages import dashboard_counts
from secor.reviews.models import Review
from secor.reviews.services import review_accept
from tests.clock import on
from tests.factories import (
    AuditorAssignmentFactory,
    CompanyFactory,
    EmployeeFactory,
    ManualSubmissionFactory,
    MembershipFactory,
    SubmissionFactory,
    TrainingRecordFactory,
    review_sent_at,
)
from tests.milestones.helpers import milestone_1_met
from tests.notices.test_pages import notice
from tests.training.test_chart import held
from tests.training.test_summaries import fully_trained
from training.models import TrainingRecord
from training.rules import CourseCode

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _today():
    with on(date(2026, 11, 26)):
        yield


@pytest.fixture
def program(company, other_company):
    """Companies at several stages, people with deadlines ahead and one overdue, work waiting."""
    CompanyFactory(status=Company.Status.APPLIED, registration_date=None)
    CompanyFactory(status=Company.Status.DEROLLED, derolled_on=date(2026, 10, 1))
    over = CompanyFactory(legal_name="Big Crew Ltd.")
    EmployeeFactory.create_batch(10, company=over)
    jane = EmployeeFactory(company=company, first_name="Jane", last_name="Doe")
    held(jane, CourseCode.SAFETY_MANAGEMENT, date(2025, 1, 6))
    held(jane, CourseCode.SAFETY_AUDITOR, date(2026, 4, 13))  # self-audit by December 13, 2026 (17 days)
    held(jane, CourseCode.LSE, date(2026, 2, 9))  # LSE proficiency by October 9, 2026: passed, not listed
    ben = EmployeeFactory(company=other_company, first_name="Ben", last_name="Ng")
    held(ben, CourseCode.SAFETY_AUDITOR, date(2024, 2, 5))  # status expires February 5, 2027
    held(ben, CourseCode.INTERNAL_AUDITOR_CERTIFICATE, date(2024, 6, 3))  # maintenance audit due Oct 5: overdue
    ana = EmployeeFactory(company=other_company, first_name="Ana", last_name="Li")
    held(ana, CourseCode.LSE, date(2026, 5, 4))  # LSE proficiency by January 4, 2027 (39 days)
    TrainingRecordFactory(
        employee=jane,
        course_id=jane.training_records.first().course_id,
        completed_on=TODAY,
        status=TrainingRecord.Status.PENDING,
    )
    old = SubmissionFactory(employee=ana, submitted_on=TODAY - timedelta(days=50))
    review_sent_at(old.review, timezone.now() - timedelta(days=50))
    notice(company, state=Notice.State.FAILED)
    auditor = AuditorAssignmentFactory(company=other_company).auditor
    # Milestone letters: Alice's expires in 20 days, unmet (at risk); the other's in 50 (MIL-1, MIL-3).
    for letter_of, days in ((company, 20), (other_company, 50)):
        MilestoneLetter.objects.create(
            company=letter_of,
            milestone=1,
            issued_on=TODAY - timedelta(days=300),
            expires_on=TODAY + timedelta(days=days),
        )
    # A question to SCSA waiting for its answer, and one answered (only the first is work waiting).
    asker = MembershipFactory(company=company).user
    Question.objects.create(company=company, asked_by=asker, text="Does CPR count?")
    Question.objects.create(
        company=company, asked_by=asker, text="Which form?", answer="This one.", answered_at=timezone.now()
    )
    # A manual given to the auditor, waiting 30 days: past the 4-week warning, within the 6-week target (MAN-2).
    manual = ManualSubmissionFactory(company=other_company, reviewer=auditor)
    review_sent_at(manual.review, timezone.now() - timedelta(days=30))


def figures(page, section) -> list:
    return page.context[section]


def listed(context, url: str) -> int:
    """How many rows the list a figure links to holds."""
    if "submissions" in context:  # the review queue: records and submissions
        return context["records"].paginator.count + context["submissions"].paginator.count
    if "watch_counts" in context:  # the milestone letters to watch (its tables may be kept as rendered)
        table = {"#expiring": "expiring", "#missing": "requests_missing"}.get(url[url.find("#") :], "at_risk")
        return context["watch_counts"][table]
    if "within" in context and "audits" in context:  # the audits booked in the next days
        return context["audits"].paginator.count
    return context["count"] if "count" in context else context["page"].paginator.count


def test_staff_land_on_the_dashboard(login, staff_user):
    response = login(staff_user).get(reverse("home"))
    assert response.url == reverse("pages:dashboard")


def test_elig_3_elig_4_trn_9_the_pipeline_agrees_with_the_company_list_it_links_to(login, staff_user, program):
    client = login(staff_user)
    page = client.get(reverse("pages:dashboard"))
    pipeline = {figure.label.strip(): figure for figure in page.context["pipeline"]}
    assert pipeline["Applied"].count == 1
    assert pipeline["De-rolled"].count == 1
    assert pipeline["At risk: no longer qualify"].count == 1
    assert pipeline["At risk: milestone letter expiring within 30 days, unmet"].count == 1
    assert pipeline["next step: SECOR courses completed"].count == 3  # every registered company
    for figure in page.context["pipeline"]:
        assert listed(client.get(figure.url).context, figure.url) == figure.count, figure.label
    # The chart draws the stages, applied then the roadmap's steps, each bar opening the same list.
    bars = [row["bar"] for row in page.context["pipeline_chart"]["bars"]]
    stages = [figure for figure in page.context["pipeline"] if figure.stage]
    assert [(bar.value, bar.url) for bar in bars] == [(figure.count, figure.url) for figure in stages]
    assert bars[0].label == "Applied" and len(bars) == 1 + len(milestone_rules.STAGE_LABELS)
    assert 'id="pipeline-chart"' in page.text and "join this table" not in page.text


def test_trn_5_trn_6_trn_7_the_deadlines_ahead_agree_with_their_list(login, staff_user, program):
    client = login(staff_user)
    table = dict(client.get(reverse("pages:dashboard")).context["deadline_table"])
    counts = {label: [figure.count for figure in row] for label, row in table.items()}
    assert counts["Self-audits and Internal Auditor Certification (TRN-5)"] == [1, 1, 1]
    assert counts["LSE proficiencies (TRN-7)"] == [0, 1, 1]
    assert counts["Internal auditor status expiries (TRN-6)"] == [0, 0, 1]
    assert counts["Milestone letters expiring (MIL-1, MIL-2)"] == [1, 2, 2]
    for row in table.values():
        for figure in row:
            assert listed(client.get(figure.url).context, figure.url) == figure.count, figure.url
    ahead = client.get(reverse("training:deadlines"), {"within": 90}).context["page"]
    assert [(d.employee.first_name, d.kind, d.due_on) for d in ahead] == [
        ("Jane", "self-audit", date(2026, 12, 13)),
        ("Ana", "lse-proficiency", date(2027, 1, 4)),
        ("Ben", "auditor-expiry", date(2027, 2, 5)),
    ]


def test_mil_2_companies_whose_milestone_2_request_is_missing_agree_with_the_watch_list(login, staff_user, program):
    # A company whose letter expires in 40 days has its Milestone #1 met, and no #2 letter asked for.
    met = CompanyFactory(legal_name="Met Masonry Ltd.")
    MilestoneLetter.objects.create(
        company=met, milestone=1, issued_on=TODAY - timedelta(days=300), expires_on=TODAY + timedelta(days=40)
    )
    milestone_1_met(met, manual_approved_on=date(2026, 10, 1))
    client = login(staff_user)
    pipeline = {figure.label: figure for figure in client.get(reverse("pages:dashboard")).context["pipeline"]}
    missing = pipeline["At risk: Milestone #1 met, Milestone #2 letter not requested"]
    watch = client.get(missing.url).context
    assert missing.count == listed(watch, missing.url) == 1
    assert [letter.company for letter in watch["requests_missing"]] == [met]


def test_overdue_work_agrees_with_the_lists_it_links_to(login, staff_user, program):
    client = login(staff_user)
    overdue = {figure.label: figure for figure in client.get(reverse("pages:dashboard")).context["overdue"]}
    assert overdue["Training reviews waiting over 4 weeks"].count == 1
    assert overdue["Training reviews waiting over 6 weeks"].count == 1
    assert overdue["Internal auditors' maintenance audits overdue (TRN-6)"].count == 1
    assert overdue["Notices failed"].count == 1
    assert overdue["Manual reviews waiting over 4 weeks"].count == 1
    assert overdue["Manual reviews waiting over 6 weeks"].count == 0
    assert overdue["Questions from companies waiting for an answer"].count == 1
    for figure in overdue.values():
        assert listed(client.get(figure.url).context, figure.url) == figure.count, figure.label
    maintenance = client.get(overdue["Internal auditors' maintenance audits overdue (TRN-6)"].url).context["page"]
    assert [(d.employee.first_name, d.due_on) for d in maintenance] == [("Ben", date(2026, 10, 5))]


def test_a_derolled_companys_deadlines_leave_the_dashboard(login, staff_user, program, other_company):
    client = login(staff_user)
    client.get(reverse("pages:dashboard"))  # the deadlines are kept
    client.post(
        reverse("companies:status", args=[other_company.pk]),
        {"action": "deroll", "reason": "Milestone letter expired", "confirmed": "yes"},
    )
    listed = client.get(reverse("training:deadlines"), {"within": 90}).context["page"]
    assert [d.employee.first_name for d in listed] == ["Jane"]


def test_man_2_the_auditor_workload_and_the_review_turnaround(login, staff_user, program):
    workload = login(staff_user).get(reverse("pages:dashboard")).context["auditors"]
    assert [(auditor.companies, auditor.waiting, auditor.manuals) for auditor in workload] == [(1, 1, 1)]
    review = (
        Review.objects.filter(state=Review.State.SUBMITTED)
        .exclude(kind="manual")
        .order_by("latest_submitted_at")
        .first()
    )
    decided_at = review.latest_version.submitted_at + timedelta(days=10)  # 40 days ago, in October
    Review.objects.filter(pk=review.pk).update(
        state=Review.State.ACCEPTED, decided_at=decided_at, accepted_on=decided_at.date()
    )
    hooks.changed(hooks.Topic.REVIEWS, company_ids=[review.company_id])  # what accepting it says
    page = login(staff_user).get(reverse("pages:dashboard"))
    assert [(auditor.companies, auditor.waiting) for auditor in page.context["auditors"]] == [(1, 0)]
    months = page.context["months"]
    assert len(months) == 6 and months[-1].month == date(2026, 11, 1)
    decided = [month for month in months if month.decided]
    assert len(decided) == 1 and round(decided[0].average_days) == 10 and decided[0].within_warning == 1
    assert "<svg" in page.text and "Average review turnaround per month" in page.text


def test_aud_2_cert_1_audits_ahead_certificates_per_month_and_months_to_certificate(
    login, staff_user, program, company
):
    from audits.models import Audit, Certificate
    from audits.tool.selectors import audit_tool_on

    auditor = User.objects.get(role=User.Role.AUDITOR)
    booked = Audit.objects.create(
        company=company,
        kind="baseline",
        purpose="baseline",
        tool=audit_tool_on(TODAY),
        auditor=auditor,
        scheduled_on=TODAY + timedelta(days=20),
        location="Office",
        scheduled_by=staff_user,
    )
    done = Audit.objects.create(
        company=company,
        kind="baseline",
        purpose="baseline",
        tool=booked.tool,
        auditor=auditor,
        scheduled_on=TODAY - timedelta(days=5),
        location="Office",
        scheduled_by=staff_user,
        state="completed",
        completed_on=TODAY - timedelta(days=5),
        achieved=True,
    )
    Company.objects.filter(pk=company.pk).update(registration_date=date(2025, 11, 21))
    Certificate.objects.create(
        company=company,
        audit=done,
        number="SECOR-DASH-0001-TEST",
        issued_on=done.completed_on,
        expires_on=date(2029, 11, 21),
    )
    client = login(staff_user)
    page = client.get(reverse("pages:dashboard"))
    table = dict(page.context["deadline_table"])
    assert [figure.count for figure in table["Audits booked (AUD-2)"]] == [1, 1, 1]
    assert listed(client.get(table["Audits booked (AUD-2)"][0].url).context, "") == 1
    assert [auditor.audits_ahead for auditor in page.context["auditors"]] == [1]
    per_month, median = page.context["certificates"]
    assert per_month[-1] == (date(2026, 11, 1), 1) and round(median) == 12
    # The chart's columns, as the table's figures, open the companies certified that month.
    columns = page.context["certificates_chart"]["bars"]
    assert [column["bar"].value for column in columns] == [count for _, count in per_month]
    november = columns[-1]["bar"].url
    assert november in page.text and listed(client.get(november).context, november) == 1
    assert listed(client.get(columns[-2]["bar"].url).context, "") == 0


def test_cert_2_elig_3_certificates_ended_by_leaving_and_hand_offs_to_cor_agree_with_their_lists(
    login, staff_user, program, company, other_company
):
    from companies.services import company_change_status, cor_handoff_tell
    from tests.audits.test_certificates import certificate_of

    certificate_of(company, staff_user, completed_on=date(2025, 5, 2))  # within its 3 years: ended by the transfer
    certificate_of(other_company, staff_user, completed_on=date(2025, 6, 2))  # the company stays: valid
    expired = CompanyFactory(legal_name="Old Cert Ltd.")
    certificate_of(expired, staff_user, completed_on=date(2022, 6, 1))  # expired before its company left
    for leaving, action in ((company, "transfer_to_cor"), (expired, "withdraw")):
        company_change_status(company=leaving, actor=staff_user, action=action, reason="Told by the company")
    over = Company.objects.get(legal_name="Big Crew Ltd.")  # 10 workers: no longer qualifies
    cor_handoff_tell(company=over, actor=staff_user, expected_on=date(2027, 2, 1))
    client = login(staff_user)
    page = client.get(reverse("pages:dashboard"))
    pipeline = {figure.label: figure for figure in page.context["pipeline"]}
    ended = pipeline["Certificates ended by leaving the program (CERT-2), within their 3 years"]
    handoffs = pipeline["Hand-offs to COR waiting: the company told SCSA when it expects to register"]
    assert (ended.count, handoffs.count, page.context["waiting"]["cor_handoffs"]) == (1, 1, 1)
    assert [row.pk for row in client.get(ended.url).context["page"]] == [company.pk]
    assert [row.company_id for row in client.get(handoffs.url).context["page"]] == [over.pk]


def overdue_counts(client) -> dict[str, int]:
    return {figure.label: figure.count for figure in client.get(reverse("pages:dashboard")).context["overdue"]}


def test_a_write_counts_again_only_the_figures_that_read_its_topic(login, staff_user, program, company):
    """Each group of figures is kept until a write to a topic it reads: a notice that failed counts the notices
    again and leaves the questions kept (a question asked says COMPANY, which they follow)."""
    client = login(staff_user)
    assert overdue_counts(client)["Questions from companies waiting for an answer"] == 1
    asker = company.memberships.first().user
    Question.objects.create(company=company, asked_by=asker, text="Is first aid enough?")  # says nothing yet
    notice(company, state=Notice.State.FAILED, recipient_email="bob@roofing.example")
    hooks.changed(hooks.Topic.NOTICES)  # what the notice's delivery says
    overdue = overdue_counts(client)
    assert overdue["Notices failed"] == 2
    assert overdue["Questions from companies waiting for an answer"] == 1  # kept: no write to COMPANY yet
    hooks.changed(hooks.Topic.COMPANY, company_ids=[company.pk])  # what asking the question says
    overdue = overdue_counts(client)
    assert overdue["Questions from companies waiting for an answer"] == 2
    for label in ("Notices failed", "Questions from companies waiting for an answer"):
        figure = next(f for f in client.get(reverse("pages:dashboard")).context["overdue"] if f.label == label)
        assert listed(client.get(figure.url).context, figure.url) == figure.count, label


def test_man_2_a_review_decided_counts_the_reviews_again_and_leaves_the_companies_kept(
    login, staff_user, program, company
):
    """A decided review is counted again where reviews are (waiting, turnaround); the companies by status, which
    read no review, stay kept until a write to what they read."""
    client = login(staff_user)
    pipeline = {figure.label: figure.count for figure in client.get(reverse("pages:dashboard")).context["pipeline"]}
    manual = Review.objects.get(kind="manual")
    review_accept(review=manual, actor=staff_user)  # says REVIEWS (the audits' service adds AUDITS)
    CompanyFactory(status=Company.Status.APPLIED, registration_date=None)  # no one says it: the figure is kept
    page = client.get(reverse("pages:dashboard"))
    overdue = {figure.label: figure.count for figure in page.context["overdue"]}
    assert overdue["Manual reviews waiting over 4 weeks"] == 0
    assert sum(month.decided for month in page.context["months"]) == 1
    assert {figure.label: figure.count for figure in page.context["pipeline"]}["Applied"] == pipeline["Applied"]
    hooks.changed(hooks.Topic.COMPANY_STATUS)  # what an application says
    pipeline = {figure.label: figure for figure in client.get(reverse("pages:dashboard")).context["pipeline"]}
    assert pipeline["Applied"].count == listed(client.get(pipeline["Applied"].url).context, "") == 2


def test_the_apps_connections_plan_for_ssds():
    """The app's connections cost random reads as on SSDs, not spinning disks (secor/settings.py)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        random_page_cost = cursor.fetchone()[0]
        cursor.execute("SHOW effective_io_concurrency")
        assert (random_page_cost, cursor.fetchone()[0]) == ("1.1", "200")


def test_trn_9_mil_4_a_training_write_counts_again_its_companys_share_alone(login, staff_user, program, monkeypatch):
    """A write to one company's training counts again that company's share of the figures training changes (its
    stage, its training incomplete, its people's deadlines, its letters at risk: secor.kept_by_company), and
    leaves every group kept: the review queues count reviews, which a change to training alone leaves (issue 23)."""
    client = login(staff_user)
    untrained = CompanyFactory()
    pipeline = {figure.label: figure.count for figure in client.get(reverse("pages:dashboard")).context["pipeline"]}
    computed = []
    for name, (topics, compute) in dashboard_counts.GROUPS.items():
        monkeypatch.setitem(
            dashboard_counts.GROUPS, name, (topics, lambda *args, name=name, compute=compute: computed.append(name))
        )
    fully_trained(untrained)
    hooks.changed(hooks.Topic.TRAINING, company_ids=[untrained.pk])  # what the training services say
    page = client.get(reverse("pages:dashboard"))
    assert computed == []
    now = {figure.label: figure for figure in page.context["pipeline"]}
    assert now["training incomplete"].count == pipeline["training incomplete"] - 1
    assert now["next step: SECOR courses completed"].count == pipeline["next step: SECOR courses completed"] - 1
    assert now["At risk: milestone letter expiring within 30 days, unmet"].count == 1  # another company's
    for figure in now.values():
        assert listed(client.get(figure.url).context, figure.url) == figure.count, figure.label
