"""The two pictures of a park: the province's quadrant (quality × future outlook → typology) and
the attention score, computed from the indicator set in `data/aandachtsscore.yaml`.

The score only orders attention: it decides nothing, and every park's profile shows each input,
its scaled value, its weight and its contribution next to the score (`Explanation`). A missing
input is left out and named; the weights of the inputs present are renormalised and the share of
the total weight that was present is the score's coverage.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils import translation

from .models import Typology

INDICATOR_SET = Path(__file__).resolve().parent / "data" / "aandachtsscore.yaml"


def _in_language(texts: dict[str, str]) -> str:
    """The text in the active language, Dutch when that language has none."""
    language = (translation.get_language() or "nl")[:2]
    return texts.get(language) or texts["nl"]


@dataclass(frozen=True)
class Indicator:
    code: str
    field: str
    #: language code -> name and reason ("nl" always present); read through `label` and `why`
    labels: dict[str, str]
    unit: str
    low: float
    high: float
    weight: float
    whys: dict[str, str]

    @property
    def label(self) -> str:
        return _in_language(self.labels)

    @property
    def why(self) -> str:
        return _in_language(self.whys)

    def scaled(self, value: float) -> float:
        """The input scaled to 0..1 between `low` and `high`, clipped."""
        if self.high == self.low:
            return 1.0 if value >= self.high else 0.0
        return min(1.0, max(0.0, (value - self.low) / (self.high - self.low)))


@dataclass(frozen=True)
class IndicatorSet:
    version: str
    quadrant_threshold: float
    indicators: tuple[Indicator, ...]

    @property
    def total_weight(self) -> float:
        return sum(i.weight for i in self.indicators)


LANGUAGES = ("de", "en")


def _texts(row: dict[str, Any], key: str) -> dict[str, str]:
    return {"nl": row[key]} | {lang: row[f"{key}_{lang}"] for lang in LANGUAGES if row.get(f"{key}_{lang}")}


@cache
def indicator_set(path: Path = INDICATOR_SET) -> IndicatorSet:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    indicators = tuple(
        Indicator(
            code=row["code"],
            field=row["veld"],
            labels=_texts(row, "label"),
            unit=row["eenheid"],
            low=float(row["laag"]),
            high=float(row["hoog"]),
            weight=float(row["gewicht"]),
            whys=_texts(row, "waarom"),
        )
        for row in data["indicatoren"]
    )
    return IndicatorSet(str(data["versie"]), float(data["drempel_kwadrant"]), indicators)


@dataclass(frozen=True)
class Contribution:
    indicator: Indicator
    value: float | None
    scaled: float | None
    #: points of the 0–100 score this input gives (0 when missing)
    points: float


@dataclass(frozen=True)
class Explanation:
    score: float | None
    coverage: float
    version: str
    contributions: tuple[Contribution, ...]

    @property
    def missing(self) -> list[str]:
        return [c.indicator.label for c in self.contributions if c.value is None]


def explain(inputs: dict[str, Any], the_set: IndicatorSet | None = None) -> Explanation:
    """The score (0–100, None when no input is known) of one park's inputs, with every part."""
    the_set = the_set or indicator_set()
    present = [i for i in the_set.indicators if inputs.get(i.field) is not None]
    weight = sum(i.weight for i in present)
    parts = []
    for indicator in the_set.indicators:
        raw = inputs.get(indicator.field)
        if raw is None or not weight:
            parts.append(Contribution(indicator, None, None, 0.0))
            continue
        scaled = indicator.scaled(float(raw))
        parts.append(Contribution(indicator, float(raw), scaled, 100 * indicator.weight * scaled / weight))
    score = round(sum(p.points for p in parts), 1) if weight else None
    coverage = round(weight / the_set.total_weight, 3) if the_set.total_weight else 0.0
    return Explanation(score, coverage, the_set.version, tuple(parts))


def typology_of(quality: Decimal | float, outlook: Decimal | float, threshold: float | None = None) -> str:
    """The quadrant: good quality and outlook → vitaal; weak quality, good outlook → kansrijk;
    good quality, weak outlook → kwetsbaar; both weak → niet-vitaal."""
    limit = indicator_set().quadrant_threshold if threshold is None else threshold
    good_quality, good_outlook = float(quality) >= limit, float(outlook) >= limit
    if good_quality and good_outlook:
        return Typology.VITAAL
    if good_outlook:
        return Typology.KANSRIJK
    if good_quality:
        return Typology.KWETSBAAR
    return Typology.NIET_VITAAL
