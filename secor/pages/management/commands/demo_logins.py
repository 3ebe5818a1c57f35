from django.core.management.base import BaseCommand

from secor.pages.management.commands.load_demo import print_logins


class Command(BaseCommand):
    help = "Print the demo logins (role, email, password) that load_demo creates."

    def handle(self, *args, **options):
        print_logins(self.stdout)
