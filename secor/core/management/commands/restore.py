from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from secor.backups import restore


class Command(BaseCommand):
    help = (
        "Replace the database and the stored files by a backup folder's (stop the app and its workers first). "
        "Checks that every table's rows and every file are back."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--yes", action="store_true", help="Confirm: the current data is replaced.")

    def handle(self, *args, folder: Path, yes: bool, **options):
        if not yes:
            raise CommandError("This replaces every record and file of SECOR by the backup's: add --yes to go on.")
        manifest = restore(source=folder)
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Restored {folder}: {rows:,} rows and {len(manifest['files']):,} files, as backed up.")
