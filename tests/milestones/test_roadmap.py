"""MIL-4: the roadmap on the company page, the stage in the company list, the calendar feed; and the
company page's milestone part driven as plain form posts (MAN-3, MIL-2)."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from companies.models import Company
from milestones import rules
from milestones.models import CalendarFeed, MilestoneLetter
from milestones.rules import roadmap
from milestones.selectors import stages_of, with_stage
from milestones.views import WATCH_PAGE_SIZE
from secor import hooks
from tests.clock import on
from tests.factories import CompanyFactory, ManualSubmissionFactory, certificate_without_pdf
from tests.milestones.helpers import milestone_1_met, registered
from tests.reckoned import folded

pytestmark = pytest.mark.django_db


def states(progress):
    return {step.step.key: step.state for step in progress}


def test_mil_4_the_suggested_dates_count_from_the_registration():
    steps = {s.step.key: s for s in roadmap(registration_date=date(2026, 1, 31), done={}, today=date(2026, 2, 1))}
    assert (steps["courses"].starts_on, steps["courses"].ends_on) == (date(2026, 1, 31), date(2026, 7, 31))
    assert (steps["proficiencies"].starts_on, steps["proficiencies"].ends_on) == (date(2026, 6, 30), date(2026, 9, 30))
    assert (steps["manual"].starts_on, steps["manual"].ends_on) == (date(2026, 9, 30), date(2026, 11, 30))
    assert (steps["milestone_2"].starts_on, steps["milestone_2"].ends_on) == (None, None)
    assert (steps["book_audit"].starts_on, steps["book_audit"].ends_on) == (date(2026, 12, 31), date(2027, 2, 28))
    assert (steps["audit"].starts_on, steps["audit"].ends_on) == (date(2027, 2, 28), date(2027, 5, 31))
    assert steps["certified"].ends_on == date(2027, 7, 31)


def test_mil_4_each_step_is_done_in_progress_behind_or_to_come():
    registration = date(2026, 1, 5)
    assert states(roadmap(registration_date=registration, done={}, today=date(2026, 3, 1))) == {
        "courses": "in progress",
        "proficiencies": "upcoming",
        "manual": "upcoming",
        "milestone_2": "upcoming",
        "book_audit": "upcoming",
        "audit": "upcoming",
        "certified": "upcoming",
    }
    late = roadmap(registration_date=registration, done={"courses": date(2026, 5, 1)}, today=date(2026, 9, 6))
    assert states(late)["courses"] == "done" and late[0].done_on == date(2026, 5, 1)
    assert states(late)["proficiencies"] == "behind"  # months 6-8 ended September 5
    assert states(late)["manual"] == "in progress"  # months 9-10 began September 5


def test_mil_4_the_company_page_shows_the_roadmap_and_the_letter(company, employer, login):
    letter = registered(company, date(2026, 1, 5))
    with on(date(2026, 3, 1)):
        page = login(employer).get(reverse("companies:detail", args=[company.pk])).content.decode()
    assert letter.reference in page and "Expires January 5, 2027" in folded(page)
    assert 'data-step="courses" data-state="in progress"' in page
    assert 'data-condition-met="no"' in page and "0 of 7" in page
    assert reverse("companies:document", args=[company.pk, letter.document_id]) in page


def test_man_3_the_employer_requests_milestone_2_and_staff_issue_it_from_the_company_page(
    company, employer, staff_user, login
):
    registered(company, date(2026, 1, 5))
    milestone_1_met(company, manual_approved_on=date(2026, 10, 1))
    detail = reverse("companies:detail", args=[company.pk])
    with on(date(2026, 10, 2)):
        page = login(employer).get(detail).content.decode()
        assert "Request the Milestone #2 letter" in page
        response = login(employer).post(reverse("milestones:request_next", args=[company.pk]), follow=True)
        assert "Your request for the Milestone #2 letter was sent to SCSA." in response.content.decode()
        page = login(staff_user).get(reverse("milestones:watch")).content.decode()
        assert company.legal_name in page.split('id="requests"')[1]
        issue = reverse("milestones:issue_next", args=[company.pk])
        assert "Milestone #1 is recorded as met today" in login(staff_user).post(issue).content.decode()
        response = login(staff_user).post(issue, {"confirmed": "yes"}, follow=True)
    assert "Milestone #2 letter SECOR-M2-" in response.content.decode()
    with on(date(2026, 10, 2)):
        page = login(employer).get(detail).content.decode()
    assert 'data-step="milestone_2" data-state="done"' in page and "4 of 7" in page


def test_mil_4_staff_filter_the_company_list_by_roadmap_stage(company, other_company, staff_user, login):
    registered(company, date(2026, 1, 5))
    registered(other_company, date(2026, 1, 5))
    milestone_1_met(other_company, manual_approved_on=date(2026, 10, 1))
    CompanyFactory(legal_name="Applied Only Ltd.", status=Company.Status.APPLIED)
    with on(date(2026, 10, 2)):
        client = login(staff_user)
        courses = client.get(reverse("companies:list"), {"stage": rules.COURSES}).context["page"]
        milestone_2 = client.get(reverse("companies:list"), {"stage": rules.MILESTONE_2}).context["page"]
        every = client.get(reverse("companies:list"))
    assert [c.pk for c in courses] == [company.pk]
    assert [c.pk for c in milestone_2] == [other_company.pk]
    # Their counts are the dashboard's, kept company by company: the same as the companies listed.
    assert (courses.paginator.count, milestone_2.paginator.count) == (1, 1)
    stages = {c.legal_name: c.roadmap_stage for c in every.context["page"]}
    assert stages == {
        company.legal_name: rules.STAGE_LABELS[rules.COURSES],
        other_company.legal_name: rules.STAGE_LABELS[rules.MILESTONE_2],
        "Applied Only Ltd.": "",
    }


def test_mil_4_each_page_of_the_list_has_the_stages_of_that_day_whatever_its_size(company, other_company, staff_user):
    """The list's stages (their SQL built once a day and page size) are the annotation's, on each day: a
    certificate past its expiry asks for the re-certification (RCT-1) with no write in between."""
    registered(company, date(2023, 1, 5))
    registered(other_company, date(2023, 1, 5))
    milestone_1_met(other_company, manual_approved_on=date(2023, 6, 1))
    MilestoneLetter.objects.create(
        company=other_company,
        milestone=MilestoneLetter.Milestone.SECOND,
        issued_on=date(2023, 6, 2),
        expires_on=date(2024, 6, 2),
    )
    certificate_without_pdf(other_company, staff_user, date(2023, 9, 1))  # valid through 2026-09-01
    CompanyFactory(legal_name="Applied Only Ltd.", status=Company.Status.APPLIED)
    everyone = list(Company.objects.order_by("pk"))
    seen = {}
    for day in (date(2026, 9, 1), date(2026, 9, 2)):
        expected = dict(with_stage(Company.objects.all(), today=day).values_list("pk", "roadmap_stage"))
        for page in (everyone, everyone[:1], everyone[1:]):
            assert stages_of(page, today=day) == {each.pk: expected[each.pk] for each in page}
        seen[day] = expected[other_company.pk]
    assert seen == {date(2026, 9, 1): rules.CERTIFIED, date(2026, 9, 2): rules.RECERTIFY}


def test_mil_4_sending_the_manual_moves_the_stage_on(company, staff_user, login):
    from tests.training.test_summaries import fully_trained

    registered(company, date(2026, 1, 5))
    fully_trained(company)
    hooks.changed(hooks.Topic.TRAINING, company_ids=[company.pk])

    def stage_of():
        with on(date(2026, 10, 2)):
            return login(staff_user).get(reverse("companies:list")).context["page"][0].roadmap_stage

    def counted_at(stage):
        with on(date(2026, 10, 2)):
            return login(staff_user).get(reverse("companies:list"), {"stage": stage}).context["page"].paginator.count

    assert stage_of() == rules.STAGE_LABELS[rules.MANUAL]
    assert (counted_at(rules.MANUAL), counted_at(rules.MILESTONE_2)) == (1, 0)
    ManualSubmissionFactory(company=company)  # sent, not yet approved
    hooks.changed(hooks.Topic.AUDITS, company_ids=[company.pk])  # as the manual's service says it
    assert stage_of() == rules.STAGE_LABELS[rules.MILESTONE_2]
    assert (counted_at(rules.MANUAL), counted_at(rules.MILESTONE_2)) == (0, 1)


def test_mil_4_the_calendar_feed_lists_the_deadlines_at_a_secret_address_the_company_can_change(
    company, employer, login
):
    registered(company, date(2026, 1, 5))
    client = login(employer)
    with on(date(2026, 3, 1)):
        page = client.get(reverse("milestones:calendar", args=[company.pk])).content.decode()
        assert "Create the calendar address" in page
        client.post(reverse("milestones:calendar", args=[company.pk]))
        token = CalendarFeed.objects.get(company=company).token
        feed = client.get(reverse("milestones:calendar_feed", args=[token]))
    body = feed.content.decode()
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20270105" in body and "SUMMARY:SECOR Milestone #1 letter expires" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    with on(date(2026, 3, 1)):
        client.post(reverse("milestones:calendar", args=[company.pk]))
    assert client.get(reverse("milestones:calendar_feed", args=[token])).status_code == 404
    new = CalendarFeed.objects.get(company=company).token
    assert new != token and client.get(reverse("milestones:calendar_feed", args=[new])).status_code == 200


def test_man_3_staff_see_the_milestone_2_requests_a_page_at_a_time_the_oldest_first(staff_user, login):
    asked = []
    for n in range(WATCH_PAGE_SIZE + 1):
        letter = registered(CompanyFactory(status=Company.Status.REGISTERED), date(2026, 1, 5))
        letter.next_requested_at = timezone.make_aware(datetime(2026, 10, 1, 9) + timedelta(hours=n))
        letter.save(update_fields=["next_requested_at"])
        asked.append(letter.company_id)
    staff = login(staff_user)
    with on(date(2026, 10, 2)):
        first = staff.get(reverse("milestones:watch")).context["requests"]
        second = staff.get(reverse("milestones:watch"), {"requests_page": 2}).context["requests"]
    assert first.paginator.count == WATCH_PAGE_SIZE + 1
    assert [letter.company_id for letter in first] == asked[:WATCH_PAGE_SIZE]
    assert [letter.company_id for letter in second] == asked[WATCH_PAGE_SIZE:]
