"""Template filters of the catalog."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def legal_basis(basis) -> str:
    """A legal basis in the active language (formatted in one place: `privacy.labels`)."""
    return str(basis)
