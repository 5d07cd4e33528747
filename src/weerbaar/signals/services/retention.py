"""Retention: closed signals are anonymised after a configurable period, and what was removed is
logged (in the retention log and the audit log). The platform's own processing: it runs for a
command's context (`command_context`), never for a user.

Defaults: 5 years after closing (afgesloten), 1 year after geen vervolg. Settings:
SIGNALS_RETENTION_CLOSED_DAYS, SIGNALS_RETENTION_NO_FOLLOWUP_DAYS.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.personal_data import platform_processing
from weerbaar.core.policies import require

from ..models import Case, RetentionLog, Signal, TimelineEvent
from ..workflow import State

CLOSED_DAYS = 5 * 365
NO_FOLLOWUP_DAYS = 365
ANONYMISED = "[geanonimiseerd]"
PLATFORM_ONLY = "retention is the platform's own processing"


def periods() -> dict[str, dt.timedelta]:
    return {
        State.AFGESLOTEN: dt.timedelta(days=getattr(settings, "SIGNALS_RETENTION_CLOSED_DAYS", CLOSED_DAYS)),
        State.GEEN_VERVOLG: dt.timedelta(
            days=getattr(settings, "SIGNALS_RETENTION_NO_FOLLOWUP_DAYS", NO_FOLLOWUP_DAYS)
        ),
    }


def retention_due(*, ctx: ProcessingContext, now: dt.datetime | None = None) -> list[Signal]:
    """The signals whose retention period has passed, not yet anonymised."""
    require(ctx.system, PLATFORM_ONLY)
    now = now or timezone.now()
    with platform_processing("retention: signals due"):
        qs = Signal.objects.none()
        for state, period in periods().items():
            qs |= Signal.objects.filter(state=state, closed_at__lte=now - period, anonymised_at__isnull=True)
        return list(qs)


@transaction.atomic
def anonymise(*, ctx: ProcessingContext, signal: Signal) -> RetentionLog:
    """Remove the signal's subjects, comments, attachments (files after the commit), enrichments,
    notifications and free text; keep who did what when. One audit entry says what was removed."""
    require(ctx.system, PLATFORM_ONLY)
    with audited(ctx, object_type="signals.signal", action=Action.DELETE) as record:
        signal = Signal.objects.select_for_update().get(pk=signal.pk)
        removed: dict[str, Any] = {
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
        case = signal.case
        if case is not None and not case.signals.filter(anonymised_at__isnull=True).exists():
            Case.objects.filter(pk=case.pk).update(title=ANONYMISED)
            if hasattr(case, "evaluation"):
                case.evaluation.bottlenecks = ""
                case.evaluation.save(update_fields=["bottlenecks"])
            removed["casus"] = case.number
        TimelineEvent.objects.create(signal=signal, kind=TimelineEvent.Kind.RETENTION, actor="retention")
        log = RetentionLog.objects.create(
            signal_number=signal.number, state=signal.state, closed_at=signal.closed_at, removed=removed
        )
        record.disclosed(
            object_id=signal.number, detail={"bewaartermijn": signal.state, "verwijderd": removed}
        )
        return log


def retention_run(
    *, ctx: ProcessingContext, now: dt.datetime | None = None, dry_run: bool = False
) -> list[RetentionLog] | list[Signal]:
    """Anonymise every signal that is due (with `dry_run`: only list them)."""
    signals = retention_due(ctx=ctx, now=now)
    if dry_run:
        return signals
    return [anonymise(ctx=ctx, signal=s) for s in signals]
