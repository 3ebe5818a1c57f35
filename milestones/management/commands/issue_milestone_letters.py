"""MIL-1 for companies registered before SECOR issued letters: each gets its Milestone #1 letter, dated by
its registration. Run once after deploying letters; running it again issues nothing twice."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from milestones.services import letters_issue_missing
from secor.dates import long_date


class Command(BaseCommand):
    help = "Issue the Milestone #1 letter of every registered company that has none, dated by its registration."

    def handle(self, *args, **options):
        letters = letters_issue_missing()
        today = timezone.localdate()
        expired = [letter for letter in letters if letter.expires_on < today]
        self.stdout.write(f"{len(letters)} Milestone #1 letter{'s' if len(letters) != 1 else ''} issued.")
        if expired:
            # MIL-3 applies to them at the next sweep: staff decide first whether to extend them.
            self.stdout.write(
                f"{len(expired)} of them expired before today ({long_date(today)}): unless met, the next daily sweep "
                "de-rolls those companies. Extend them first where SCSA decides so:"
            )
            for letter in expired:
                self.stdout.write(f"  {letter.company} — {letter.reference}, expired {long_date(letter.expires_on)}")
