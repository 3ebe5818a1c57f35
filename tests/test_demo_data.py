from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from audits.audit import selectors as audit_selectors
from audits.maintenance.selectors import anniversaries_upcoming, maintenance_queue
from audits.models import Invoice, MaintenancePackage
from companies import services as companies_services
from companies.models import Application, Company, Employee, Membership
from companies.questions.models import Question
from companies.questions.selectors import WAITING, question_queue
from milestones.models import MilestoneLetter
from milestones.selectors import requests_missing
from secor.core.models import User
from secor.notices.models import Notice
from secor.pages.management.commands.load_demo import authenticator_secret
from secor.timeline.models import Event
from tests.demo import load_demo
from training import selectors
from training.rules import Status

# The demo is loaded once for the module (tests/conftest.py); each test reads it, and what one writes is undone.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_once")]

MODELS = (User, Authenticator, Company, Membership, Application, Employee, Event)


def test_the_demo_loads_once_and_a_second_run_changes_nothing():
    counts = {model: model.objects.count() for model in MODELS}
    output = load_demo()
    assert {model: model.objects.count() for model in MODELS} == counts
    *logins, second_factor = output.splitlines()
    assert len(logins) == User.objects.count()
    assert all("secor-demo-2026" in line.split() for line in logins)
    # Staff and auditors sign in with the authenticator app whose secret the demo prints (issue 12), each
    # their own (issue 25): one printed secret does not open every program person's second factor.
    program_people = User.objects.filter(role__in=[User.Role.STAFF, User.Role.AUDITOR])
    secrets = {authenticator_secret(person.email) for person in program_people}
    assert len(secrets) == program_people.count()
    assert all(
        f"{person.email} " in output and authenticator_secret(person.email) in output for person in program_people
    )
    assert "add their secret to an authenticator app" in second_factor
    assert set(Authenticator.objects.filter(type=Authenticator.Type.TOTP).values_list("user", flat=True)) == set(
        program_people.values_list("pk", flat=True)
    )


def test_the_demo_refuses_a_database_with_debug_off_unless_forced():
    users = User.objects.count()
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", stdout=StringIO())
    assert User.objects.count() == users


def test_the_demo_has_each_role_and_companies_at_every_stage():
    assert User.objects.filter(role=User.Role.STAFF).count() == 1
    auditors = User.objects.filter(role=User.Role.AUDITOR)
    assert auditors.count() == 2
    assert all(auditor.assigned_companies.exists() for auditor in auditors)
    statuses = set(Company.objects.values_list("status", flat=True))
    assert {Company.Status.APPLIED, Company.Status.REGISTERED, Company.Status.DEROLLED} <= statuses
    assert Application.objects.filter(decision=Application.Decision.PENDING).exists()
    companies_services.headcounts_refresh(today=timezone.localdate())
    over_limit = Company.objects.with_headcount().over_secor_limit()
    assert over_limit.count() == 1
    assert all(company.memberships.filter(is_owner=True).exists() for company in Company.objects.all())


def test_the_demo_training_charts_show_every_status():
    today = timezone.localdate()
    charts = [selectors.training_chart(company=company, today=today) for company in Company.objects.all()]
    shown = {cell.standing.status for chart in charts for row in chart.rows for cell in row.cells}
    assert shown == set(Status)
    assert any(chart.summary.complete for chart in charts)


def test_ntc_1_the_demo_shows_a_deadline_notice_go_out_once():
    """Qu'Appelle Electric's Ben has a self-audit deadline 30 days after the day the demo is loaded."""
    out = StringIO()
    call_command("send_due_notices", stdout=out)
    report = out.getvalue()
    assert "Self-audit and certification deadline: 2" in report
    ben = Notice.objects.filter(kind="self-audit-due", recipient_email__startswith="ben.")
    assert ben.get().state == Notice.State.SENT
    assert Notice.objects.filter(kind="self-audit-due", recipient_email="owner@quappelleelectric.example").exists()
    again = StringIO()
    call_command("send_due_notices", stdout=again)
    assert "claimed 0 new notice(s)" in again.getvalue()
    assert "nothing was waiting" in again.getvalue()


