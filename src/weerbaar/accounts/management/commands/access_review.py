import csv

from django.core.management.base import BaseCommand
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.accounts.models import User


class Command(BaseCommand):
    help = (
        "Yearly access review (BIO): every account with organisation, roles, MFA, last login, tokens (CSV)."
    )

    def handle(self, *args, **options):
        with_device = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
        writer = csv.writer(self.stdout)
        writer.writerow(
            ["username", "active", "demo", "organisation", "roles", "mfa", "last_login", "active_tokens"]
        )
        users = User.objects.select_related("organisation").prefetch_related("role_assignments", "api_tokens")
        for user in users.order_by("username"):
            writer.writerow(
                [
                    user.username,
                    user.is_active,
                    user.is_demo,
                    user.organisation.code if user.organisation else "",
                    ";".join(sorted(r.role for r in user.role_assignments.all())),
                    user.pk in with_device,
                    user.last_login.isoformat() if user.last_login else "",
                    sum(1 for t in user.api_tokens.all() if t.revoked_at is None),
                ]
            )
