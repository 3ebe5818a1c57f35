from django.core.management.base import BaseCommand

from secor.notices.kinds import NOTICE_KINDS
from secor.notices.services import notices_sweep


class Command(BaseCommand):
    help = "Run the daily notice sweep now: claim the deadline notices due today, send what is waiting (NTC-1)."

    def handle(self, *args, **options):
        report = notices_sweep()
        claimed = sum(report.claimed_by_kind.values())
        self.stdout.write(f"Notice sweep of {report.sweep.day}: claimed {claimed} new notice(s).")
        for kind, count in report.claimed_by_kind.items():
            self.stdout.write(f"  {NOTICE_KINDS[kind].label}: {count}")
        delivered = ", ".join(f"{state.replace('_', ' ')} {count}" for state, count in sorted(report.delivered.items()))
        self.stdout.write(f"Delivered: {delivered or 'nothing was waiting'}.")
        if report.in_doubt:
            self.stdout.write(f"{report.in_doubt} notice(s) now in doubt: see Notices in the staff pages.")
