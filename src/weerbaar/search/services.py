"""Writes on the search index: one document per change, or a full rebuild of a kind.

The owning app calls `search_index_update(kind=..., obj=...)` from the service that changed the
object (inside that service's transaction: a rolled-back change leaves the index as it was) and
`search_index_remove` from the one that deleted it. `search_reindex` rebuilds kinds from their
objects (`weerbaar reindex`, and after bulk loads that bypass the services).

The index is the platform's own: building it reads the objects under `platform_processing`
(a kind whose objects are personal data indexes only what may be searched; see models.py).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import connection, router, transaction

from weerbaar.core.personal_data import platform_processing

from .backends import TextRow, full_text_index
from .kinds import Document, SearchKind, search_kinds
from .models import IndexedDocument, IndexState
from .text import field_terms

BATCH = 500


@dataclass
class Prepared:
    """A document turned into what the index stores."""

    object_id: str
    document: Document
    title: list[str]
    keywords: list[str]
    body: list[str]

    @property
    def terms(self) -> list[str]:
        return sorted(set(self.title) | set(self.keywords) | set(self.body))

    def fields(self) -> dict[str, Any]:
        doc = self.document
        return {
            "access_level": doc.access_level,
            "organisation_id": doc.organisation_id,
            "title": doc.display_title[:300],
            "url": doc.url[:300],
            "freshness": doc.freshness,
            "terms": " ".join(self.terms),
        }

    def facets(self, document_id: int) -> list[tuple[int, str, str]]:
        return [
            (document_id, name, str(value)[:100])
            for name, values in self.document.facets.items()
            for value in dict.fromkeys(values)
        ]

    def text_row(self, document_id: int) -> TextRow:
        return TextRow(document_id, self.title, self.keywords, self.body)


def _prepare(kind: SearchKind, obj: Any) -> Prepared:
    document = kind.document(obj)
    return Prepared(
        object_id=kind.object_id(obj),
        document=document,
        title=field_terms(document.title),
        keywords=field_terms(document.keywords),
        body=field_terms(document.body),
    )


def _chunks(items: Sequence[Any], size: int = BATCH) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _vocabulary_add(cursor: Any, counts: Counter[tuple[str, str, str]]) -> None:
    """Add document counts per (kind, access level, term)."""
    cursor.executemany(
        "INSERT INTO search_term (kind, access_level, term, documents) VALUES (%s, %s, %s, %s) "
        "ON CONFLICT (kind, access_level, term) "
        "DO UPDATE SET documents = search_term.documents + excluded.documents",
        [(kind, level, term, n) for (kind, level, term), n in counts.items()],
    )


def _vocabulary_remove(cursor: Any, *, kind: str, level: str, terms: Sequence[str]) -> None:
    for chunk in _chunks(terms):
        marks = ", ".join(["%s"] * len(chunk))
        cursor.execute(
            "UPDATE search_term SET documents = documents - 1 "  # noqa: S608 (placeholders only)
            f"WHERE kind = %s AND access_level = %s AND term IN ({marks})",
            [kind, level, *chunk],
        )
    cursor.execute(
        "DELETE FROM search_term WHERE kind = %s AND access_level = %s AND documents <= 0", [kind, level]
    )


def _facets_add(cursor: Any, rows: list[tuple[int, str, str]]) -> None:
    cursor.executemany("INSERT INTO search_facet (document_id, name, value) VALUES (%s, %s, %s)", rows)


def _changed() -> None:
    """The index changed: a new stamp tells every worker its vocabulary is stale."""
    stamp = uuid.uuid4().hex
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE search_state SET generation = generation + 1, stamp = %s WHERE id = 1", [stamp]
        )
        if cursor.rowcount == 0:
            IndexState.objects.update_or_create(pk=1, defaults={"generation": 1, "stamp": stamp})


@transaction.atomic
def search_index_update(*, kind: str, obj: Any) -> IndexedDocument:
    """(Re)index one object: its document, facets, terms and vocabulary counts."""
    prepared = _prepare(search_kinds.instance(kind), obj)
    stored = (
        IndexedDocument.objects.select_for_update()
        .filter(kind=kind, object_id=prepared.object_id)
        .only("id", "access_level", "terms")
        .first()
    )
    counts: Counter[tuple[str, str, str]] = Counter()
    new_level, new_terms = prepared.document.access_level, prepared.terms
    with connection.cursor() as cursor:
        if stored is None:
            stored = IndexedDocument.objects.create(
                kind=kind, object_id=prepared.object_id, **prepared.fields()
            )
            counts.update((kind, new_level, t) for t in new_terms)
        else:
            old_level, old_terms = stored.access_level, stored.terms.split()
            if old_level == new_level:
                gone = sorted(set(old_terms) - set(new_terms))
                counts.update((kind, new_level, t) for t in set(new_terms) - set(old_terms))
            else:
                gone = old_terms
                counts.update((kind, new_level, t) for t in new_terms)
            _vocabulary_remove(cursor, kind=kind, level=old_level, terms=gone)
            IndexedDocument.objects.filter(pk=stored.pk).update(**prepared.fields())
            cursor.execute("DELETE FROM search_facet WHERE document_id = %s", [stored.pk])
        _vocabulary_add(cursor, counts)
        full_text_index(connection).write(cursor, [prepared.text_row(stored.pk)])
        _facets_add(cursor, prepared.facets(stored.pk))
    _changed()
    return stored


@transaction.atomic
def search_index_remove(*, kind: str, object_id: Any) -> bool:
    """Take one object out of the index; False when it was not in it."""
    stored = (
        IndexedDocument.objects.select_for_update()
        .filter(kind=kind, object_id=str(object_id))
        .only("id", "access_level", "terms")
        .first()
    )
    if stored is None:
        return False
    with connection.cursor() as cursor:
        _vocabulary_remove(cursor, kind=kind, level=stored.access_level, terms=stored.terms.split())
        full_text_index(connection).delete(cursor, [stored.pk])
        cursor.execute("DELETE FROM search_facet WHERE document_id = %s", [stored.pk])
        cursor.execute("DELETE FROM search_document WHERE id = %s", [stored.pk])
    _changed()
    return True


def _clear(cursor: Any, kind: str) -> None:
    full_text_index(connection).delete_kind(cursor, kind)
    cursor.execute(
        "DELETE FROM search_facet WHERE document_id IN (SELECT id FROM search_document WHERE kind = %s)",
        [kind],
    )
    cursor.execute("DELETE FROM search_term WHERE kind = %s", [kind])
    cursor.execute("DELETE FROM search_document WHERE kind = %s", [kind])


@transaction.atomic
def search_reindex(*, kinds: Sequence[str] | None = None) -> dict[str, int]:
    """Rebuild the index of `kinds` (default: every registered kind) from their objects, in one
    transaction (searches see the old index until it commits). Returns documents per kind."""
    names = list(kinds) if kinds is not None else list(search_kinds)
    index = full_text_index(connection)
    indexed: dict[str, int] = {}
    with connection.cursor() as cursor, platform_processing("building the search index"):
        for name in names:
            kind = search_kinds.instance(name)
            _clear(cursor, name)
            counts: Counter[tuple[str, str, str]] = Counter()
            objects = iter(kind.objects())
            indexed[name] = 0
            while batch := list(islice(objects, BATCH)):
                prepared = [_prepare(kind, obj) for obj in batch]
                stored = IndexedDocument.objects.bulk_create(
                    [IndexedDocument(kind=name, object_id=p.object_id, **p.fields()) for p in prepared]
                )
                index.write(cursor, [p.text_row(s.pk) for p, s in zip(prepared, stored, strict=True)])
                _facets_add(
                    cursor, [f for p, s in zip(prepared, stored, strict=True) for f in p.facets(s.pk)]
                )
                for p in prepared:
                    counts.update((name, p.document.access_level, t) for t in p.terms)
                indexed[name] += len(prepared)
            _vocabulary_add(cursor, counts)
        if kinds is None:
            index.delete_orphans(cursor)
    _changed()
    return indexed


def search_index_empty_kinds(*, using: str = "default", **kwargs: Any) -> dict[str, int]:
    """Index every registered kind that has no document yet (a `post_migrate` receiver: the first
    `migrate` after the index was introduced indexes what the apps already hold)."""
    if not router.allow_migrate_model(using, IndexedDocument) or using != connection.alias:
        return {}
    indexed = set(IndexedDocument.objects.values_list("kind", flat=True).distinct())
    empty = [name for name in search_kinds if name not in indexed]
    return search_reindex(kinds=empty) if empty else {}
