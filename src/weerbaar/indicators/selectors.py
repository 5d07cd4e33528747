"""Reads of indicators and their values, through the policy, with the processing context.

What must hold: `indicator_values` (with its page, which shares its one query, `_values_query`,
and the whole-table file, which shares its access checks) applies disclosure control (indicators.disclosure) for every context without
shielded clearance: counts below the indicator's threshold appear as "< n",
cells that would give them back as "×", and neither value leaves this module. Indicators hold
no personal data (aggregates only), so these reads are not audited per subject.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db.models import Exists, OuterRef, Q, QuerySet

from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for

from . import published
from .disclosure import Table, protect
from .disclosure.table import Key
from .models import AreaName, Indicator, IndicatorValue, QuarterlyReport


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


def _values_query(
    ctx: ProcessingContext,
    indicator: Indicator,
    *,
    level: str,
    period_start: dt.date | None,
    levels: Sequence[str],
    within: str,
    area_codes: Sequence[str] = (),
) -> tuple[QuerySet | None, Callable[[tuple], ShownValue]]:
    """The rows of `indicator_values` as a lazy query (None: the context sees no values) and how a
    row becomes a `ShownValue`."""
    prefixes = list(levels) + ([level] if level else [])
    if within:
        prefixes = [p for p in prefixes if p in ("WK", "BU")] or ["WK", "BU"]
        prefixes = [f"{p}{within[2:]}" for p in prefixes]
    if ctx.clearance.shielded:
        rows = published.sliced(
            policy_for(IndicatorValue).visible(ctx).filter(indicator=indicator),
            prefixes=prefixes,
            period_start=period_start,
        ).values_list("area_code", "period_start", "period_end", "value", "is_count")
        return _of_areas(rows, area_codes), _unsuppressed
    if not _published_readable(ctx, indicator):
        return None, _unsuppressed
    rows = published.published_rows(indicator, prefixes=prefixes, period_start=period_start)
    return _of_areas(rows, area_codes), _as_published


def _sees_values(ctx: ProcessingContext, indicator: Indicator) -> bool:
    """Whether the policy lets the context see any value of the indicator. Asked in the order of
    the index (indicator, period start): PostgreSQL plans a bare EXISTS on a common indicator as
    a sequential scan that stops at the first match, which lies past millions of other
    indicators' rows when a national set was loaded indicator by indicator (90 ms per call)."""
    first = (
        policy_for(IndicatorValue)
        .visible(ctx)
        .filter(indicator=indicator)
        .order_by("indicator_id", "period_start")
        .values_list("pk", flat=True)
        .first()
    )
    return first is not None


def _published_readable(ctx: ProcessingContext, indicator: Indicator) -> bool:
    """Whether the context may read the indicator's published figures (it has no shielded
    clearance): the policy decides who sees the values at all; the published table is everyone's
    below it. A rate needs the count it follows to be visible too."""
    if not _sees_values(ctx, indicator):
        return False
    if indicator.follows_id is not None:
        count = indicator_get(ctx=ctx, key=indicator.follows.key) if indicator.follows else None
        # one step only: a count indicator that itself follows another would be a cycle's start
        if count is None or count.follows_id is not None:
            raise ValueError(f"{indicator.key} volgt geen zichtbare telling")
    return True


def _of_areas(rows: QuerySet, area_codes: Sequence[str]) -> QuerySet:
    return rows.filter(area_code__in=list(area_codes)) if area_codes else rows


def _unsuppressed(row: tuple) -> ShownValue:
    code, start, end, value, is_count = row
    return ShownValue(code, start, end, value, published.figure(value, is_count), "", is_count)


def _as_published(row: tuple) -> ShownValue:
    return ShownValue(*row)


def indicator_values(
    *,
    ctx: ProcessingContext,
    indicator: Indicator,
    level: str = "",
    period_start: dt.date | None = None,
    levels: Sequence[str] = (),
    within: str = "",
    area_codes: Sequence[str] = (),
) -> list[ShownValue]:
    """The values of a visible indicator, optionally of one area level (PV, GM, WK, BU) or several
    (`levels`), of the wijken and buurten `within` a municipality (GM code), of some areas
    (`area_codes`), and of the periods starting on `period_start`, ordered by period and area.
    Without shielded clearance the figures are the published ones: suppression is computed on
    every area and period of the indicator (not only those asked for), so that asking per filter
    cannot undo it, once per version of its data (indicators.published), and the slice asked for
    is read from that."""
    rows, shown = _values_query(
        ctx,
        indicator,
        level=level,
        period_start=period_start,
        levels=levels,
        within=within,
        area_codes=area_codes,
    )
    return [] if rows is None else [shown(row) for row in rows]


