"""Notify the assigned organisation once per stage when a signal's stage deadline has passed (daily)."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.signals.models import Signal
from weerbaar.signals.notifications import notify_once
from weerbaar.signals.workflow import TERMINAL, State


class Command(BaseCommand):
    help = "Notify about signals whose stage deadline has passed (once per signal and stage)."

    def handle(self, *args, **options):
        now = timezone.now()
        overdue = Signal.objects.filter(stage_deadline__lt=now, anonymised_at__isnull=True).exclude(
            state__in=TERMINAL
        )
        sent = 0
        for signal in overdue.select_related("assigned_organisation"):
            message = _("Signaal %(number)s: termijn verlopen (%(state)s)") % {
                "number": signal.number,
                "state": State(signal.state).label,
            }
            sent += notify_once(signal, message, signal.state_changed_at)
        self.stdout.write(f"{sent} notification(s)")
