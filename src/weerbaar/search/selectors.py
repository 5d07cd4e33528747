"""Searching the one index: access levels and organisation scope in the SQL, typo-tolerant
terms, disjunctive facet counts, pagination.

A document's score, the same on both databases: for every query word the best of its terms in
the document (term weight x idf x its occurrences weighted 3 / 2 / 1 in title / keywords / body,
saturated as in BM25), summed, times the square of the number of query words the document
matches (so documents matching every word come first). Scores are integers in SQL (weights and
idf scaled by 1000), so equal documents tie exactly on both databases and the tie goes to the
fresher one, then the older id.

The hits are (kind, object id) pairs: the owning app loads its objects through its own selector
(and policy) and decides what to show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from weerbaar.core.context import ProcessingContext

from .backends import full_text_index, term_hits
from .kinds import search_kinds
from .text import query_words
from .vocabulary import vocabulary_for

#: the terms one query word may stand for at most (its exact stems first, then the closest)
MAX_EXPANSIONS = 40
SORTS = ("relevance", "freshness")


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: str
    score: float
    title: str
    url: str


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    #: facet name -> value -> number of documents (a facet's own filter does not narrow it)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    #: query word -> the index terms it was searched as (stems, corrections, compounds)
    corrections: dict[str, list[str]] = field(default_factory=dict)


def _marks(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


class _Sql:
    """A piece of SQL with its parameters."""

    def __init__(self, sql: str = "", params: Sequence[Any] = ()) -> None:
        self.sql = sql
        self.params = list(params)


def _visibility(ctx: ProcessingContext, kinds: Sequence[str]) -> tuple[_Sql, set[tuple[str, str]]]:
    """What `ctx` may find, per kind: its access levels and, for scoped kinds, its organisation."""
    clauses: list[str] = []
    params: list[Any] = []
    scope: set[tuple[str, str]] = set()
    for name in kinds:
        kind = search_kinds.instance(name)
        levels = sorted(kind.visible_levels(ctx))
        if not levels:
            continue
        clause = f"(d.kind = %s AND d.access_level IN ({_marks(levels)})"
        params += [name, *levels]
        if kind.organisation_scoped and not ctx.system:
            if ctx.organisation_id is None:
                continue
            clause += " AND d.organisation_id = %s"
            params.append(ctx.organisation_id)
        clauses.append(clause + ")")
        scope |= {(name, level) for level in levels}
    return _Sql(" OR ".join(clauses) or "1 = 0", params), scope


def _filter(column: str, name: str, values: Sequence[str]) -> _Sql:
    return _Sql(
        f"{column} IN (SELECT document_id FROM search_facet WHERE name = %s AND value IN ({_marks(values)}))",  # noqa: S608
        [name, *values],
    )


def _all(parts: Sequence[_Sql]) -> _Sql:
    if not parts:
        return _Sql("1 = 1")
    return _Sql(" AND ".join(f"({p.sql})" for p in parts), [x for p in parts for x in p.params])


def _scored(ctx_scope: set[tuple[str, str]], words: list[str]) -> tuple[_Sql | None, dict[str, list[str]]]:
    """The CTEs hits -> best -> scored(doc, score) for the query words (None: nothing matches)."""
    vocabulary = vocabulary_for(ctx_scope)
    index = full_text_index(connection)
    parts: list[_Sql] = []
    corrections: dict[str, list[str]] = {}
    for group, word in enumerate(words):
        expansions = vocabulary.expand(word)[:MAX_EXPANSIONS]
        corrections[word] = [term for term, _weight in expansions]
        for term, weight in expansions:
            points = max(1, round(1000 * weight * vocabulary.idf(term)))
            sql, params = term_hits(index, term, group=group, points=points)
            parts.append(_Sql(sql, params))
    if not parts:
        return None, corrections
    hits = " UNION ALL ".join(p.sql for p in parts)
    return (
        _Sql(
            f"hits(doc, grp, points) AS ({hits}), "  # noqa: S608
            "best AS (SELECT doc, grp, MAX(points) AS points FROM hits GROUP BY doc, grp), "
            "scored AS (SELECT doc, SUM(points) * COUNT(*) * COUNT(*) AS score FROM best GROUP BY doc)",
            [x for p in parts for x in p.params],
        ),
        corrections,
    )


def search(
    *,
    ctx: ProcessingContext,
    query: str = "",
    kinds: Sequence[str] | None = None,
    facets: Mapping[str, Sequence[str]] | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int | None = 20,
    count_facets: bool = True,
) -> SearchResults:
    """Documents of `kinds` matching `query` that `ctx` may find, narrowed by the chosen `facets`
    (values of one facet widen, facets narrow each other), best or freshest first."""
    names = list(kinds) if kinds is not None else list(search_kinds)
    known_facets = {f for name in names for f in search_kinds[name].facets}
    chosen = {
        name: list(values) for name, values in (facets or {}).items() if values and name in known_facets
    }
    visibility, scope = _visibility(ctx, names)
    if not scope:
        return SearchResults(hits=[], total=0)
    words = query_words(query)
    scored, corrections = _scored(scope, words) if words else (None, {})
    if words and scored is None:
        return SearchResults(hits=[], total=0, corrections=corrections)

    filters = [_filter("d.id", name, values) for name, values in chosen.items()]
    where = _all([visibility, *filters])
    with_ = f"WITH {scored.sql} " if scored else ""
    with_params = scored.params if scored else []
    source = "scored s JOIN search_document d ON d.id = s.doc" if scored else "search_document d"
    score = "s.score" if scored else "0"
    freshest = "d.freshness DESC NULLS LAST, d.id"
    order = f"{score} DESC, {freshest}" if scored and sort != "freshness" else freshest
    limit = ""
    limit_params: list[Any] = []
    if per_page is not None:
        limit = " LIMIT %s OFFSET %s"
        limit_params = [per_page, (max(page, 1) - 1) * per_page]
    sql = (
        f"{with_}SELECT d.kind, d.object_id, d.title, d.url, {score}, COUNT(*) OVER () "  # noqa: S608
        f"FROM {source} WHERE {where.sql} ORDER BY {order}{limit}"
    )
    norm = 1000.0 * max(len(words), 1) ** 2
    with connection.cursor() as cursor:
        cursor.execute(sql, [*with_params, *where.params, *limit_params])
        rows = cursor.fetchall()
        total = rows[0][5] if rows else 0
        if not rows and page > 1:
            cursor.execute(
                f"{with_}SELECT COUNT(*) FROM {source} WHERE {where.sql}",  # noqa: S608
                [*with_params, *where.params],
            )
            total = cursor.fetchone()[0]
        counts = (
            _facet_counts(cursor, with_, with_params, source, visibility, chosen, known_facets)
            if count_facets
            else {}
        )
    return SearchResults(
        hits=[
            Hit(kind, object_id, float(s) / norm, title, url) for kind, object_id, title, url, s, _ in rows
        ],
        total=total,
        facets=counts,
        corrections=corrections,
    )


def _facet_counts(
    cursor: Any,
    with_: str,
    with_params: list[Any],
    source: str,
    visibility: _Sql,
    chosen: dict[str, list[str]],
    names: set[str],
) -> dict[str, dict[str, int]]:
    """Counts per facet value over the matching documents; each chosen facet is counted with the
    other facets' filters only (so the reader sees what widening the choice would add)."""
    ctes = with_[len("WITH ") :].rstrip() if with_ else ""
    base_cte = f"base AS MATERIALIZED (SELECT d.id FROM {source} WHERE {visibility.sql})"  # noqa: S608
    header = f"WITH {ctes + ', ' if ctes else ''}{base_cte} "
    header_params = [*with_params, *visibility.params]
    selects: list[_Sql] = []
    unchosen = sorted(names - set(chosen))
    groups: list[tuple[list[str], dict[str, list[str]]]] = []
    if unchosen:
        groups.append((unchosen, chosen))
    for name in chosen:
        groups.append(([name], {other: v for other, v in chosen.items() if other != name}))
    for facet_names, applied in groups:
        narrowed = _all([_filter("id", n, v) for n, v in applied.items()])
        selects.append(
            _Sql(
                "SELECT f.name, f.value, COUNT(*) FROM search_facet f "  # noqa: S608
                f"WHERE f.name IN ({_marks(facet_names)}) "
                f"AND f.document_id IN (SELECT id FROM base WHERE {narrowed.sql}) "
                "GROUP BY f.name, f.value",
                [*facet_names, *narrowed.params],
            )
        )
    cursor.execute(
        header + " UNION ALL ".join(s.sql for s in selects),
        [*header_params, *[x for s in selects for x in s.params]],
    )
    counts: dict[str, dict[str, int]] = {name: {} for name in sorted(names)}
    for name, value, count in cursor.fetchall():
        counts[name][value] = count
    return {
        name: dict(sorted(values.items(), key=lambda vc: (-vc[1], vc[0]))) for name, values in counts.items()
    }
