"""Template filters of the dashboard pages."""

from decimal import Decimal
from typing import Any

from django import template

from ..charts import localised

register = template.Library()


@register.filter
def score_band(score: Decimal | None) -> int | str:
    """The heat-map class of a 1–5 score: its whole part (5 only for a 5)."""
    if score is None:
        return ""
    return max(1, min(5, int(score)))


@register.filter
def get_item(mapping: dict, key: Any) -> Any:
    return mapping.get(key, key)


@register.filter
def figure(shown: str) -> str:
    """A published figure in the page's language (40,4 in nl and de); "< 5" and "×" unchanged."""
    return localised(shown) if shown else shown
