from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from weerbaar.accounts.models import User
from weerbaar.accounts.services import token_issue
from weerbaar.privacy.context import command_context


class Command(BaseCommand):
    help = "Issue a personal API token for USERNAME (use as 'Authorization: Token <token>')."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--label", default="")
        parser.add_argument(
            "--shielded",
            action="store_true",
            help=(
                "the token counts as a second factor: only for a demo account in demo mode; a real "
                "partner-system token needs a four-eyes proposal (/accounts/beheer/voorstellen)"
            ),
        )

    def handle(self, *args, username, label, shielded, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}")
        if shielded and not (user.is_demo and settings.WEERBAAR_DEMO):
            raise CommandError(
                "A token that counts as a second factor is given by two people: propose it at "
                "/accounts/beheer/voorstellen and let another administrator or the FG approve it."
            )
        token = token_issue(
            ctx=command_context(command="issue_token"), user=user, label=label, allows_shielded=shielded
        )
        self.stdout.write(token)
        self.stderr.write("Store it now: it is not kept and cannot be shown again.")
