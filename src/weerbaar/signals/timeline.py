"""The case's timeline on a time axis: where each dated event lies, and the ticks of the axis.

Drawn by the template as an SVG (positions as SVG attributes, so the CSP needs no inline styles);
the numbered list below it stays the text alternative. Events on the same day share one marker,
so markers never overlap at the scale of a day; the axis ticks are months for a case of more than
about two months, else weeks or days, and never more than `MAX_TICKS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import formats

WIDTH = 1000  # the SVG's viewBox width; the axis runs from MARGIN to WIDTH - MARGIN
MARGIN = 40
MAX_TICKS = 8


@dataclass(frozen=True)
class Marker:
    x: float
    day: dt.date
    count: int
    label: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Axis:
    markers: list[Marker]
    ticks: list[Tick]
    start: dt.date
    end: dt.date
    width: int = WIDTH


def _x(day: dt.date, start: dt.date, span: int) -> float:
    return round(MARGIN + (WIDTH - 2 * MARGIN) * (day - start).days / span, 1)


def _tick_days(start: dt.date, end: dt.date) -> list[dt.date]:
    span = (end - start).days
    if span > 62:  # first day of each month, thinned to at most MAX_TICKS
        months = []
        day = dt.date(start.year, start.month, 1)
        while day <= end:
            if day >= start:
                months.append(day)
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        step = max(1, -(-len(months) // MAX_TICKS))
        return months[::step]
    step = max(1, -(-span // MAX_TICKS))
    return [start + dt.timedelta(days=d) for d in range(0, span + 1, step)]


def time_axis(events: Sequence[tuple[dt.date, str]]) -> Axis | None:
    """`events` as (day, description); None without events. Labels are localised dates."""
    if not events:
        return None
    days = sorted({day for day, _label in events})
    start, end = days[0], days[-1]
    if end == start:  # one day: give the axis a width
        start, end = start - dt.timedelta(days=1), end + dt.timedelta(days=1)
    span = (end - start).days
    by_day: dict[dt.date, list[str]] = {}
    for day, label in events:
        by_day.setdefault(day, []).append(label)
    markers = [
        Marker(
            _x(day, start, span),
            day,
            len(labels),
            f"{formats.date_format(day, 'SHORT_DATE_FORMAT')}: " + "; ".join(labels),
        )
        for day, labels in sorted(by_day.items())
    ]
    ticks = [
        Tick(_x(day, start, span), formats.date_format(day, "SHORT_DATE_FORMAT"))
        for day in _tick_days(start, end)
    ]
    return Axis(markers, ticks, start, end)
