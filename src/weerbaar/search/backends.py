"""The database's own full-text index: FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL.

Both receive the terms already stemmed (`text.py`) and hold, per document, its terms per field
(title, keywords, body) as text, each term padded by its own spaces (" term  term "). The
database's index finds the documents holding a term; the score of a term in a document is then
computed by the same SQL on both databases from those texts: its occurrences per field, weighted
3 / 2 / 1, saturated as in BM25 (k1 = 1.2), in integer arithmetic. So both databases return the
same documents in the same order.

- SQLite: `search_text` is an FTS5 table (rowid = the document's id) with the three texts as its
  columns (`unicode61` with diacritics kept, so the FTS5 tokens are exactly our terms).
- PostgreSQL: `search_text(document_id, title, keywords, body, vector)` with a GIN index on the
  tsvector, written as a literal (`'term':1A,2D`: title A, keywords B, body D) so no text-search
  configuration touches the terms again.

`full_text_index(connection)` is the one place that picks the path; with the capability flags of
the database backends (issue 11) it becomes a flag on `connection.features`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

#: what one occurrence of a term weighs in each field
FIELD_POINTS = {"title": 3, "keywords": 2, "body": 1}
FIELDS = tuple(FIELD_POINTS)


@dataclass(frozen=True)
class TextRow:
    """The terms of one document, per field."""

    document_id: int
    title: Sequence[str]
    keywords: Sequence[str]
    body: Sequence[str]


class FullTextIndex(Protocol):
    def create(self, cursor: Any) -> None: ...

    def drop(self, cursor: Any) -> None: ...

    def write(self, cursor: Any, rows: Sequence[TextRow]) -> None: ...

    def delete(self, cursor: Any, document_ids: Sequence[int]) -> None: ...

    def delete_kind(self, cursor: Any, kind: str) -> None: ...

    def delete_orphans(self, cursor: Any) -> None: ...

    #: the column holding the document's id
    id_column: str

    def matching(self, term: str) -> tuple[str, list[Any]]:
        """`FROM ... WHERE ...` selecting the rows that hold `term`, with its parameters."""
        ...


def padded(terms: Sequence[str]) -> str:
    """ " a  b  a ": every term between its own two spaces, so occurrences can be counted."""
    return "".join(f" {term} " for term in terms)


def _occurrences(column: str) -> str:
    return f"(length({column}) - length(replace({column}, %s, ''))) / %s"


def term_hits(index: FullTextIndex, term: str, *, group: int, points: int) -> tuple[str, list[Any]]:
    """SQL selecting (doc, grp, points) for every document holding `term`: `points` times the
    saturated, field-weighted number of occurrences (1 for a single body occurrence)."""
    source, source_params = index.matching(term)
    needle = f" {term} "
    wtf = " + ".join(
        f"{FIELD_POINTS[name]} * {_occurrences(name)}" if FIELD_POINTS[name] > 1 else _occurrences(name)
        for name in FIELDS
    )
    sql = (
        "SELECT doc, %s AS grp, %s * 22 * wtf / (10 * wtf + 12) AS points FROM "  # noqa: S608 (no values)
        f"(SELECT {index.id_column} AS doc, {wtf} AS wtf {source}) AS occurrences"
    )
    return sql, [group, points, *[x for _ in FIELDS for x in (needle, len(needle))], *source_params]


class Fts5Index:
    """SQLite: an FTS5 table whose rowid is the document's id."""

    id_column = "rowid"

    def create(self, cursor: Any) -> None:
        cursor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5("
            "title, keywords, body, tokenize = 'unicode61 remove_diacritics 0')"
        )

    def drop(self, cursor: Any) -> None:
        cursor.execute("DROP TABLE IF EXISTS search_text")

    def write(self, cursor: Any, rows: Sequence[TextRow]) -> None:
        self.delete(cursor, [row.document_id for row in rows])
        cursor.executemany(
            "INSERT INTO search_text (rowid, title, keywords, body) VALUES (%s, %s, %s, %s)",
            [(r.document_id, padded(r.title), padded(r.keywords), padded(r.body)) for r in rows],
        )

    def delete(self, cursor: Any, document_ids: Sequence[int]) -> None:
        cursor.executemany("DELETE FROM search_text WHERE rowid = %s", [(i,) for i in document_ids])

    def delete_kind(self, cursor: Any, kind: str) -> None:
        cursor.execute(
            "DELETE FROM search_text WHERE rowid IN (SELECT id FROM search_document WHERE kind = %s)", [kind]
        )

    def delete_orphans(self, cursor: Any) -> None:
        cursor.execute("DELETE FROM search_text WHERE rowid NOT IN (SELECT id FROM search_document)")

    def matching(self, term: str) -> tuple[str, list[Any]]:
        return "FROM search_text WHERE search_text MATCH %s", ['"' + term.replace('"', '""') + '"']


