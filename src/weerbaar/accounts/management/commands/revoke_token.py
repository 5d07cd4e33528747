from django.core.management.base import BaseCommand, CommandError

from weerbaar.accounts.models import User
from weerbaar.accounts.services import token_revoke
from weerbaar.privacy.context import command_context


class Command(BaseCommand):
    help = "Revoke USERNAME's API tokens (all, or the one starting with --prefix)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--prefix")

    def handle(self, *args, username, prefix, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}")
        count = token_revoke(ctx=command_context(command="revoke_token"), user=user, prefix=prefix)
        self.stdout.write(f"{count} token(s) revoked")
