"""Reads of the contact directory, for logged-in partners only.

"Wie bel ik over vakantieparken in Twente?" is a search over role, organisation, themes and
region (province-wide contacts count for both regions), with the catalog's Dutch search engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from weerbaar.catalog.search import Document
from weerbaar.catalog.search.cache import IndexCache
from weerbaar.core.policies import policy_for

from .models import Contact, ContactRegion

FACETS = ("organisation", "region", "theme")
_REGION_WORDS = {
    ContactRegion.TWENTE: "Twente",
    ContactRegion.IJSSELLAND: "IJsselland",
    ContactRegion.PROVINCIE: "provincie Overijssel Twente IJsselland",
}


def _queryset() -> QuerySet[Contact]:
    return Contact.objects.select_related("organisation", "deputy", "deputy__organisation").prefetch_related(
        "themes", "themes__parent"
    )


def contact_document(contact: Contact) -> Document:
    themes = list(contact.themes.all())
    return Document(
        key=contact.pk,
        fields={
            "title": f"{contact.role_nl} {contact.role_de} {contact.role_en}",
            "keywords": " ".join(f"{t.name_nl} {t.name_de} {t.name_en}" for t in themes),
            "description": f"{contact.organisation.name} {_REGION_WORDS[ContactRegion(contact.region)]}",
        },
        facets={
            "organisation": (contact.organisation.code,),
            "region": (contact.region,),
            "theme": tuple(sorted({t.code for t in themes} | {t.parent.code for t in themes if t.parent_id})),
        },
        freshness=contact.reviewed_on,
    )


contact_index = IndexCache(Contact, lambda: (contact_document(c) for c in _queryset()))


@dataclass
class ContactPage:
    contacts: list[Contact]
    total: int
    facets: dict[str, dict[str, int]]


def contact_search(
    *, user: Any, query: str = "", filters: dict[str, list[str]] | None = None, limit: int | None = 50
) -> ContactPage:
    visible = policy_for(Contact).visible(user, _queryset())
    if not visible.exists():
        return ContactPage(contacts=[], total=0, facets={})
    result = contact_index.get().search(
        query, filters={k: v for k, v in (filters or {}).items() if k in FACETS}, limit=limit
    )
    keys = [key for key, _ in result.hits]
    found = {c.pk: c for c in visible.filter(pk__in=keys)}
    return ContactPage(
        contacts=[found[k] for k in keys if k in found], total=result.total, facets=result.facets
    )


def contact_get(*, user: Any, key: str) -> Contact | None:
    return policy_for(Contact).visible(user, _queryset()).filter(key=key).first()


def contacts_by_key(*, user: Any, keys: list[str]) -> list[Contact]:
    """Contacts in the given order (for the checklist's advice)."""
    found = {c.key: c for c in policy_for(Contact).visible(user, _queryset()).filter(key__in=keys)}
    return [found[k] for k in keys if k in found]
