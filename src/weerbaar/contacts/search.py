"""Contact entries as search documents: "wie bel ik over vakantieparken in Twente?" is a search
over role, themes, organisation and region (province-wide entries count for both regions).

Only what may be searched goes into the index: role, theme names, organisation and region; the
e-mail address, phone number and the person keeping the entry stay in the directory's table.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from weerbaar.core.access import AccessLevel
from weerbaar.search.kinds import Document, SearchKind, search_kinds

from .models import Contact, ContactRegion

KIND = "contact"
FACETS = ("organisation", "region", "theme")
_REGION_WORDS = {
    ContactRegion.TWENTE: "Twente",
    ContactRegion.IJSSELLAND: "IJsselland",
    ContactRegion.PROVINCIE: "provincie Overijssel Twente IJsselland",
}


def indexed_contacts() -> QuerySet[Contact]:
    return Contact.objects.select_related("organisation").prefetch_related("themes", "themes__parent")


@search_kinds.register(KIND)
class ContactDocuments(SearchKind):
    facets = FACETS

    def document(self, obj: Contact) -> Document:
        themes = list(obj.themes.all())
        return Document(
            title={"nl": obj.role_nl, "de": obj.role_de, "en": obj.role_en},
            keywords={
                language: " ".join(getattr(t, f"name_{language}") for t in themes)
                for language in ("nl", "de", "en")
            },
            body={"nl": f"{obj.organisation.name} {_REGION_WORDS[ContactRegion(obj.region)]}"},
            facets={
                "organisation": [obj.organisation.code],
                "region": [obj.region],
                "theme": sorted(
                    {t.code for t in themes} | {t.parent.code for t in themes if t.parent is not None}
                ),
            },
            # the directory is for logged-in partners
            access_level=AccessLevel.INTERN,
            organisation_id=obj.organisation_id,
            url=f"/contactpersonen/{obj.key}",
            freshness=obj.reviewed_on,
        )

    def objects(self) -> Iterable[Contact]:
        return indexed_contacts().iterator(chunk_size=500)
