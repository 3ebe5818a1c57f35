"""The program report (issue 28): its figures for 2025 against five companies counted by hand, its CSV and PDF,
and a constant number of queries whatever the data."""

import csv
import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.models import Audit, AuditScore, Invoice
from audits.tool.selectors import sections_of
from companies.models import Application, Company
from milestones.models import MilestoneLetter
from secor import hooks
from secor.dates import Period
from secor.pages.program_report import report
from secor.reviews.models import Review
from tests.cast import staff_user
from tests.clock import REGINA, on
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    ManualSubmissionFactory,
    certificate_without_pdf,
    completed_audit,
    review_sent_at,
)
from tests.pdfs import pdf_text
from tests.processes import run_script
from training.models import TrainingSummary

TODAY = date(2026, 3, 15)
PERIOD = {"first": "2025-01-01", "last": "2025-12-31"}


def moment(day: date) -> datetime:
    return datetime.combine(day, time(10), tzinfo=REGINA)


def known_since(company: Company, day: date) -> Company:
    Company.objects.filter(pk=company.pk).update(created_at=moment(day))
    return company


def scores(audit: Audit, percents: dict[int, int]) -> None:
    """Section n scored percents[n] of 10 points."""
    sections = {section.number: section for section in sections_of(audit.tool)}
    for number, percent in percents.items():
        AuditScore.objects.create(audit=audit, section=sections[number], available=10, actual=percent // 10)


def invoice(company, kind, total, issued_on, *, paid_on=None, state=Invoice.State.ISSUED) -> None:
    Invoice.objects.create(
        number=Invoice.objects.count() + 9000,
        company=company,
        kind=kind,
        description=kind,
        amount=total,
        tax_rate_percent=0,
        tax=0,
        total=total,
        issued_on=issued_on,
        due_on=issued_on + timedelta(days=30),
        state=Invoice.State.PAID if paid_on else state,
        paid_on=paid_on,
        payment_method="cheque" if paid_on else "",
        void_reason="Issued twice" if state == Invoice.State.VOID else "",
    )


def build(staff) -> dict:
    """A: registered 2024-06-02, certified 2025-03-01 (272 days). B: applied 2024-12-15, accepted and registered
    2025-02-01, certified 2025-06-01 (120 days), suspended 2025-10-01. C: registered 2024-01-10, failed its audit
    2025-07-01, de-rolled 2025-09-11 for Milestone #1. D: applied 2025-05-05, declined 2025-05-20. E: applied
    2025-11-01, accepted and registered 2025-11-10."""
    a = known_since(CompanyFactory(legal_name="A", registration_date=date(2024, 6, 2)), date(2024, 5, 1))
    b = known_since(CompanyFactory(legal_name="B", registration_date=date(2025, 2, 1)), date(2024, 12, 15))
    c = known_since(
        CompanyFactory(
            legal_name="C",
            registration_date=date(2024, 1, 10),
            status=Company.Status.DEROLLED,
            derolled_on=date(2025, 9, 11),
            left_program_on=date(2025, 9, 11),
            left_program_as="derolled",
        ),
        date(2024, 1, 5),
    )
    d = known_since(
        CompanyFactory(legal_name="D", registration_date=None, status=Company.Status.DECLINED), date(2025, 5, 5)
    )
    e = known_since(CompanyFactory(legal_name="E", registration_date=date(2025, 11, 10)), date(2025, 11, 1))
    decided = Application.Decision
    for company, sent, decision, on_day in (
        (b, date(2024, 12, 15), decided.ACCEPTED, date(2025, 2, 1)),
        (d, date(2025, 5, 5), decided.DECLINED, date(2025, 5, 20)),
        (e, date(2025, 11, 1), decided.ACCEPTED, date(2025, 11, 10)),
    ):
        ApplicationFactory(
            company=company,
            submitted_at=moment(sent),
            decision=decision,
            decided_by=staff,
            decided_at=moment(on_day),
            decline_reason="Over the worker limit" if decision == decided.DECLINED else "",
        )
    certificate_a = certificate_without_pdf(a, staff, date(2025, 3, 1))
    certificate_b = certificate_without_pdf(b, staff, date(2025, 6, 1))
    certificate_b.suspended_on, certificate_b.suspension_reason = date(2025, 10, 1), "Fatality under review"
    certificate_b.save()
    failed = completed_audit(c, staff, date(2025, 7, 1))
    Audit.objects.filter(pk=failed.pk).update(achieved=False)
    # Section 3 fails all 3 audits; sections 1 and 2 fail 2 of 3, section 1 with the lower median (30 %, 40 %).
    scores(certificate_a.audit, {1: 30, 2: 90, 3: 10})
    scores(certificate_b.audit, {1: 20, 2: 40, 3: 20})
    scores(failed, {1: 80, 2: 20, 3: 30})
    sections = {section.number: section for section in sections_of(failed.tool)}
    AuditScore.objects.create(audit=failed, section=sections[4], available=5, actual=0, not_applicable=5)
    MilestoneLetter.objects.create(
        company=c,
        milestone=1,
        issued_on=date(2024, 1, 10),
        expires_on=date(2025, 9, 10),
        settled=MilestoneLetter.Settled.DEROLLED,
        settled_on=date(2025, 9, 11),
    )
    # Manuals decided 10, 35 and 50 days after they were sent; one decided in 2024 is not counted.
    for company, sent, days in ((a, date(2025, 1, 6), 10), (b, date(2025, 3, 3), 35), (e, date(2025, 10, 1), 50)):
        review = ManualSubmissionFactory(company=company).review
        review_sent_at(review, moment(sent))
        Review.objects.filter(pk=review.pk).update(decided_at=moment(sent + timedelta(days=days)))
    old = ManualSubmissionFactory(company=a).review
    review_sent_at(old, moment(date(2024, 11, 1)))
    Review.objects.filter(pk=old.pk).update(decided_at=moment(date(2024, 11, 20)))
    # Training unmet today: A's LSE (651 days since registration), E's Safety Management (125 days).
    for company, unmet in (
        (a, ["Leadership for Safety Excellence: Jane Doe — expired"]),
        (e, ["Safety Management: no trained employee designated.", "Safety Management: Ben Ng — not held"]),
    ):
        TrainingSummary.objects.update_or_create(
            company=company, defaults={"complete": False, "unmet": unmet, "computed_on": TODAY}
        )
    registration, audit_fee = Invoice.Kind.REGISTRATION, Invoice.Kind.AUDIT
    invoice(e, registration, Decimal("105.00"), date(2025, 11, 10), paid_on=date(2025, 11, 20))
    invoice(b, registration, Decimal("105.00"), date(2024, 12, 20), paid_on=date(2025, 1, 5))
    invoice(a, audit_fee, Decimal("500.00"), date(2025, 3, 1))
    invoice(d, audit_fee, Decimal("400.00"), date(2025, 6, 1), state=Invoice.State.VOID)
    return {"a": a, "e": e}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module, inside a transaction rolled back when it ends (each test in a savepoint)."""
    with django_db_blocker.unblock(), on(TODAY), transaction.atomic():
        staff = staff_user()
        yield {"staff": staff, **build(staff)}
        transaction.set_rollback(True)


@pytest.fixture
def staff_client(world, db, client):
    client.force_login(world["staff"])
    with on(TODAY):
        yield client


def tables(client) -> dict:
    page = client.get(reverse("pages:program_report"), PERIOD)
    assert page.status_code == 200
    return {table.slug: table.rows for table in page.context["tables"]}


def test_each_figure_is_the_hand_count(staff_client):
    report = tables(staff_client)
    assert report["applications"] == [["Submitted", 2], ["Accepted", 2], ["Declined", 1]]
    stages = {label: counts for label, *counts in report["stages"]}
    assert stages == {
        "Applied, not yet decided": [1, 0],
        "Declined": [0, 1],
        "Registered, not yet certified": [2, 1],
        "Certified": [0, 1],
        "Certificate suspended": [0, 1],
        "Certificate expired, not re-certified": [0, 0],
        "De-rolled": [0, 1],
        "Withdrawn or transferred to COR": [0, 0],
    }
    assert report["time-to-certification"] == [
        ["Up to 6 months", 1],
        ["6 to 8 months", 0],
        ["8 to 12 months", 1],
        ["12 to 18 months", 0],
        ["Over 18 months", 0],
    ]
    assert report["derolls"] == [["Milestone #1", 1], ["Milestone #2", 0]]
    manuals = next(row for row in report["turnaround"] if row[0] == "Health & safety manual")
    assert manuals == ["Health & safety manual", 3, 1, 1, 1, 35]
    assert ["Baseline audit", 3, 2, 67] in report["audits"]
    assert report["certificates"] == [
        ["Issued (first certificate)", 2],
        ["Renewed (re-certification)", 0],
        ["Suspended", 1],
        ["Ended by leaving the program", 0],
    ]
    assert report["fees"] == [
        ["Registration fee", 1, Decimal("105.00"), 2, Decimal("210.00")],
        ["Audit fee", 1, Decimal("500.00"), 0, 0],
    ]


def test_sections_are_ranked_by_how_often_they_fail(staff_client):
    rows = tables(staff_client)["section-failures"]
    # Section 3 fails every audit; 1 and 2 fail 2 of 3, 1 with the lower median. Section 4 was all not applicable.
    assert [row[0].split(".")[0] for row in rows] == ["3", "1", "2"]
    assert [row[1:] for row in rows] == [[3, 3, 100, 20], [3, 2, 67, 30], [3, 2, 67, 40]]


def test_training_requirements_holding_companies_back_longest_first(staff_client):
    assert tables(staff_client)["training"] == [
        ["Leadership for Safety Excellence", 1, 651, 651],
        ["Safety Management", 1, 125, 125],
    ]


def test_time_to_certification_says_its_median(staff_client):
    page = staff_client.get(reverse("pages:program_report"), PERIOD)
    assert "2 first certificates issued; median 196 days from registration." in page.content.decode()


def test_each_table_downloads_as_csv(staff_client):
    response = staff_client.get(reverse("pages:program_report_csv"), {"table": "section-failures", **PERIOD})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Section", "Audits scored", "Below the pass mark", "Share below %", "Median score %"]
    assert [row[1:] for row in rows[1:]] == [["3", "3", "100", "20"], ["3", "2", "67", "30"], ["3", "2", "67", "40"]]
    assert staff_client.get(reverse("pages:program_report_csv"), {"table": "nope", **PERIOD}).status_code == 404


def test_the_pdf_holds_the_figures(staff_client):
    response = staff_client.get(reverse("pages:program_report_pdf"), PERIOD)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "SECOR program report" in text
    assert "The audit-tool sections that fail most often" in text


def test_the_pdf_draws_each_chart_beside_its_table(staff_client):
    """The page's charts, drawn in the PDF: each bar's label with its value (the table's row holds more between)."""
    worst_section = tables(staff_client)["section-failures"][0][0]
    text = pdf_text(staff_client.get(reverse("pages:program_report_pdf"), PERIOD).content)
    assert "0-6 mo 6-8 mo 1 8-12 mo 12-18 mo 18+ mo" in text  # the columns of the time to certification
    assert "Health & safety manual 35" in text  # the turnaround's median
    assert f"{worst_section} 100" in text  # the sections' share below the pass mark
    assert "Leadership for Safety Excellence 651" in text  # the training's median days
    for chart_and_table in ("Health & safety manual", worst_section, "Leadership for Safety Excellence"):
        assert text.count(chart_and_table) == 2


def test_a_period_ending_before_it_starts_is_refused_by_the_field(staff_client):
    page = staff_client.get(reverse("pages:program_report"), {"first": "2025-12-31", "last": "2025-01-01"})
    assert "The last day comes before the first" in page.content.decode()
    assert "tables" not in page.context
    assert 'value="2025-12-31"' in page.content.decode()


def test_the_year_is_the_default_period(staff_client):
    page = staff_client.get(reverse("pages:program_report"))
    assert page.context["period"].first == date(2026, 1, 1) and page.context["period"].last == date(2026, 12, 31)


def report_queries() -> int:
    """The queries of the report computed whole: nothing kept from a report before."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        report(Period(date(2025, 1, 1), date(2025, 12, 31)), today=TODAY)
    return len(queries)


def test_the_report_reads_a_constant_number_of_queries(staff_client, world, django_assert_max_num_queries):
    tables(staff_client)  # the menu's counts, kept from then on
    with django_assert_max_num_queries(15):
        tables(staff_client)
    assert report_queries() == 10  # one a part
    staff = world["staff"]
    for number in range(12):  # more of every kind of row the report reads
        company = CompanyFactory(registration_date=date(2024, 3, 1))
        certificate = certificate_without_pdf(company, staff, date(2025, 4, 1) + timedelta(days=number))
        scores(certificate.audit, {1: 60, 2: 70})
        review = ManualSubmissionFactory(company=company).review
        review_sent_at(review, moment(date(2025, 5, 1)))
        Review.objects.filter(pk=review.pk).update(decided_at=moment(date(2025, 5, 20)))
        TrainingSummary.objects.update_or_create(
            company=company, defaults={"complete": False, "unmet": ["Safety Management: x"], "computed_on": TODAY}
        )
    assert report_queries() == 10
    assert tables(staff_client)["certificates"][0] == ["Issued (first certificate)", 14]


def manuals(client) -> list:
    return next(row for row in tables(client)["turnaround"] if row[0] == "Health & safety manual")


def test_man_2_the_turnaround_kept_between_writes_counts_a_review_decided_since(staff_client, world):
    """The costly parts are kept until a write says it changed what they read: a review decided counts the
    turnaround again; the sections, read from the audits, stay kept."""
    assert manuals(staff_client) == ["Health & safety manual", 3, 1, 1, 1, 35]
    review = ManualSubmissionFactory(company=world["e"]).review
    review_sent_at(review, moment(date(2025, 6, 2)))
    Review.objects.filter(pk=review.pk).update(decided_at=moment(date(2025, 6, 5)))
    AuditScore.objects.filter(actual=1).update(actual=9)  # section 3 of A passes, unsaid
    assert manuals(staff_client) == ["Health & safety manual", 3, 1, 1, 1, 35]  # nothing said the write yet
    hooks.changed(hooks.Topic.REVIEWS, company_ids=[review.company_id])
    # Decided after 3, 10, 35 and 50 days: the median is 22.5 days, 22 rounded half to even.
    assert manuals(staff_client) == ["Health & safety manual", 4, 2, 1, 1, 22]
    assert tables(staff_client)["section-failures"][0][1:] == [3, 3, 100, 20]


def test_program_people_other_than_staff_find_no_report(client, world, db):
    from tests.factories import AuditorFactory

    client.force_login(AuditorFactory())
    assert client.get(reverse("pages:program_report")).status_code in (403, 404)


EMBEDDED_REPORT = """
from datetime import date, datetime, timedelta, timezone
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from companies.models import Company
from secor.dates import Period
from secor.pages.program_report import report
from secor.reviews.models import Review

settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
call_command("migrate", run_syncdb=True, verbosity=0)
company = Company.objects.create(
    legal_name="A", wcb_account_number="0000001", street_address="1 Main St", city="Regina",
    postal_code="S4P 3Y2", phone="306-555-0100", email="a@b.example", trade="Roofing",
)
sent = datetime(2025, 3, 3, 16, tzinfo=timezone.utc)
for days in (10, 35, 50, 61):
    Review.objects.create(
        company=company, kind="manual", state="returned", first_submitted_on=sent.date(),
        latest_submitted_at=sent, decided_at=sent + timedelta(days=days),
    )
tables = report(Period(date(2025, 1, 1), date(2025, 12, 31)), today=date(2026, 3, 15))
turnaround = next(table for table in tables if table.slug == "turnaround")
print([row for row in turnaround.rows if row[0] == "Health & safety manual"])
"""


def test_man_2_the_report_takes_its_medians_on_the_embedded_database_too(tmp_path):
    """`make run`'s SQLite has no median of its own: SECOR gives it one, which takes the median as PostgreSQL does
    (the mean of the middle two of 10, 35, 50 and 61 days, 42.5, is 42: halves round to even, as in Python)."""
    result = run_script(EMBEDDED_REPORT, DATABASE_URL=f"sqlite:///{tmp_path}/secor.sqlite3", DEBUG="true")
    assert result.stdout.strip() == "[['Health & safety manual', 4, 1, 1, 2, 42]]"