def test_mil_1_mil_2_the_demo_has_a_company_registered_again_and_one_whose_milestone_2_request_is_missing():
    today = timezone.localdate()
    assert [letter.company.legal_name for letter in requests_missing(today=today)] == ["Coteau Drywall Ltd."]
    again = Company.objects.get(legal_name="Last Mountain Excavating Inc.")
    letters = list(again.milestone_letters.values_list("earlier_registration", "settled", "issued_on"))
    assert letters == [
        (False, MilestoneLetter.Settled.OPEN, again.registration_date),
        (True, MilestoneLetter.Settled.DEROLLED, letters[1][2]),
    ]


def test_man_1_aud_4_the_demo_names_the_supplemental_sections_and_sets_every_sections_points():
    from audits.tool.rules import placeholder_sections
    from audits.tool.selectors import audit_tool_on, sections_of

    sections = sections_of(audit_tool_on(timezone.localdate()))
    assert len(sections) == 16 and not placeholder_sections(sections)
    assert all(section.available_points for section in sections)


def test_aud_4_mnt_1_mnt_2_elig_7_each_roles_first_sign_in_has_work_waiting(client):
    """Issue 24: the demo tells the whole story, so each login the README's tour names has its work waiting."""
    today = timezone.localdate()
    marc = User.objects.get(email="auditor.north@scsa.example")
    priya = User.objects.get(email="auditor.south@scsa.example")
    # Marc's baseline audit, its day passed, waiting to be scored and completed; his page leads to it.
    audit = audit_selectors.audits_to_complete(auditor=marc, today=today).get()
    assert audit.company.legal_name == "Estevan Steel Erectors Ltd." and not audit.scores.exists()
    client.force_login(marc)
    assert client.get(reverse("audits:my_audit_calendar")).context["to_complete"].get() == audit
    # Riverbend Roofing's anniversary within 90 days, its package not yet sent; Souris Valley's package sent and
    # given to Priya (MNT-2, MNT-1).
    upcoming = {day.certificate.company.legal_name for day in anniversaries_upcoming(today=today, days=90)}
    assert "Riverbend Roofing Ltd." in upcoming
    assert not MaintenancePackage.objects.filter(company__legal_name="Riverbend Roofing Ltd.").exists()
    waiting = maintenance_queue(user=priya).get()
    assert waiting.company.legal_name == "Souris Valley Landscaping Ltd." and waiting.review.reviewer == priya
    # An unpaid invoice (ELIG-7), a question waiting for staff, and Coteau Drywall's missing #2 request (MIL-2).
    unpaid = Invoice.objects.get(state=Invoice.State.ISSUED)
    assert unpaid.company.legal_name == "Last Mountain Excavating Inc."
    assert unpaid.issued_on == unpaid.company.registration_date
    staff = User.objects.get(role=User.Role.STAFF)
    assert question_queue(user=staff, show=WAITING).exists()
    assert [letter.company.legal_name for letter in requests_missing(today=today)] == ["Coteau Drywall Ltd."]


def test_the_demo_has_a_company_with_a_question_waiting_and_one_answered(client):
    electric = Company.objects.get(legal_name="Qu'Appelle Electric Inc.")
    assert sorted((question.step, question.is_answered) for question in electric.questions.all()) == [
        (Question.Step.MANUAL, False),
        (Question.Step.TRAINING, True),
    ]
    assert Event.objects.filter(company=electric, kind="questions").count() == 3
    client.force_login(User.objects.get(role=User.Role.STAFF))
    queue = client.get(reverse("companies:question_queue"), {"show": "waiting"}).context["page"]
    assert [Question.objects.get(pk=row.pk).company for row in queue] == [electric]
