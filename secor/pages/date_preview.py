"""What a change of the settings that reckon dates would do, before it is saved (issue 28): the letters' months
after registration (MIL-1, MIL-2) and the days to correct a returned maintenance package (MNT-1).

Per DOMAIN, such a change applies to what is decided after it: a letter already issued keeps its expiry, a package
already returned keeps the day its correction is owed by. What moves is what SECOR decides next: the letters it
issues next (a Milestone #1 letter as a waiting application is accepted, or to a registered company that has none;
a Milestone #2 letter asked for), and the correction day of a package SCSA reviews now, should it be returned.
Each list is one query, whatever the number of companies."""

from dataclasses import dataclass
from datetime import date

from audits.maintenance import rules as maintenance_rules
from audits.maintenance.models import MaintenancePackage
from companies.models import Application, Company
from milestones import rules as milestone_rules
from milestones.models import MilestoneLetter
from secor.core.models import ProgramSettings
from secor.dates import long_date
from secor.reviews.models import Review

Milestone = MilestoneLetter.Milestone


@dataclass(frozen=True)
class MovedDate:
    """A date SECOR would decide differently: `now` with the current settings, `then` with the proposed ones."""

    company: str
    what: str
    now: date
    then: date


@dataclass(frozen=True)
class DatesPreview:
    letters: list[MovedDate]
    letters_kept: int  # letters already issued: they keep their expiry
    corrections: list[MovedDate]
    corrections_kept: int  # packages already returned: they keep their day


def _letters_next(today: date) -> list[tuple[str, int, date, str]]:
    """(company, milestone, registration date, why) of each letter SECOR would issue next (MIL-1, MIL-2)."""
    waiting = Application.objects.filter(decision=Application.Decision.PENDING).select_related("company")
    without = Company.objects.filter(
        status=Company.Status.REGISTERED, registration_date__isnull=False, milestone_letters__isnull=True
    )
    requested = MilestoneLetter.objects.filter(
        milestone=Milestone.FIRST,
        next_requested_at__isnull=False,
        settled=MilestoneLetter.Settled.OPEN,
        earlier_registration=False,
    ).select_related("company")
    return [
        *((a.company.legal_name, Milestone.FIRST, today, "Milestone #1 letter, if accepted today") for a in waiting),
        *((c.legal_name, Milestone.FIRST, c.registration_date, "Milestone #1 letter, not issued yet") for c in without),
        *(
            (r.company.legal_name, Milestone.SECOND, r.company.registration_date, "Milestone #2 letter, asked for")
            for r in requested
        ),
    ]


def _months(settings: ProgramSettings, milestone: int) -> int:
    return settings.milestone_1_months if milestone == Milestone.FIRST else settings.milestone_2_months


def dates_preview(proposed: ProgramSettings, *, today: date) -> DatesPreview:
    current = ProgramSettings.current()
    letters = []
    if (current.milestone_1_months, current.milestone_2_months) != (
        proposed.milestone_1_months,
        proposed.milestone_2_months,
    ):
        for company, milestone, registered, what in _letters_next(today):
            now, then = (
                milestone_rules.letter_expiry(registration_date=registered, months=_months(settings, milestone))
                for settings in (current, proposed)
            )
            if now != then:
                letters.append(MovedDate(company, what, now, then))
    corrections = []
    if current.maintenance_correction_days != proposed.maintenance_correction_days:
        # A package sent in time owes nothing while SCSA reviews it; returned today, it would owe its correction
        # by the window's end. One sent late stays owed by the day it missed, whatever the window.
        in_review = MaintenancePackage.objects.filter(
            review__state=Review.State.SUBMITTED, anniversary__owed_by__isnull=True
        ).select_related("company", "anniversary")
        for package in in_review:
            now, then = (
                maintenance_rules.maintenance_owed_by_after_return(
                    owed_by=None, returned_on=today, correction_days=settings.maintenance_correction_days
                )
                for settings in (current, proposed)
            )
            what = f"Maintenance package for the anniversary of {long_date(package.anniversary.on)}"
            corrections.append(MovedDate(package.company.legal_name, what, now, then))
    return DatesPreview(
        sorted(letters, key=lambda row: (row.company, row.what)),
        MilestoneLetter.objects.filter(settled=MilestoneLetter.Settled.OPEN, earlier_registration=False).count(),
        sorted(corrections, key=lambda row: (row.company, row.what)),
        MaintenancePackage.objects.filter(review__state=Review.State.RETURNED).count(),
    )
