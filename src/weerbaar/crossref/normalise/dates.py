"""Dates as exports write them, with the day/month ambiguity reported, not guessed.

`datum("03/04/1980")` gives both 3 April and 4 March as candidates (day first listed first, as in
Dutch use); "1980-04-03" (ISO), "3 april 1980", "19800403" and "13-04-1980" give one. Partial dates
("1980", "1980-04") are kept with month or day None. `DATE_RULES` is the table of formats.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

from .text import fold

MAANDEN = {
    "januari": 1, "jan": 1, "january": 1, "januar": 1, "janvier": 1,
    "februari": 2, "feb": 2, "febr": 2, "february": 2, "februar": 2,
    "maart": 3, "mrt": 3, "mar": 3, "march": 3, "marz": 3, "maerz": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5, "mai": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augustus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12, "dezember": 12, "dez": 12,
}  # fmt: skip


class Datum(NamedTuple):
    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


def _valid(year: int, month: int | None, day: int | None) -> Datum | None:
    if not 1800 <= year <= 2200:
        return None
    if month is None:
        return Datum(year)
    if not 1 <= month <= 12:
        return None
    if day is None:
        return Datum(year, month)
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return Datum(year, month, day)


def _year(text: str, pivot: int) -> int:
    """Two-digit years: at or below `pivot` in this century, else the last."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= pivot else 1900
    return year


_S = r"[\s\-/.]+"
# (name, pattern over the folded text, order of the groups: y m d, "dm?" = day and month may swap)
DATE_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("iso", re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:t.*)?"), "ymd"),
    ("iso basic", re.compile(r"((?:18|19|20|21)\d{2})(\d{2})(\d{2})"), "ymd"),
    ("compact day first", re.compile(r"(\d{2})(\d{2})(\d{4})"), "dmy"),
    ("year first with slashes", re.compile(rf"(\d{{4}}){_S}(\d{{1,2}}){_S}(\d{{1,2}})"), "ymd"),
    ("numeric", re.compile(rf"(\d{{1,2}}){_S}(\d{{1,2}}){_S}(\d{{4}}|\d{{2}})"), "dm?y"),
    ("day month-name year", re.compile(r"(\d{1,2})(?:e|ste|de)?\s*([a-z]+)\s*(\d{4}|\d{2})"), "dNy"),
    ("month-name day year", re.compile(r"([a-z]+)\s*(\d{1,2})\s+(\d{4})"), "Ndy"),
    ("year and month", re.compile(r"(\d{4})-(\d{1,2})"), "ym"),
    ("year", re.compile(r"(\d{4})"), "y"),
)


@lru_cache(maxsize=1 << 18)
def datum(text: str | None, *, pivot: int | None = None) -> tuple[Datum, ...]:
    """Every date `text` can mean, most likely first; () when it is no date (remembered: exports repeat dates).

    `pivot` decides two-digit years (default: this year's two digits, right for birth dates)."""
    if not text:
        return ()
    if isinstance(text, dt.date):
        return (Datum(text.year, text.month, text.day),)
    folded = (
        fold(str(text)).replace(" ", "-") if re.fullmatch(r"\s*\d{4}-\d.*", str(text)) else fold(str(text))
    )
    folded = folded.replace(",", " ")
    pivot = dt.date.today().year % 100 if pivot is None else pivot
    raw = str(text).strip().lower()
    for _name, pattern, order in DATE_RULES:
        found = pattern.fullmatch(raw) or pattern.fullmatch(folded)
        if not found:
            continue
        g = found.groups()
        candidates: list[Datum | None]
        if order == "ymd":
            candidates = [_valid(int(g[0]), int(g[1]), int(g[2]))]
        elif order == "dmy":
            candidates = [_valid(int(g[2]), int(g[1]), int(g[0]))]
        elif order == "dm?y":
            year, a, b = _year(g[2], pivot), int(g[0]), int(g[1])
            candidates = [_valid(year, b, a), _valid(year, a, b) if a != b else None]
        elif order in ("dNy", "Ndy"):
            day, name = (g[0], g[1]) if order == "dNy" else (g[1], g[0])
            month = MAANDEN.get(name)
            candidates = [_valid(_year(g[2], pivot), month, int(day))] if month else []
        elif order == "ym":
            candidates = [_valid(int(g[0]), int(g[1]), None)]
        else:
            candidates = [_valid(int(g[0]), None, None)]
        found_dates = tuple(c for c in candidates if c is not None)
        if found_dates:
            return found_dates
    return ()


def is_ambiguous(text: str | None) -> bool:
    """Day and month could be either way round."""
    return len(datum(text)) > 1
