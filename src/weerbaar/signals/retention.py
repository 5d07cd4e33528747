"""Retention: closed signals are anonymised after a configurable period, and what was removed is logged.

Defaults: 5 years after closing (afgesloten), 1 year after geen vervolg. Settings:
SIGNALS_RETENTION_CLOSED_DAYS, SIGNALS_RETENTION_NO_FOLLOWUP_DAYS.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log

from .models import Case, RetentionLog, Signal, TimelineEvent
from .workflow import State

CLOSED_DAYS = 5 * 365
NO_FOLLOWUP_DAYS = 365
ANONYMISED = "[geanonimiseerd]"


def periods() -> dict[str, timedelta]:
    return {
        State.AFGESLOTEN: timedelta(days=getattr(settings, "SIGNALS_RETENTION_CLOSED_DAYS", CLOSED_DAYS)),
        State.GEEN_VERVOLG: timedelta(
            days=getattr(settings, "SIGNALS_RETENTION_NO_FOLLOWUP_DAYS", NO_FOLLOWUP_DAYS)
        ),
    }


def due(now=None):
    now = now or timezone.now()
    qs = Signal.objects.none()
    for state, period in periods().items():
        qs |= Signal.objects.filter(state=state, closed_at__lte=now - period, anonymised_at__isnull=True)
    return qs


@transaction.atomic
def anonymise(signal: Signal) -> RetentionLog:
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    removed = {
        "onderwerpen": signal.subjects.count(),
        "opmerkingen": signal.comments.count(),
        "bijlagen": signal.attachments.count(),
        "verrijkingen": signal.enrichments.count(),
        "meldingen": signal.notifications.count(),
        "toelichting": bool(signal.description),
        "locatie": bool(signal.address or signal.parcel or signal.point or signal.area),
    }
    files = [(a.file.storage, a.file.name) for a in signal.attachments.all()]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    signal.attachments.all().delete()
    signal.subjects.all().delete()
    signal.comments.all().delete()
    signal.enrichments.all().delete()
    signal.notifications.all().delete()
    # disclosure requests keep who asked whom, when and what was decided on which legal basis,
    # but not the matched subject keys (names, dates of birth) or the free-text purpose
    removed["verstrekkingsverzoeken"] = signal.disclosure_requests.update(keys=[], purpose=ANONYMISED)
    # the timeline stays (who did what, when) but loses any free text
    TimelineEvent.objects.filter(signal=signal).exclude(text="").update(text="")
    signal.title = ANONYMISED
    signal.description = ""
    signal.no_followup_reason = ""
    signal.address = signal.address_key = signal.parcel = ""
    signal.point = signal.area = None
    signal.reported_by = signal.assigned_to = None
    signal.anonymised_at = timezone.now()
    signal.save()
    if signal.case_id and not signal.case.signals.filter(anonymised_at__isnull=True).exists():
        Case.objects.filter(pk=signal.case_id).update(title=ANONYMISED)
        if hasattr(signal.case, "evaluation"):
            signal.case.evaluation.bottlenecks = ""
            signal.case.evaluation.save(update_fields=["bottlenecks"])
        removed["casus"] = signal.case.number
    TimelineEvent.objects.create(signal=signal, kind=TimelineEvent.Kind.RETENTION, actor="retention")
    log = RetentionLog.objects.create(
        signal_number=signal.number, state=signal.state, closed_at=signal.closed_at, removed=removed
    )
    audit_log(
        actor=None,
        action=Action.DELETE,
        object_type="signals.signal",
        object_id=signal.number,
        detail={"bewaartermijn": signal.state, "verwijderd": removed},
    )
    return log


def run(now=None, dry_run: bool = False) -> list[RetentionLog | Signal]:
    signals = list(due(now))
    if dry_run:
        return signals
    return [anonymise(s) for s in signals]
