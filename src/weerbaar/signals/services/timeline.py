"""The append-only timeline of a signal, written by the services (never by a view)."""

from __future__ import annotations

from typing import Any

from weerbaar.core.context import ProcessingContext

from ..models import Signal, TimelineEvent


def timeline_add(
    ctx: ProcessingContext, signal: Signal, kind: str, text: str = "", **fields: Any
) -> TimelineEvent:
    """One event on the signal's timeline, by the context's actor and organisation."""
    return TimelineEvent.objects.create(
        signal=signal,
        kind=kind,
        actor=ctx.username,
        organisation=ctx.organisation_code,
        text=text,
        **fields,
    )
