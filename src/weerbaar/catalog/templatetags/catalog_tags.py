"""Template filters of the catalog."""

from __future__ import annotations

from functools import lru_cache

import yaml
from django import template
from django.utils.translation import get_language

register = template.Library()


@lru_cache(maxsize=1)
def _legal_basis_names() -> dict[str, dict[str, str]]:
    from weerbaar.catalog.starter import VOCABULARIES

    vocab = yaml.safe_load(VOCABULARIES.read_text(encoding="utf-8"))
    return {row["code"]: row["name"] for row in vocab["legal_bases"]}


@register.filter
def legal_basis(basis) -> str:
    """A legal basis in the active language: the catalog's translation, else title (article)."""
    names = _legal_basis_names().get(basis.code)
    if names:
        return names.get((get_language() or "nl")[:2]) or names["nl"]
    if basis.article and basis.article not in basis.title:
        return f"{basis.title} ({basis.article})"
    return basis.title
