"""Reads of indicators and their values, through the policy, with the processing context.

What must hold: `indicator_values` applies disclosure control (indicators.disclosure) for every
context without shielded clearance: counts below the indicator's threshold appear as "< n",
cells that would give them back as "×", and neither value leaves this module. Indicators hold
no personal data (aggregates only), so these reads are not audited per subject.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for

from .disclosure import Table, area_period_table, protect
from .disclosure.table import Key
from .models import AreaName, Indicator, IndicatorValue, QuarterlyReport, parent_area


@dataclass(frozen=True)
class ShownValue:
    area_code: str
    period_start: dt.date
    period_end: dt.date
    value: Decimal | None  # None when suppressed
    shown: str  # the figure as published: "1234", "< 5" or "×"
    suppressed: str  # "", "primair" or "secundair"
    is_count: bool = True  # a number of cases (subject to suppression), not a rate or score


def indicator_list(*, ctx: ProcessingContext, theme: str = "") -> list[Indicator]:
    qs = policy_for(Indicator).visible(ctx).select_related("owner", "follows")
    if theme:
        qs = qs.filter(theme=theme)
    return list(qs)


def indicator_get(*, ctx: ProcessingContext, key: str) -> Indicator | None:
    return policy_for(Indicator).visible(ctx).select_related("owner", "follows").filter(key=key).first()


def indicator_values(
    *,
    ctx: ProcessingContext,
    indicator: Indicator,
    level: str = "",
    period_start: dt.date | None = None,
) -> list[ShownValue]:
    """The values of a visible indicator, optionally of one area level (PV, GM, WK, BU) and of
    the periods starting on `period_start`. Suppression is computed on every area and period of
    the indicator (not only those asked for), so that asking per filter cannot undo it."""
    items = list(
        policy_for(IndicatorValue)
        .visible(ctx)
        .filter(indicator=indicator)
        .order_by("period_start", "period_end", "area_code")
    )
    protected = None
    counts = {(v.area_code, v.period_start, v.period_end): int(v.value) for v in items if v.is_count}
    if counts and not ctx.clearance.shielded:
        provinces = sorted({code for code, _s, _e in counts if code.startswith("PV")})

        def parent_of(code: str) -> str | None:
            parent = parent_area(code)
            if parent is None and code.startswith("GM") and len(provinces) == 1:
                return provinces[0]  # one region per platform: its municipalities add up to it
            return parent

        table = area_period_table(counts, parent_of=parent_of)
        protected = protect(table, threshold=indicator.suppression_threshold)
    held_back: set[tuple[str, dt.date, dt.date]] = set()
    if indicator.follows_id is not None and not ctx.clearance.shielded:
        count = indicator_get(ctx=ctx, key=indicator.follows.key) if indicator.follows else None
        # one step only: a count indicator that itself follows another would be a cycle's start
        if count is None or count.follows_id is not None:
            raise ValueError(f"{indicator.key} volgt geen zichtbare telling")
        followed = indicator_values(ctx=ctx, indicator=count)
        held_back = {(v.area_code, v.period_start, v.period_end) for v in followed if v.suppressed}
    shown: list[ShownValue] = []
    for item in items:
        key = (item.area_code, item.period_start, item.period_end)
        if (level and not item.area_code.startswith(level)) or (
            period_start is not None and item.period_start != period_start
        ):
            continue
        if key in held_back and key not in counts:
            shown.append(ShownValue(*key, None, "×", "secundair", item.is_count))
        elif protected is None or key not in counts or key in protected.published:
            shown.append(ShownValue(*key, item.value, _figure(item), "", item.is_count))
        else:
            kind = "primair" if key in protected.primary else "secundair"
            shown.append(ShownValue(*key, None, protected.shown(key), kind, item.is_count))
    return shown


def _figure(item: IndicatorValue) -> str:
    """The stored figure without the column's trailing zeros: 40.4 rather than 40.4000."""
    return f"{item.value.normalize():f}" if not item.is_count else str(int(item.value))


def publiek_veilig(
    counts: dict[str, int], *, totaal: tuple[str, int] | None = None, threshold: int = 5
) -> dict[str, str]:
    """Counts as they may be published by another capability (e.g. a control's summary): each
    below `threshold` as "< 5"; with `totaal` (key, value) the counts are its parts, so a cell
    that the total would give back is shown as "×" (the same disclosure control as indicators)."""
    table = Table(values=dict[Key, int](counts.items()))
    if totaal is not None:
        table.values[totaal[0]] = totaal[1]
        table.add_relation(totaal[0], sorted(counts))
    protected = protect(table, threshold=threshold)
    return {str(key): protected.shown(key) for key in table.values if key not in table.hidden}


def quarterly_report_list(*, ctx: ProcessingContext) -> list[QuarterlyReport]:
    """The stored quarterly reports `ctx` may see (without their PDF), newest quarter first."""
    return list(
        policy_for(QuarterlyReport)
        .visible(ctx)
        .filter(run__completed_at__isnull=False)
        .select_related("run")
        .defer("pdf")
        .order_by("-run__year", "-run__quarter", "area_code", "language")
    )


def quarterly_report_get(
    *, ctx: ProcessingContext, year: int, quarter: int, area_code: str, language: str
) -> QuarterlyReport | None:
    """One stored quarterly report with its PDF, if `ctx` may see it."""
    return (
        policy_for(QuarterlyReport)
        .visible(ctx)
        .filter(
            run__year=year,
            run__quarter=quarter,
            run__completed_at__isnull=False,
            area_code=area_code,
            language=language,
        )
        .first()
    )


def area_names(*, ctx: ProcessingContext, municipality: str) -> list[AreaName]:
    """The wijken and buurten of a municipality (public reference data), by code."""
    digits = municipality[2:]
    return list(
        policy_for(AreaName)
        .visible(ctx)
        .filter(Q(code__startswith=f"WK{digits}") | Q(code__startswith=f"BU{digits}"))
        .order_by("code")
    )


def indicators_below(*, ctx: ProcessingContext, municipality: str) -> list[Indicator]:
    """The visible indicators with values for wijken or buurten of a municipality."""
    digits = municipality[2:]
    values = (
        policy_for(IndicatorValue)
        .visible(ctx)
        .filter(Q(area_code__startswith=f"WK{digits}") | Q(area_code__startswith=f"BU{digits}"))
    )
    return list(
        policy_for(Indicator).visible(ctx).filter(pk__in=values.values("indicator")).select_related("follows")
    )
