"""After a register import: tell the assigned organisation which open signals to enrich again.

The command does not enrich by itself: an enrichment reads shielded data and needs a person with a
verified second factor. It notifies once per signal and import.
"""

from django.core.management.base import BaseCommand
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from weerbaar.registers.models import ImportRun
from weerbaar.signals.models import EnrichmentRun, Signal
from weerbaar.signals.notifications import notify_once
from weerbaar.signals.workflow import TERMINAL


class Command(BaseCommand):
    help = "Notify about open signals whose enrichment is older than the last register import."

    def handle(self, *args, **options):
        last_import = (
            ImportRun.objects.filter(status="ok")
            .order_by("-gestart")
            .values_list("gestart", flat=True)
            .first()
        )
        if last_import is None:
            self.stdout.write("no register imports")
            return
        latest = (
            EnrichmentRun.objects.filter(signal=OuterRef("pk"))
            .order_by("-created_at")
            .values("created_at")[:1]
        )
        stale = (
            Signal.objects.exclude(state__in=TERMINAL)
            .filter(anonymised_at__isnull=True)
            .annotate(enriched_at=Subquery(latest))
            .filter(enriched_at__lt=last_import)
        )
        sent = 0
        for signal in stale:
            message = _("Signaal %(number)s: registers bijgewerkt, verrijk opnieuw") % {
                "number": signal.number
            }
            sent += notify_once(signal, message, last_import)
        self.stdout.write(f"{sent} notification(s)")
