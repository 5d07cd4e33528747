from django.conf import settings
from django.core.management.base import BaseCommand

from weerbaar.accounts.demo import DEMO_PASSWORD, demo_accounts_load


class Command(BaseCommand):
    help = "Create one demo account per role (they only work while WEERBAAR_DEMO=1)."

    def handle(self, *args, **options):
        rows = demo_accounts_load()
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for username, role, organisation in rows:
            self.stdout.write(f"  {username:<16} {role:<36} {organisation}")
        if not settings.WEERBAAR_DEMO:
            self.stdout.write(self.style.WARNING("WEERBAAR_DEMO is off: these accounts cannot log in."))
