"""A layer's texts for its reader, in nl/de/en: its legend and its source credit.

    legend: [{label: {nl: Gemeentegrens, de: Gemeindegrenze, en: Municipal boundary}, stroke: "#5a5a5a"}]
    credit: {nl: "Bron: CBS, Kadaster/PDOK", de: "Quelle: CBS, Kadaster/PDOK", en: "Source: CBS, Kadaster/PDOK"}

A text given as a plain string is Dutch only and falls back to Dutch in German and English: the
loader accepts it, the German map then shows it in Dutch, so the shipped layers give all three.
The credit is stored as the layer's `credit` (Dutch) with `credit_de` and `credit_en`, as its title is.
"""

from __future__ import annotations

import re
from typing import Any

from .featureinfo import LANGUAGES, InfoConfigError, texts_per_language

LEGEND_KEYS = frozenset({"label", "fill", "stroke"})
_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|rgba?\([0-9., ]+\)|none)$")


def validate_legend(code: str, legend: Any) -> list[dict[str, Any]]:
    """The legend checked, each label in every language; InfoConfigError naming the layer, the
    item and the reason otherwise."""
    if legend in (None, []):
        return []
    if not isinstance(legend, list):
        raise InfoConfigError(f"kaartlaag {code}: legend moet een lijst zijn")
    checked = []
    for n, item in enumerate(legend, start=1):
        if not isinstance(item, dict):
            raise InfoConfigError(f"kaartlaag {code}: legend item {n} moet een object zijn")
        unknown = set(item) - LEGEND_KEYS
        if unknown:
            raise InfoConfigError(f"kaartlaag {code}: legend item {n}: onbekende sleutels {sorted(unknown)}")
        entry: dict[str, Any] = {
            "label": texts_per_language(code, f"legend item {n} label", item.get("label"))
        }
        for key in ("fill", "stroke"):
            if key in item:
                if not _COLOUR.match(str(item[key])):
                    raise InfoConfigError(
                        f"kaartlaag {code}: legend item {n} {key}: {item[key]!r} is geen kleur (#rrggbb of rgba())"
                    )
                entry[key] = str(item[key])
        checked.append(entry)
    return checked


def legend_in(legend: list[dict[str, Any]], language: str) -> list[dict[str, Any]]:
    """The legend with each label in `language` (a label stored before labels had languages is Dutch)."""
    return [{**item, "label": _in(item.get("label", ""), language)} for item in legend or []]


def credit_fields(code: str, credit: Any) -> dict[str, str]:
    """A definition's `credit` (a string, or texts per language) as the model's fields."""
    if credit in (None, ""):
        return {"credit": "", "credit_de": "", "credit_en": ""}
    texts = texts_per_language(code, "credit", credit)
    return {"credit": texts["nl"], "credit_de": texts["de"], "credit_en": texts["en"]}


def _in(text: Any, language: str) -> str:
    if isinstance(text, dict):
        return str(text.get(language) or text.get("nl", ""))
    return str(text)


__all__ = ["LANGUAGES", "credit_fields", "legend_in", "validate_legend"]
