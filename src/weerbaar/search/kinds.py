"""The kinds of document an app registers into the one search index.

An app says, from its `AppConfig.ready`, how one of its objects becomes a document and how to
find all of them again for a full rebuild::

    @search_kinds.register("factsheet")
    class FactsheetDocuments(SearchKind):
        facets = ("owner", "theme", "access")

        def document(self, obj: Factsheet) -> Document: ...
        def objects(self) -> Iterable[Factsheet]: ...

and calls `weerbaar.search.services.search_index_update(kind="factsheet", obj=...)` from the
services that change such an object. The index never reads the app's tables by itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.registry import Registry


@dataclass(frozen=True)
class Document:
    """One searchable object: its texts per language, facet values and who may find it.

    `title`, `keywords` and `body` map a language code (nl, de, en) to text; a term in the title
    weighs 3, in the keywords 2, in the body 1.
    """

    title: Mapping[str, str]
    body: Mapping[str, str] = field(default_factory=dict)
    keywords: Mapping[str, str] = field(default_factory=dict)
    facets: Mapping[str, Sequence[str]] = field(default_factory=dict)
    access_level: str = AccessLevel.INTERN
    #: the organisation that owns the object (for kinds scoped to their organisation)
    organisation_id: int | None = None
    url: str = ""
    #: newest first when sorting by freshness, and between equal scores
    freshness: dt.date | None = None

    @property
    def display_title(self) -> str:
        return self.title.get("nl") or next(iter(self.title.values()), "")


class SearchKind:
    """How the objects of one kind become documents. Subclasses set `facets` and implement
    `document` and `objects`; the registry sets `name`."""

    name: ClassVar[str] = ""
    #: the facet names this kind's documents carry, in the order pages show them
    facets: ClassVar[tuple[str, ...]] = ()
    #: documents are found only by contexts of the owning organisation
    organisation_scoped: ClassVar[bool] = False

    def document(self, obj: Any) -> Document:
        raise NotImplementedError

    def objects(self) -> Iterable[Any]:
        """Every object of this kind, for a full rebuild (`weerbaar reindex`)."""
        raise NotImplementedError

    def object_id(self, obj: Any) -> str:
        return str(obj.pk)

    def visible_levels(self, ctx: ProcessingContext) -> frozenset[str]:
        """The access levels of this kind's documents `ctx` may find (default: its clearance)."""
        return frozenset(ctx.clearance.levels)


class SearchKindRegistry(Registry[type[SearchKind]]):
    def register(self, name: str):  # type: ignore[no-untyped-def, override]
        register = super().register(name)

        def decorator(kind: type[SearchKind]) -> type[SearchKind]:
            kind.name = name
            return register(kind)

        return decorator

    def instance(self, name: str) -> SearchKind:
        return self[name]()


#: name -> SearchKind subclass, filled by the apps that own the documents
search_kinds = SearchKindRegistry("search kind")
