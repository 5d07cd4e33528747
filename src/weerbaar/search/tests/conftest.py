"""A kind of document for the search service's own tests: notes kept in memory.

The index only asks a kind for documents, so the notes need no table; `NOTES` plays the app's
own storage (what `weerbaar reindex` reads back).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from weerbaar.core.access import AccessLevel
from weerbaar.core.context import Clearance, Origin, ProcessingContext
from weerbaar.search.kinds import Document, SearchKind, search_kinds

NOTES: dict[int, Note] = {}


@dataclass
class Note:
    pk: int
    title: str
    body: str = ""
    title_de: str = ""
    title_en: str = ""
    keywords: str = ""
    level: str = AccessLevel.OPENBAAR
    organisation_id: int | None = None
    topics: list[str] = field(default_factory=list)
    day: int = 1


if "testnotitie" not in search_kinds:

    @search_kinds.register("testnotitie")
    class NoteDocuments(SearchKind):
        facets = ("topic", "access")

        def document(self, obj: Note) -> Document:
            return Document(
                title={"nl": obj.title, "de": obj.title_de, "en": obj.title_en},
                keywords={"nl": obj.keywords},
                body={"nl": obj.body},
                facets={"topic": obj.topics, "access": [obj.level]},
                access_level=obj.level,
                organisation_id=obj.organisation_id,
                url=f"/notities/{obj.pk}",
                freshness=dt.date(2026, 1, obj.day),
            )

        def objects(self) -> list[Note]:
            return list(NOTES.values())

    @search_kinds.register("testdossier")
    class CaseDocuments(NoteDocuments):
        """Documents only the owning organisation finds."""

        organisation_scoped = True


def context(*levels: str, organisation_id: int | None = None) -> ProcessingContext:
    """A context cleared for `levels` (an actor of `organisation_id` when one is given)."""
    actor = None
    if organisation_id is not None:
        from types import SimpleNamespace

        actor = SimpleNamespace(pk=1, organisation_id=organisation_id, is_active=True)
    return ProcessingContext(
        actor=actor,  # type: ignore[arg-type]
        clearance=Clearance(levels=frozenset(levels)),
        origin=Origin.PAGE,
    )


ANONYMOUS = context(AccessLevel.OPENBAAR)
PARTNER = context(AccessLevel.OPENBAAR, AccessLevel.INTERN)
CLEARED = context(AccessLevel.OPENBAAR, AccessLevel.INTERN, AccessLevel.AFGESCHERMD)


@pytest.fixture
def notes(db):
    """Store notes (in NOTES) and index them through the service, as an app's service would."""
    from weerbaar.search.services import search_index_update

    NOTES.clear()

    def add(*items: Note, kind: str = "testnotitie") -> list[Note]:
        for note in items:
            NOTES[note.pk] = note
            search_index_update(kind=kind, obj=note)
        return list(items)

    yield add
    NOTES.clear()
