"""A company's own roadmap (MIL-4): its steps done with their dates, and its dates to come for its calendar feed."""

from datetime import date

from companies.models import Company
from milestones import rules
from milestones.models import MilestoneLetter
from milestones.selectors.standing import Standing
from training.chart import Chart
from training.models import TrainingDeadline
from training.rules import CourseCode
from training.summaries import summaries_refresh

Milestone = MilestoneLetter.Milestone


def roadmap_of(*, company: Company, chart: Chart, standing: Standing, today: date) -> list[rules.StepProgress]:
    """MIL-4: the suggested timeline from the registration date, each step done (with its date) or not."""
    if company.registration_date is None:
        return []
    done: dict[str, date | None] = {}
    if chart.held(CourseCode.FROM_COURSES):
        done[rules.COURSES] = chart.held_since(CourseCode.FROM_COURSES)
    if chart.held(CourseCode.FROM_SUBMISSION):
        done[rules.PROFICIENCIES] = chart.held_since(CourseCode.FROM_SUBMISSION)
    if standing.manual_sent_on is not None:
        done[rules.MANUAL] = standing.manual_sent_on
    second = [
        letter
        for letter in standing.letters
        if letter.milestone == Milestone.SECOND and not letter.earlier_registration
    ]
    if second:
        done[rules.MILESTONE_2] = second[-1].issued_on
    if standing.baseline_booked_on is not None:
        done[rules.BOOK_AUDIT] = standing.baseline_booked_on
    if standing.baseline_achieved_on is not None:
        done[rules.AUDIT] = standing.baseline_achieved_on
    if standing.certified_on is not None:
        done[rules.CERTIFIED] = standing.certified_on
    status = company.status_on(today)
    stopped_on = None
    if status.status in (Company.Status.DEROLLED, Company.Status.WITHDRAWN):
        stopped_on = status.derolled_on or status.left_program_on or today
    return rules.roadmap(registration_date=company.registration_date, done=done, today=today, stopped_on=stopped_on)


def calendar_of(*, company: Company, today: date) -> list[tuple[str, date, str]]:
    """MIL-4: the company's dates to come, for its calendar feed: (uid, day, summary)."""
    events = [
        (
            f"letter-{letter.pk}-{letter.expires_on:%Y%m%d}",
            letter.expires_on,
            f"SECOR {letter.get_milestone_display()} letter expires",
        )
        for letter in company.milestone_letters.filter(
            settled=MilestoneLetter.Settled.OPEN, expires_on__gte=today, earlier_registration=False
        )
    ]
    summaries_refresh(Company.objects.filter(pk=company.pk), today=today)
    deadlines = TrainingDeadline.objects.filter(company=company, due_on__gte=today).select_related("employee")
    labels = {
        TrainingDeadline.Kind.SELF_AUDIT: "self-audit and Internal Auditor Certification due",
        TrainingDeadline.Kind.LSE_PROFICIENCY: "LSE proficiency due",
        TrainingDeadline.Kind.MAINTENANCE_AUDIT: "personal maintenance audit due",
        TrainingDeadline.Kind.AUDITOR_EXPIRY: "internal auditor status expires",
    }
    events += [
        (
            f"{deadline.kind}-{deadline.employee_id}-{deadline.due_on:%Y%m%d}",
            deadline.due_on,
            f"SECOR: {deadline.employee} — {labels[deadline.kind]}",
        )
        for deadline in deadlines
    ]
    return sorted(events, key=lambda event: (event[1], event[0]))
