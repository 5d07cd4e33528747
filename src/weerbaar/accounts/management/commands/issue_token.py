from django.core.management.base import BaseCommand, CommandError

from weerbaar.accounts.models import User
from weerbaar.accounts.services import token_issue


class Command(BaseCommand):
    help = "Issue a personal API token for USERNAME (use as 'Authorization: Token <token>')."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--label", default="")
        parser.add_argument(
            "--shielded",
            action="store_true",
            help="the token counts as a second factor (partner-system integration); audited",
        )

    def handle(self, *args, username, label, shielded, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}")
        token = token_issue(actor=None, user=user, label=label, allows_shielded=shielded)
        self.stdout.write(token)
        self.stderr.write("Store it now: it is not kept and cannot be shown again.")
