"""The data behind the dashboard's charts (ECharts reads it from a JSON block on the page): built
only from `ShownValue`s, so a chart publishes exactly what the table next to it publishes.

What must hold: a suppressed cell reaches the chart as `value: null` with its published text
("< 5", "×") and no class; no number derived from it (a class bound, a series point, a sum) is in
the JSON. The table alternative and the CSV are rendered from the same rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.formats import number_format

from .classification import Classification, classify
from .selectors import ShownValue


@dataclass(frozen=True)
class MapRow:
    code: str
    name: str
    published: str  # as published (API, CSV): the figure, "< 5", "×" or "" (no value)
    shown: str  # the same in the page's language: 40,4 in nl and de
    value: Decimal | None
    band: str  # class label, "" when suppressed or missing
    band_index: int | None
    suppressed: str


def map_rows(
    values: list[ShownValue], names: dict[str, str], *, classes: int = 5
) -> tuple[list[MapRow], Classification]:
    """One row per municipality in `names` (values of one period), classified by quantiles."""
    by_code = {v.area_code: v for v in values}
    present = [by_code[c] for c in names if c in by_code]
    classification = classify([v.value for v in present], classes, missing=len(names) - len(present))
    rows = []
    for code, name in sorted(names.items(), key=lambda item: item[1]):
        shown = by_code.get(code)
        band = classification.band_of(shown.value) if shown is not None else None
        rows.append(
            MapRow(
                code=code,
                name=name,
                published=shown.shown if shown is not None else "",
                shown=localised(shown.shown) if shown is not None else "",
                value=shown.value if shown is not None else None,
                band=band.label if band is not None else "",
                band_index=band.index if band is not None else None,
                suppressed=shown.suppressed if shown is not None else "",
            )
        )
    return rows, classification


def choropleth_json(rows: list[MapRow], classification: Classification, *, unit: str) -> dict[str, Any]:
    return {
        "unit": unit,
        "areas": [
            {
                "code": r.code,
                "name": r.name,
                "value": _number(r.value),
                "shown": r.shown,
                "band": r.band_index,
                "bandLabel": r.band,
            }
            for r in rows
        ],
        "bands": [{"label": b.label, "count": b.count} for b in classification.bands],
        "suppressed": classification.suppressed,
    }


def trend_json(values: list[ShownValue], names: dict[str, str]) -> dict[str, Any]:
    """Series per area over the periods of the indicator (only the areas in `names`)."""
    periods = sorted({(v.period_start, v.period_end) for v in values if v.area_code in names})
    series = []
    for code, name in names.items():
        by_period = {(v.period_start, v.period_end): v for v in values if v.area_code == code}
        if not by_period:
            continue
        points = [by_period.get(p) for p in periods]
        series.append(
            {
                "code": code,
                "name": name,
                "values": [_number(p.value) if p else None for p in points],
                "shown": [localised(p.shown) if p else "" for p in points],
                "published": [p.shown if p else "" for p in points],
            }
        )
    return {"periods": [period_label(s, e) for s, e in periods], "series": series}


def period_label(start: dt.date, end: dt.date) -> str:
    """2023 for a calendar year, 2023-Q2 for a quarter, 2023-07 for a month, else start – end."""
    if start.month == 1 and start.day == 1 and end == dt.date(start.year, 12, 31):
        return str(start.year)
    if start.day == 1 and (end.month - start.month) == 2 and end.year == start.year and start.month % 3 == 1:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if start.day == 1 and end.month == start.month and end.year == start.year and end.day >= 28:
        return f"{start.year}-{start.month:02d}"
    if start == end:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"


def localised(shown: str) -> str:
    """A published figure in the active language's notation; "< 5" and "×" stay as they are."""
    try:
        value = Decimal(shown)
    except (InvalidOperation, ValueError):
        return shown
    return number_format(value, force_grouping=True)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