def _lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(row: TextRow) -> str:
    """`'term':1A,2D ...`: one position per field a term occurs in, weighted by the field."""
    weights: dict[str, list[str]] = {}
    for terms, weight in ((row.title, "A"), (row.keywords, "B"), (row.body, "D")):
        for term in dict.fromkeys(terms):
            weights.setdefault(term, []).append(weight)
    return " ".join(
        f"{_lexeme(term)}:{','.join(f'{n}{w}' for n, w in enumerate(found, start=1))}"
        for term, found in weights.items()
    )


class TsvectorIndex:
    """PostgreSQL: the texts and a tsvector per document (no foreign key, so Django's TRUNCATE
    between tests does not need CASCADE; rows of removed documents are deleted with them, and a
    leftover row is never joined)."""

    id_column = "document_id"

    def create(self, cursor: Any) -> None:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS search_text (document_id bigint PRIMARY KEY, "
            "title text NOT NULL, keywords text NOT NULL, body text NOT NULL, vector tsvector NOT NULL)"
        )
        cursor.execute("CREATE INDEX IF NOT EXISTS search_text_vector ON search_text USING gin (vector)")

    def drop(self, cursor: Any) -> None:
        cursor.execute("DROP TABLE IF EXISTS search_text")

    def write(self, cursor: Any, rows: Sequence[TextRow]) -> None:
        cursor.executemany(
            "INSERT INTO search_text (document_id, title, keywords, body, vector) "
            "VALUES (%s, %s, %s, %s, %s::tsvector) ON CONFLICT (document_id) DO UPDATE SET "
            "title = EXCLUDED.title, keywords = EXCLUDED.keywords, body = EXCLUDED.body, vector = EXCLUDED.vector",
            [
                (r.document_id, padded(r.title), padded(r.keywords), padded(r.body), tsvector_literal(r))
                for r in rows
            ],
        )

    def delete(self, cursor: Any, document_ids: Sequence[int]) -> None:
        if document_ids:
            cursor.execute("DELETE FROM search_text WHERE document_id = ANY(%s)", [list(document_ids)])

    def delete_kind(self, cursor: Any, kind: str) -> None:
        cursor.execute(
            "DELETE FROM search_text WHERE document_id IN (SELECT id FROM search_document WHERE kind = %s)",
            [kind],
        )

    def delete_orphans(self, cursor: Any) -> None:
        cursor.execute(
            "DELETE FROM search_text t WHERE NOT EXISTS "
            "(SELECT 1 FROM search_document d WHERE d.id = t.document_id)"
        )

    def matching(self, term: str) -> tuple[str, list[Any]]:
        return "FROM search_text WHERE vector @@ %s::tsquery", [_lexeme(term)]


def full_text_index(connection: Any) -> FullTextIndex:
    """The full-text index of this database (the one switch between the two paths)."""
    if connection.vendor == "postgresql":
        return TsvectorIndex()
    return Fts5Index()
