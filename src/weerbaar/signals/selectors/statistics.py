"""Aggregate counts of signals for the platform's statistics (indicators.registry).

What must hold: only the platform itself asks (`ctx.system`: a command or a job without a user);
a person gets PermissionDenied and reads signals through the audited, policy-filtered selectors.
The answer holds counts per municipality (CBS code), phenomenon and state, and lead times per
municipality: no signal, case, subject or organisation of a reporter. Each answer is logged as a
count (`record.answered`), and the indicators app suppresses small counts before anything is
published.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, Q

from weerbaar.audit.recording import audited
from weerbaar.core.context import ProcessingContext

from ..models import Intervention, Signal
from ..policies import ACTIVITIES


@dataclass(frozen=True)
class SignalCount:
    municipality: str  # CBS code, "" when the signal names none
    phenomenon: str
    state: str
    count: int


@dataclass(frozen=True)
class LeadTime:
    """Cases whose first intervention was executed in the period, by the municipality of their
    first signal: how many, and the median of days from that signal to that intervention."""

    municipality: str
    cases: int
    median_days: float


def _platform_only(ctx: ProcessingContext) -> None:
    if not ctx.system:
        raise PermissionDenied("signal statistics are computed by the platform only")


def signal_counts(*, ctx: ProcessingContext, start: dt.date, end: dt.date) -> list[SignalCount]:
    """Signals received from `start` to `end` (inclusive) by municipality, phenomenon and state."""
    _platform_only(ctx)
    with audited(ctx, object_type="signals.signal", purposes=ACTIVITIES) as record:
        rows = (
            Signal.objects.filter(received_on__gte=start, received_on__lte=end)
            .values("municipality__cbs_code", "phenomenon", "state")
            .annotate(n=Count("pk"))
            .order_by("municipality__cbs_code", "phenomenon", "state")
        )
        counts = [
            SignalCount(r["municipality__cbs_code"] or "", r["phenomenon"], r["state"], r["n"]) for r in rows
        ]
        record.answered(
            question={"signalen per gemeente, fenomeen en fase": [start.isoformat(), end.isoformat()]},
            answer=sum(c.count for c in counts),
        )
        return counts


def signal_lead_times(*, ctx: ProcessingContext, start: dt.date, end: dt.date) -> list[LeadTime]:
    """Days from a case's first signal to its first executed intervention, per municipality."""
    _platform_only(ctx)
    with audited(ctx, object_type="signals.case", purposes=ACTIVITIES) as record:
        first_intervention = {
            r["case_id"]: r["first"]
            for r in Intervention.objects.filter(executed_on__isnull=False)
            .values("case_id")
            .annotate(first=Min("executed_on"))
        }
        days: dict[str, list[int]] = {}
        first_signals = (
            Signal.objects.filter(case_id__in=list(first_intervention))
            .order_by("case_id", "received_on", "pk")
            .values_list("case_id", "received_on", "municipality__cbs_code")
        )
        seen: set[int] = set()
        for case_id, received_on, code in first_signals:
            if case_id in seen:
                continue
            seen.add(case_id)
            executed = first_intervention[case_id]
            if start <= executed <= end:
                days.setdefault(code or "", []).append((executed - received_on).days)
        times = [LeadTime(code, len(d), float(statistics.median(d))) for code, d in sorted(days.items())]
        record.answered(
            question={"doorlooptijd signaal tot interventie": [start.isoformat(), end.isoformat()]},
            answer=sum(t.cases for t in times),
        )
        return times


def signal_counts_in_areas(
    *, ctx: ProcessingContext, areas: dict[str, GEOSGeometry], since: dt.date
) -> dict[str, int]:
    """Signals received since `since` whose point or area lies in each named area (RD New), e.g.
    a holiday park's outline: a count per name, no signal shown."""
    _platform_only(ctx)
    counts: dict[str, int] = {}
    with audited(ctx, object_type="signals.signal", purposes=ACTIVITIES) as record:
        recent = Signal.objects.filter(received_on__gte=since)
        for name, shape in areas.items():
            counts[name] = recent.filter(Q(point__intersects=shape) | Q(area__intersects=shape)).count()
        record.answered(
            question={"signalen in gebieden sinds": since.isoformat(), "gebieden": len(areas)},
            answer=sum(counts.values()),
        )
    return counts
