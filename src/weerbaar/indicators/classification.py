"""Classes of a choropleth the reader can check: quantile breaks over the published values, each
class with its bounds, a label and the number of areas in it.

What must hold:
- only published numbers are classified; a suppressed cell ("< 5", "×") has no class, is counted
  apart and never moves a break (otherwise its value could be read back from the bounds);
- the classes cover every published value exactly once: the counts add up to the number of
  published values, and each value lies within the bounds of its class;
- breaks are values that occur in the data (type-7 quantiles rounded to a shown figure would
  put areas in a class whose label excludes them), and equal breaks collapse into fewer classes.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format


@dataclass(frozen=True)
class Band:
    """One class: values v with lower <= v <= upper (the first class) or lower < v <= upper."""

    index: int
    lower: Decimal
    upper: Decimal
    count: int

    @property
    def label(self) -> str:
        if self.index == 0:
            return f"{_fmt(self.lower)} – {_fmt(self.upper)}"
        return f"> {_fmt(self.lower)} – {_fmt(self.upper)}"


@dataclass(frozen=True)
class Classification:
    bands: list[Band]
    suppressed: int  # areas whose value is not published
    missing: int = 0  # areas without any value

    def band_of(self, value: Decimal | None) -> Band | None:
        if value is None or not self.bands:
            return None
        uppers = [b.upper for b in self.bands]
        index = min(bisect_left(uppers, value), len(self.bands) - 1)
        return self.bands[index]


def quantile_breaks(values: list[Decimal], classes: int = 5) -> list[Decimal]:
    """Upper bounds of up to `classes` quantile classes: the value at rank ceil(k·n/classes) of the
    sorted values for k = 1..classes, duplicates removed (so fewer classes when values repeat)."""
    if classes < 1:
        raise ValueError("at least one class")
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return []
    breaks: list[Decimal] = []
    for k in range(1, classes + 1):
        rank = -(-k * n // classes)  # ceil(k*n/classes), 1-based
        upper = ordered[rank - 1]
        if not breaks or upper > breaks[-1]:
            breaks.append(upper)
    return breaks


def classify(values: list[Decimal | None], classes: int = 5, *, missing: int = 0) -> Classification:
    """Quantile classes of the published values (None = suppressed), with the count per class."""
    published = sorted(v for v in values if v is not None)
    suppressed = sum(1 for v in values if v is None)
    uppers = quantile_breaks(published, classes)
    bands: list[Band] = []
    lower = published[0] if published else Decimal(0)
    for index, upper in enumerate(uppers):
        if index == 0:
            count = sum(1 for v in published if v <= upper)
        else:
            count = sum(1 for v in published if lower < v <= upper)
        bands.append(Band(index=index, lower=lower, upper=upper, count=count))
        lower = upper
    return Classification(bands=bands, suppressed=suppressed, missing=missing)


def _fmt(value: Decimal) -> str:
    """The figure in the active language's notation (1.234,5 in nl and de; 1,234.5 in en)."""
    if value == value.to_integral_value():
        return number_format(int(value), force_grouping=True)
    return number_format(value.normalize(), force_grouping=True)
