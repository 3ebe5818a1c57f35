from pathlib import Path

from django.core.management.base import BaseCommand

from secor.backups import backup


class Command(BaseCommand):
    help = "Back up the database and every stored file into a new folder under --into (default: backups/)."

    def add_arguments(self, parser):
        parser.add_argument("--into", type=Path, default=Path("backups"))

    def handle(self, *args, into: Path, **options):
        folder = backup(into=into)
        self.stdout.write(f"Backed up to {folder}")
