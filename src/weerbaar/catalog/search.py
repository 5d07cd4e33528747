"""Factsheets as search documents: titles, keywords and theme names, descriptions in nl/de/en;
facets owner, theme (with its parent theme), access level, personal data, format.

A partner finds intern and afgeschermd factsheets too (the policy: discoverable before
disclosed), so the kind's visible levels are the policy's, not the bare clearance.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from weerbaar.core.context import ProcessingContext
from weerbaar.search.kinds import Document, SearchKind, search_kinds

from .models import Factsheet
from .policies import visible_factsheet_levels

KIND = "factsheet"
FACETS = ("owner", "theme", "access", "personal", "format")
LANGUAGES = ("nl", "de", "en")


def indexed_factsheets() -> QuerySet[Factsheet]:
    return Factsheet.objects.select_related("owner").prefetch_related(
        "themes", "themes__parent", "distributions"
    )


@search_kinds.register(KIND)
class FactsheetDocuments(SearchKind):
    facets = FACETS

    def document(self, obj: Factsheet) -> Document:
        themes = list(obj.themes.all())
        keywords = {
            language: " ".join(getattr(t, f"name_{language}") for t in themes) for language in LANGUAGES
        }
        keywords["nl"] = " ".join(obj.keywords) + " " + keywords["nl"]
        return Document(
            title={"nl": obj.title_nl, "de": obj.title_de, "en": obj.title_en},
            keywords=keywords,
            body={
                "nl": f"{obj.description_nl} {obj.owner.name} {obj.identifier}",
                "de": obj.description_de,
                "en": obj.description_en,
            },
            facets={
                "owner": [obj.owner.code],
                "theme": sorted(
                    {t.code for t in themes} | {t.parent.code for t in themes if t.parent is not None}
                ),
                "access": [obj.access_level],
                "personal": ["ja" if obj.personal_data else "nee"],
                "format": sorted({d.format for d in obj.distributions.all()}),
            },
            access_level=obj.access_level,
            organisation_id=obj.owner_id,
            url=f"/factsheets/{obj.identifier}",
            freshness=obj.reviewed_on,
        )

    def objects(self) -> Iterable[Factsheet]:
        return indexed_factsheets().iterator(chunk_size=500)

    def visible_levels(self, ctx: ProcessingContext) -> frozenset[str]:
        return visible_factsheet_levels(ctx)
