"""The municipality's wijken and buurten as a table: per wijk its buurten, per indicator that has
values at that level its latest period, each figure as published (`indicator_values`: a buurt's
count below the threshold is "< 5", and a wijk minus its other buurten cannot give it back, the
hierarchy municipality > wijk > buurt being part of the suppression). There are no boundaries of
wijken and buurten in the platform, so they have a table and a CSV, not a map."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from weerbaar.core.context import ProcessingContext

from . import charts
from .models import Indicator
from .selectors import area_names, indicator_latest_period, indicator_values, indicators_below


@dataclass(frozen=True)
class AreaColumn:
    indicator: Indicator
    name: str
    period: str


@dataclass(frozen=True)
class AreaRow:
    code: str
    level: str  # "WK" or "BU"
    name: str
    wijk: str  # the wijk's name (a buurt's parent; the wijk itself for a wijk)
    shown: list[str]  # per column, as published ("" where the area has no value)


def wijken_en_buurten(*, ctx: ProcessingContext, municipality: str) -> dict[str, object]:
    """Columns (indicator, its latest period at wijk/buurt level) and rows (each wijk, then its buurten)."""
    language = (get_language() or "nl")[:2]
    names = {a.code: a for a in area_names(ctx=ctx, municipality=municipality)}
    columns: list[AreaColumn] = []
    figures: list[dict[str, str]] = []
    for indicator in indicators_below(ctx=ctx, municipality=municipality):
        latest = indicator_latest_period(ctx=ctx, indicator=indicator, within=municipality)
        if latest is None:
            continue
        values = indicator_values(ctx=ctx, indicator=indicator, within=municipality, period_start=latest[0])
        columns.append(AreaColumn(indicator, indicator.name(language), charts.period_label(*latest)))
        figures.append({v.area_code: v.shown for v in values if (v.period_start, v.period_end) == latest})
    codes = sorted(set(names) | {code for f in figures for code in f})
    rows = []
    for code in codes:
        wijk = code if code.startswith("WK") else "WK" + code[2:8]
        rows.append(
            AreaRow(
                code=code,
                level=code[:2],
                name=names[code].name if code in names else code,
                wijk=names[wijk].name if wijk in names else wijk,
                shown=[f.get(code, "") for f in figures],
            )
        )
    # a wijk first, then its buurten (WK01410 sorts before BU... by the wijk's digits)
    rows.sort(key=lambda r: (r.code[2:8], r.level != "WK", r.code))
    return {"columns": columns, "rows": rows}
