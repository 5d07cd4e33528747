"""The database's own full-text index: FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL.

Both receive the terms already stemmed (`text.py`) and hold, per document, its terms per field
(title, keywords, body) as text, each term padded by its own spaces (" term  term "). Each answers
one question for a term: which documents hold it, and how often in each field. The score is then
computed from that by the same SQL on both databases (occurrences weighted 3 / 2 / 1, saturated as
in BM25, k1 = 1.2, in integer arithmetic), so both return the same documents in the same order.

- SQLite: `search_text` is an FTS5 table (rowid = the document's id) with the three texts as its
  columns (`unicode61` with diacritics kept, so the FTS5 tokens are exactly our terms); the
  occurrences come from FTS5's own index through the `fts5vocab` table `search_text_instances`.
- PostgreSQL: `search_text(document_id, title, keywords, body, vector)` with a GIN index on the
  tsvector, written as a literal (`'term':1A,2D`: title A, keywords B, body D) so no text-search
  configuration touches the terms again; the GIN index finds the documents, the occurrences are
  counted in the stored texts.

`full_text_index(connection)` is the one place that picks the path; with the capability flags of
the database backends (issue 11) it becomes a flag on `connection.features`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol


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

    def occurrences(self, term: str) -> tuple[str, list[Any]]:
        """SQL selecting (doc, wtf) for every document holding `term`: its occurrences weighted
        by field (3 title, 2 keywords, 1 body), with the parameters."""
        ...


def padded(terms: Sequence[str]) -> str:
    """ " a  b  a ": every term between its own two spaces, so occurrences can be counted."""
    return "".join(f" {term} " for term in terms)


def term_hits(index: FullTextIndex, term: str, *, points: int) -> tuple[str, list[Any]]:
    """SQL selecting (doc, points) for every document holding `term`: `points` times its
    field-weighted occurrences, saturated as BM25 does (k1 = 1.2; one body occurrence gives
    `points`), in integer arithmetic so both databases compute the same number."""
    occurrences, params = index.occurrences(term)
    sql = f"SELECT doc, %s * 22 * wtf / (10 * wtf + 12) AS points FROM ({occurrences}) AS o"  # noqa: S608
    return sql, [points, *params]


class Fts5Index:
    """SQLite: an FTS5 table whose rowid is the document's id, and its `fts5vocab` table of
    term instances (FTS5's own posting lists: which document holds a term, in which column)."""

    def create(self, cursor: Any) -> None:
        cursor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5("
            "title, keywords, body, tokenize = 'unicode61 remove_diacritics 0')"
        )
        cursor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_text_instances USING fts5vocab(search_text, instance)"
        )

    def drop(self, cursor: Any) -> None:
        cursor.execute("DROP TABLE IF EXISTS search_text_instances")
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

    def occurrences(self, term: str) -> tuple[str, list[Any]]:
        # read from the index itself, not from the stored texts (five times faster)
        sql = (
            "SELECT doc, SUM(CASE col WHEN 'title' THEN 3 WHEN 'keywords' THEN 2 ELSE 1 END) AS wtf "
            "FROM search_text_instances WHERE term = %s GROUP BY doc"
        )
        return sql, [term]


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

    def occurrences(self, term: str) -> tuple[str, list[Any]]:
        # the GIN index finds the documents; the occurrences are counted in their stored texts
        needle = f" {term} "
        count = "(length({0}) - length(replace({0}, %s, ''))) / %s"
        wtf = f"3 * {count.format('title')} + 2 * {count.format('keywords')} + {count.format('body')}"
        sql = f"SELECT document_id AS doc, {wtf} AS wtf FROM search_text WHERE vector @@ %s::tsquery"  # noqa: S608
        return sql, [needle, len(needle)] * 3 + [_lexeme(term)]


def full_text_index(connection: Any) -> FullTextIndex:
    """The full-text index of this database (the one switch between the two paths)."""
    if connection.features.supports_tsvector_search:
        return TsvectorIndex()
    return Fts5Index()