@dataclass(frozen=True)
class ValuesPage:
    total: int  # over all pages
    values: list[ShownValue]


def indicator_values_page(
    *,
    ctx: ProcessingContext,
    indicator: Indicator,
    level: str = "",
    period_start: dt.date | None = None,
    within: str = "",
    offset: int = 0,
    limit: int = 1000,
) -> ValuesPage:
    """One page of `indicator_values` (the API's): the same figures, counted and sliced in SQL, so
    that a national buurt table is not read to answer for a thousand of its cells."""
    rows, shown = _values_query(
        ctx, indicator, level=level, period_start=period_start, levels=(), within=within
    )
    if rows is None:
        return ValuesPage(0, [])
    return ValuesPage(rows.count(), [shown(row) for row in rows[offset : offset + limit]])


def indicator_table_file(*, ctx: ProcessingContext, indicator: Indicator) -> Path | None:
    """The whole table of a visible indicator as CSV lines on disk (indicators.tables), with the
    figures `indicator_values` gives this context: published ones without shielded clearance,
    the stored values with it; None when the context sees no values of it."""
    if ctx.clearance.shielded:
        if not _sees_values(ctx, indicator):
            return None
        return published.table_file(indicator.pk, shielded=True)
    if not _published_readable(ctx, indicator):
        return None
    return published.table_file(indicator.pk, shielded=False)


def indicator_latest_period(
    *,
    ctx: ProcessingContext,
    indicator: Indicator,
    area_codes: Sequence[str] = (),
    within: str = "",
    until: dt.date | None = None,
) -> tuple[dt.date, dt.date] | None:
    """The latest period (by start, then end) with a value of one of `area_codes` or of the wijken
    and buurten `within` a municipality, ended by `until` if given: one indexed query, so that a
    page showing the latest figures reads only that period. Every stored cell is in the published
    table too (suppressed or not), so the periods are the same for every context that sees them."""
    qs = policy_for(IndicatorValue).visible(ctx).filter(indicator=indicator)
    if until is not None:
        qs = qs.filter(period_end__lte=until)
    wanted = qs.filter(area_code__in=list(area_codes)) if area_codes else qs
    # one query per area range: SQLite uses no index range for an OR of two ranges and would
    # read every value of the indicator (a national buurt table) for each look-up
    groups = (
        [wanted.filter(published.area_ranges([f"{p}{within[2:]}"])) for p in ("WK", "BU")]
        if within
        else [wanted]
    )
    # from the latest period start down (index indicator, period_start), the first start that
    # has a value of the areas asked for: sorting all the areas' values cost seconds at 60 months
    # of a national buurt table; usually the first or second start is the one
    start = qs.order_by("-period_start").values_list("period_start", flat=True).first()
    while start is not None:
        ends = [
            end
            for group in groups
            if (
                end := group.filter(period_start=start)
                .order_by("-period_end")
                .values_list("period_end", flat=True)
                .first()
            )
            is not None
        ]
        if ends:
            return start, max(ends)
        start = (
            qs.filter(period_start__lt=start)
            .order_by("-period_start")
            .values_list("period_start", flat=True)
            .first()
        )
    return None


#: the area levels of an indicator's values, from the coarsest; the page shows one at a time
LEVELS = ("PV", "GM", "WK", "BU")


def indicator_levels(*, ctx: ProcessingContext, indicator: Indicator) -> list[str]:
    """The area levels that have values of the indicator (one indexed look-up per level)."""
    qs = policy_for(IndicatorValue).visible(ctx).filter(indicator=indicator)
    return [level for level in LEVELS if qs.filter(published.area_ranges([level])).exists()]


def indicator_periods(
    *, ctx: ProcessingContext, indicator: Indicator, level: str
) -> list[tuple[dt.date, dt.date]]:
    """The periods with values of the indicator at one area level, latest first (an index range
    on the area code: a national buurt table is not scanned to list a municipality's periods)."""
    return list(
        policy_for(IndicatorValue)
        .visible(ctx)
        .filter(indicator=indicator)
        .filter(published.area_ranges([level]))
        .order_by("-period_start", "-period_end")
        .values_list("period_start", "period_end")
        .distinct()
    )


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
        policy_for(IndicatorValue).visible(ctx).filter(published.area_ranges([f"WK{digits}", f"BU{digits}"]))
    )
    # EXISTS per indicator: an index range (indicator, area code) each, where `pk IN (values of
    # these areas)` scans every value of every indicator for the area codes
    return list(
        policy_for(Indicator)
        .visible(ctx)
        .filter(Exists(values.filter(indicator=OuterRef("pk"))))
        .select_related("follows")
    )
