"""Knowledge items, published cases and dilemma posts as search documents.

Items and cases are found by their access level, like factsheets. Dilemma posts are found only
by members of a room: `visible_levels` is empty for anyone else, so the search engine leaves the
kind out of their query altogether (hits, totals, facet counts and spelling suggestions alike).
A post's document holds its title and text, never its author.
"""

from __future__ import annotations

from collections.abc import Iterable

from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.search.kinds import Document, SearchKind, search_kinds

from .models import CaseStatus, DilemmaCase, DilemmaPost, KnowledgeItem
from .policies import rooms_of

ITEM, CASE, DILEMMA = "kennis", "casus", "dilemma"


def _theme_codes(themes: Iterable) -> list[str]:
    themes = list(themes)
    return sorted({t.code for t in themes} | {t.parent.code for t in themes if t.parent_id})


@search_kinds.register(ITEM)
class KnowledgeDocuments(SearchKind):
    facets = ("kind", "theme", "owner")

    def document(self, obj: KnowledgeItem) -> Document:
        return Document(
            title={"nl": obj.title_nl, "de": obj.title_de, "en": obj.title_en},
            keywords={"nl": " ".join(obj.tags)},
            body={"nl": obj.summary_nl, "de": obj.summary_de, "en": obj.summary_en},
            facets={"kind": [obj.kind], "theme": _theme_codes(obj.themes.all()), "owner": [obj.owner.code]},
            access_level=obj.access_level,
            organisation_id=obj.owner_id,
            url=f"/kennis/{obj.pk}",
            freshness=obj.published_on,
        )

    def objects(self) -> Iterable[KnowledgeItem]:
        return KnowledgeItem.objects.select_related("owner").prefetch_related("themes", "themes__parent")


@search_kinds.register(CASE)
class CaseDocuments(SearchKind):
    facets = ("theme",)

    def document(self, obj: DilemmaCase) -> Document:
        return Document(
            title={"nl": obj.title},
            body={"nl": f"{obj.text} {obj.lesson}"},
            facets={"theme": _theme_codes(obj.themes.all())},
            access_level=obj.access_level,
            url=f"/kennis/casussen/{obj.pk}",
            freshness=obj.published_on,
        )

    def objects(self) -> Iterable[DilemmaCase]:
        # a draft is read by its own organisation on its page, never found by search
        return DilemmaCase.objects.filter(status=CaseStatus.PUBLISHED).prefetch_related(
            "themes", "themes__parent"
        )


@search_kinds.register(DILEMMA)
class DilemmaDocuments(SearchKind):
    facets = ("room",)

    def document(self, obj: DilemmaPost) -> Document:
        return Document(
            title={"nl": obj.title},
            body={"nl": obj.text},
            facets={"room": [obj.room.key]},
            access_level=AccessLevel.AFGESCHERMD,
            url=f"/kennis/dilemmas/{obj.parent_id or obj.pk}",
            freshness=obj.created_at.date(),
        )

    def objects(self) -> Iterable[DilemmaPost]:
        return DilemmaPost.objects.select_related("room")

    def visible_levels(self, ctx: ProcessingContext) -> frozenset[str]:
        return frozenset({AccessLevel.AFGESCHERMD}) if rooms_of(ctx).exists() else frozenset()
