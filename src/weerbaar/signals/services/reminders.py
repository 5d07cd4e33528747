"""Reminders the platform sends by itself (daily commands): stage deadlines that passed, and
enrichments older than the last register import. In-app, once per signal and occasion; the
message names the signal's number and state, never a subject."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.core.context import ProcessingContext
from weerbaar.core.personal_data import platform_processing
from weerbaar.core.policies import policy_for, require
from weerbaar.registers import selectors as registers

from ..models import EnrichmentRun, Notification, Signal
from ..notifications import notify_once
from ..workflow import TERMINAL, State

PLATFORM_ONLY = "reminders are the platform's own processing"


def overdue_notify(*, ctx: ProcessingContext, now: dt.datetime | None = None) -> int:
    """Notify the assigned organisation once per stage when a signal's deadline has passed."""
    require(ctx.system, PLATFORM_ONLY)
    now = now or timezone.now()
    sent = 0
    with platform_processing("signals: stage deadlines"):
        overdue = Signal.objects.filter(stage_deadline__lt=now, anonymised_at__isnull=True).exclude(
            state__in=TERMINAL
        )
        for signal in overdue.select_related("assigned_organisation"):
            message = _("Signaal %(number)s: termijn verlopen (%(state)s)") % {
                "number": signal.number,
                "state": State(signal.state).label,
            }
            sent += notify_once(signal, message, signal.state_changed_at)
    return sent


def stale_enrichments_notify(*, ctx: ProcessingContext) -> int | None:
    """Tell the assigned organisation which open signals to enrich again after a register import
    (enriching reads shielded data and needs a person with a second factor: never done here).
    None when no register was ever imported."""
    require(ctx.system, PLATFORM_ONLY)
    last = registers.laatste_import(ctx=ctx)
    if last is None:
        return None
    sent = 0
    with platform_processing("signals: enrichments older than the registers"):
        latest = (
            EnrichmentRun.objects.filter(signal=OuterRef("pk"))
            .order_by("-created_at")
            .values("created_at")[:1]
        )
        stale = (
            Signal.objects.exclude(state__in=TERMINAL)
            .filter(anonymised_at__isnull=True)
            .annotate(enriched_at=Subquery(latest))
            .filter(enriched_at__lt=last.gestart)
        )
        for signal in stale:
            message = _("Signaal %(number)s: registers bijgewerkt, verrijk opnieuw") % {
                "number": signal.number
            }
            sent += notify_once(signal, message, last.gestart)
    return sent


def notifications_mark_read(*, ctx: ProcessingContext) -> int:
    """Mark every unread notification of the context's actor read."""
    unread = policy_for(Notification).visible(ctx).filter(read_at__isnull=True)
    return unread.update(read_at=timezone.now())
