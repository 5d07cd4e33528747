"""Template filters of the catalog."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from weerbaar.themes.starter import legal_basis_names

register = template.Library()


@register.filter
def legal_basis(basis) -> str:
    """A legal basis in the active language: the starter vocabularies' translation, else title (article)."""
    names = legal_basis_names().get(basis.code)
    if names:
        return names.get((get_language() or "nl")[:2]) or names["nl"]
    if basis.article and basis.article not in basis.title:
        return f"{basis.title} ({basis.article})"
    return basis.title
