"""The world's milestone objects of one company: its Milestone #1 letter and its calendar address."""

from datetime import timedelta

from django.utils import timezone

from companies.models import Company
from milestones.models import CalendarFeed, LetterExtension, MilestoneLetter


def objects(company: Company) -> dict:
    today = timezone.localdate()
    return {
        # Staff may extend the letter; its PDF is not rendered here.
        "letter": MilestoneLetter.objects.create(
            company=company, milestone=1, issued_on=today - timedelta(days=30), expires_on=today + timedelta(days=335)
        ),
        "calendar_feed": CalendarFeed.objects.create(company=company),
    }


def payload(world) -> dict:
    """A letter's extension (with companies' `reason`)."""
    return {"to_date": "2099-01-31"}


# Whose rows a request could change.
MODELS = (MilestoneLetter, LetterExtension, CalendarFeed)
