"""Notify the assigned organisation once per stage when a signal's stage deadline has passed (daily)."""

from django.core.management.base import BaseCommand

from weerbaar.privacy.context import command_context
from weerbaar.signals.services import overdue_notify


class Command(BaseCommand):
    help = "Notify about signals whose stage deadline has passed (once per signal and stage)."

    def handle(self, *args, **options):
        sent = overdue_notify(ctx=command_context(command="signals_overdue"))
        self.stdout.write(f"{sent} notification(s)")
