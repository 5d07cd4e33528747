"""Reads of indicators and their values, through the policy, with the processing context.

What must hold: `indicator_values` applies disclosure control (indicators.disclosure) for every
context without shielded clearance: counts below the indicator's threshold appear as "< n",
cells that would give them back as "×", and neither value leaves this module. Indicators hold
no personal data (aggregates only), so these reads are not audited per subject.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for

from .disclosure import Table, area_table, protect
from .models import Indicator, IndicatorValue, parent_area


@dataclass(frozen=True)
class ShownValue:
    area_code: str
    period_start: dt.date
    period_end: dt.date
    value: Decimal | None  # None when suppressed
    shown: str  # the figure as published: "1234", "< 5" or "×"
    suppressed: str  # "", "primair" or "secundair"


def indicator_list(*, ctx: ProcessingContext, theme: str = "") -> list[Indicator]:
    qs = policy_for(Indicator).visible(ctx).select_related("owner")
    if theme:
        qs = qs.filter(theme=theme)
    return list(qs)


def indicator_get(*, ctx: ProcessingContext, key: str) -> Indicator | None:
    return policy_for(Indicator).visible(ctx).select_related("owner").filter(key=key).first()


def _parents(codes: set[str]) -> dict[str, str | None]:
    """CBS parents by code; a province is the parent of every municipality when both are present
    (one region per table: the platform holds one province)."""
    provinces = sorted(c for c in codes if c.startswith("PV"))
    parents: dict[str, str | None] = {}
    for code in codes:
        parent = parent_area(code)
        if parent is None and code.startswith("GM") and len(provinces) == 1:
            parent = provinces[0]
        parents[code] = parent
    return parents


def indicator_values(
    *,
    ctx: ProcessingContext,
    indicator: Indicator,
    level: str = "",
    period_start: dt.date | None = None,
) -> list[ShownValue]:
    """The values of a visible indicator, optionally of one area level (PV, GM, WK, BU) and of
    the periods starting on `period_start`. Suppression is computed on all areas of a period
    (not only those asked for), so that filtering cannot undo it."""
    qs = policy_for(IndicatorValue).visible(ctx).filter(indicator=indicator)
    if period_start is not None:
        qs = qs.filter(period_start=period_start)
    by_period: dict[tuple[dt.date, dt.date], dict[str, IndicatorValue]] = defaultdict(dict)
    for item in qs.order_by("period_start", "period_end", "area_code"):
        by_period[(item.period_start, item.period_end)][item.area_code] = item
    open_figures = ctx.clearance.shielded
    shown: list[ShownValue] = []
    for (start, end), items in by_period.items():
        counts = {code: int(v.value) for code, v in items.items() if v.is_count}
        protected = None
        if counts and not open_figures:
            table: Table = area_table(counts, parents=_parents(set(counts)))
            protected = protect(table, threshold=indicator.suppression_threshold)
        for code, item in items.items():
            if level and not code.startswith(level):
                continue
            if protected is None or code not in counts or code in protected.published:
                shown.append(ShownValue(code, start, end, item.value, _figure(item), ""))
            else:
                kind = "primair" if code in protected.primary else "secundair"
                shown.append(ShownValue(code, start, end, None, protected.shown(code), kind))
    return shown


def _figure(item: IndicatorValue) -> str:
    value = item.value.normalize() if item.value == item.value.to_integral_value() else item.value
    return f"{value:f}" if not item.is_count else str(int(item.value))
