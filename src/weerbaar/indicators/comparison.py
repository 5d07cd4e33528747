"""What the municipality profile and the province's report compare, read once for the page, its
CSV, its PDF and the stored quarterly reports: per indicator its latest period (up to a cut-off
date for a quarter's report), the municipality against similar municipalities and the province.
Every figure is a published one (`indicator_values`), so none of these outputs shows more than
the others."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from weerbaar.core.context import ProcessingContext

from . import charts, geography
from .models import Indicator
from .selectors import ShownValue, indicator_get, indicator_latest_period, indicator_list, indicator_values


def _language() -> str:
    return (get_language() or "nl")[:2]


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _until(values: list[ShownValue], until: dt.date | None) -> list[ShownValue]:
    """The values of the periods that ended by `until` (all without a cut-off): a quarter's report
    shows what was known for the periods up to the quarter's end."""
    return values if until is None else [v for v in values if v.period_end <= until]


def _latest(
    ctx: ProcessingContext, indicator: Indicator, period: tuple[dt.date, dt.date]
) -> list[ShownValue]:
    """The published municipal and provincial figures of one period (all these outputs compare)."""
    values = indicator_values(ctx=ctx, indicator=indicator, levels=("PV", "GM"), period_start=period[0])
    return [v for v in values if v.period_end == period[1]]


@dataclass(frozen=True)
class Comparison:
    indicator: Indicator
    name: str
    period: str
    own: str  # as published
    similar: str  # median of the similar municipalities' published values
    similar_n: int
    province: str
    province_is_median: bool
    own_index: float | None  # province = 100; None when the own value is not published
    similar_index: float | None


def profile(ctx: ProcessingContext, code: str, *, until: dt.date | None = None) -> dict[str, Any] | None:
    """The municipality's profile, or None for a code that is no municipality of the region."""
    municipalities = {m.code: m for m in geography.municipalities(ctx=ctx)}
    if code not in municipalities:
        return None
    population_indicator = indicator_get(ctx=ctx, key="cbs-inwoners")
    population: dict[str, Decimal | None] = {}
    if population_indicator is not None:
        for v in _until(indicator_values(ctx=ctx, indicator=population_indicator, level="GM"), until):
            population[v.area_code] = v.value
    size = {c: geography.size_class(population.get(c)) for c in municipalities}
    density = {c: geography.density_class(population.get(c), m.area_km2) for c, m in municipalities.items()}
    similar = sorted(
        (
            m
            for c, m in municipalities.items()
            if c != code and size[code] is not None and size[c] == size[code]
        ),
        key=lambda m: m.name,
    )
    comparisons = []
    for indicator in indicator_list(ctx=ctx):
        latest = indicator_latest_period(ctx=ctx, indicator=indicator, area_codes=[code], until=until)
        if latest is None:
            continue
        current = {v.area_code: v for v in _latest(ctx, indicator, latest)}
        group = [value for m in similar if m.code in current and (value := current[m.code].value) is not None]
        everyone = [v.value for c, v in current.items() if c.startswith("GM") and v.value is not None]
        provincial = next((v for c, v in current.items() if c.startswith("PV")), None)
        reference = provincial.value if provincial is not None else median(everyone)
        own = current[code].value
        group_median = median(group)
        rate = not current[code].is_count
        comparisons.append(
            Comparison(
                indicator=indicator,
                name=indicator.name(_language()),
                period=charts.period_label(*latest),
                own=current[code].shown,
                similar=_number(group_median) if group_median is not None else "",
                similar_n=len(group),
                province=provincial.shown
                if provincial is not None
                else (_number(reference) if reference is not None else ""),
                province_is_median=provincial is None,
                # an index only for rates and scores: a count against the median count says
                # more about the municipality's size than about the phenomenon
                own_index=index(own, reference) if rate else None,
                similar_index=index(group_median, reference) if rate else None,
            )
        )
    own_area = municipalities[code]
    own_size, own_density = size[code], density[code]
    charted = [c for c in comparisons if c.own_index is not None or c.similar_index is not None]
    return {
        "municipality": own_area,
        "size_label": geography.SIZE_CLASSES[own_size][1] if own_size is not None else "",
        "density_label": geography.DENSITY_CLASSES[own_density][1] if own_density is not None else "",
        "population": population.get(code),
        "similar": similar,
        "same_density": [m for m in similar if density[m.code] == density[code]],
        "comparisons": comparisons,
        "chart": {
            "labels": [c.name for c in charted],
            "axis": _("index, provincie = 100"),
            "series": [
                {"name": own_area.name, "values": [c.own_index for c in charted]},
                {
                    "name": _("vergelijkbare gemeenten (mediaan)"),
                    "values": [c.similar_index for c in charted],
                },
            ],
        },
    }


def median(values: list[Decimal]) -> Decimal | None:
    """The median, to one decimal more than the values have (the mean of two middle values)."""
    if not values:
        return None
    places = max(-min(v.normalize().as_tuple().exponent, 0) for v in values)  # type: ignore[operator]
    median = Decimal(statistics.median(values))
    return (
        median.quantize(Decimal(1).scaleb(-(places + 1))).normalize()
        if places
        else median.quantize(Decimal("0.1")).normalize()
    )


def index(value: Decimal | None, reference: Decimal | None) -> float | None:
    if value is None or reference is None or reference == 0:
        return None
    return round(float(value / reference * 100))


def province_sections(ctx: ProcessingContext, *, until: dt.date | None = None) -> list[dict[str, Any]]:
    """Per indicator its latest period: the municipalities' rows as the dashboard's table has
    them (`charts.map_rows`, published strings) and the province's own value where there is one."""
    names = {m.code: m.name for m in geography.municipalities(ctx=ctx)}
    sections = []
    for indicator in indicator_list(ctx=ctx):
        latest = indicator_latest_period(ctx=ctx, indicator=indicator, area_codes=list(names), until=until)
        if latest is None:
            continue
        current = _latest(ctx, indicator, latest)
        rows, _classification = charts.map_rows(current, names)
        provincial = next((v for v in current if v.area_code.startswith("PV")), None)
        sections.append(
            {
                "indicator": indicator,
                "name": indicator.name(_language()),
                "period": charts.period_label(*latest),
                "rows": rows,
                "province": charts.localised(provincial.shown) if provincial is not None else "",
            }
        )
    return sections
