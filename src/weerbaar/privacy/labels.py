"""How a legal basis is named on a page: once, in the active language.

The register's bases carry a title and an article ("Wet Bibob", "art. 7a"); the starter
vocabularies (a foundation app above this one) store their bases with the whole name as both, and
know the German and English names. They hand those names in here at start-up, so `str(basis)`
(used by every template and form) is the one place a basis is formatted.
"""

from collections.abc import Callable
from typing import Protocol

from django.utils.translation import get_language

NamesProvider = Callable[[], dict[str, dict[str, str]]]
_providers: list[NamesProvider] = []


class _Basis(Protocol):
    code: str
    title: str
    article: str


def legal_basis_names_add(provider: NamesProvider) -> None:
    """Register a source of names per language (code -> {"nl": ..., "de": ..., "en": ...})."""
    if provider not in _providers:
        _providers.append(provider)


def legal_basis_label(basis: _Basis) -> str:
    """The translated name when a source knows the code, else the title with the article only when
    the title does not already contain it."""
    language = (get_language() or "nl")[:2]
    for provider in _providers:
        names = provider().get(basis.code)
        if names:
            return names.get(language) or names["nl"]
    if basis.article and basis.article not in basis.title:
        return f"{basis.title} ({basis.article})"
    return basis.title
