"""The navigation bar tells SCSA's people how much work waits in each queue; employers see their company."""

from datetime import date

import pytest
from django.urls import reverse

from secor import hooks
from secor.notices.models import Notice
from tests.factories import (
    ApplicationFactory,
    EmployeeFactory,
    MaintenancePackageFactory,
    ManualSubmissionFactory,
    StaffFactory,
    SubmissionFactory,
    TrainingRecordFactory,
    certificate_without_pdf,
)
from tests.notices.test_pages import notice
from training.models import TrainingRecord

pytestmark = pytest.mark.django_db


def waiting_badges(page) -> dict[str, str]:
    """The counts shown in the navigation bar, by queue."""
    return page.context["waiting"]


@pytest.fixture
def work(company, other_company):
    ApplicationFactory.create_batch(2)
    TrainingRecordFactory(employee=EmployeeFactory(company=company), status=TrainingRecord.Status.PENDING)
    SubmissionFactory(employee=EmployeeFactory(company=company))
    SubmissionFactory(employee=EmployeeFactory(company=other_company))
    notice(company, state=Notice.State.FAILED)
    ManualSubmissionFactory(company=company)
    ManualSubmissionFactory(company=other_company)
    certificate = certificate_without_pdf(company, StaffFactory(), date(2026, 3, 2))
    MaintenancePackageFactory(anniversary=certificate.anniversaries.first())  # given to no reviewer yet
    notice(company, state=Notice.State.SENT, recipient_email="bob@roofing.example")


def test_staff_see_how_much_work_waits_in_each_queue(login, staff_user, work):
    page = login(staff_user).get(reverse("companies:list"))
    assert waiting_badges(page) == {
        "applications": 2,
        "training": 3,
        "notices": 1,
        "manuals": 2,
        "maintenance": 1,
        "questions": 0,
        "cor_handoffs": 0,
        "audit_requests": 0,
    }
    assert 'data-waiting="applications">2<span class="visually-hidden"> waiting</span>' in page.text
    # The menu groups the queues, and says how much waits in all of them (issue 24: one line at 1280 px).
    assert 'Queues <span class="badge rounded-pill text-bg-warning">8<' in page.text  # 2 + 3 + 2 + 1
    assert 'Program <span class="badge rounded-pill text-bg-warning">1<' in page.text
    assert page.text.count('<details class="nav-menu">') == 3
    # The counts agree with the queues they lead to.
    queue = login(staff_user).get(reverse("training:verification_queue")).context
    assert queue["records"].paginator.count + queue["submissions"].paginator.count == 3
    assert len(login(staff_user).get(reverse("companies:applications")).context["page"]) == 2
    assert login(staff_user).get(reverse("audits:manual_queue")).context["page"].paginator.count == 2
    assert login(staff_user).get(reverse("audits:maintenance_queue")).context["page"].paginator.count == 1


def test_an_auditor_counts_only_the_submissions_of_assigned_companies_and_manuals_given_to_them(login, auditor, work):
    page = login(auditor).get(reverse("companies:list"))
    assert waiting_badges(page) == {"training": 1, "manuals": 0, "maintenance": 0}


def test_an_employer_sees_no_queue_counts(login, employer, company, work):
    page = login(employer).get(reverse("companies:detail", args=[company.pk]))
    assert "waiting" not in page.context
    assert page.context["nav_company"] == company


def test_the_applications_queue_says_how_long_each_has_waited(login, staff_user, work):
    page = login(staff_user).get(reverse("companies:applications")).text
    assert "<th>Waiting</th>" in page


def test_a_write_counts_again_only_the_queues_that_read_its_topic(login, staff_user, work, company):
    """The counts are kept by the topics they read: a notice that failed counts the notices again and leaves the
    review queues kept; a change to training alone leaves them too (they count reviews), and a training record sent
    (TRAINING, REVIEWS) counts them again."""
    client = login(staff_user)
    client.get(reverse("companies:list"))
    notice(company, state=Notice.State.FAILED, recipient_email="carol@roofing.example")
    TrainingRecordFactory(employee=EmployeeFactory(company=company), status=TrainingRecord.Status.PENDING)
    hooks.changed(hooks.Topic.NOTICES)  # what the notice's delivery says; the record has said nothing yet
    waiting = waiting_badges(client.get(reverse("companies:list")))
    assert (waiting["notices"], waiting["training"]) == (2, 3)
    hooks.changed(hooks.Topic.TRAINING, company_ids=[company.pk])  # a change to training alone: the queues count
    waiting = waiting_badges(client.get(reverse("companies:list")))  # reviews, and are kept
    assert (waiting["notices"], waiting["training"]) == (2, 3)
    hooks.changed(hooks.Topic.REVIEWS, company_ids=[company.pk])  # what sending the record says too (its review)
    waiting = waiting_badges(client.get(reverse("companies:list")))
    assert (waiting["notices"], waiting["training"]) == (2, 4)
    queue = client.get(reverse("training:verification_queue")).context
    assert queue["records"].paginator.count + queue["submissions"].paginator.count == 4
