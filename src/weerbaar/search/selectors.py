"""Searching the one index: access levels and organisation scope in the SQL, typo-tolerant
terms, disjunctive facet counts, pagination.

The database finds the documents of the kinds searched that the context may see (kind, access
level, organisation: in the SQL) and scores them; the facet filters and counts then run on
bitmasks of exactly those documents (`counting.py`), and the order and the page are taken in
Python. The SQL is put together from fixed pieces and `%s` placeholders only; every value (terms,
kinds, levels) travels as a parameter (hence the `noqa: S608`).

A document's score, the same on both databases: for every query word the best of its terms in
the document (term weight x idf x its occurrences weighted 3 / 2 / 1 in title / keywords / body,
saturated as in BM25), summed, times the square of the number of query words the document
matches (so documents matching every word come first). Scores are integers in SQL (weights and
idf scaled by 1000), so equal documents tie exactly on both databases; the tie goes to the
fresher one, then the older id.

The hits are (kind, object id) pairs: the owning app loads its objects through its own selector
(and policy) and decides what to show.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from weerbaar.core.context import ProcessingContext

from .backends import full_text_index, term_hits
from .counting import facet_masks_for
from .kinds import search_kinds
from .models import IndexedDocument
from .text import query_words
from .vocabulary import index_stamp, vocabulary_for

#: the terms one query word may stand for at most: its stems, then corrections, then the compounds
#: in most documents ("register" is part of 24 compounds in the benchmark's catalog; each costs an
#: index look-up, and the twelfth adds little that the first eleven did not find)
MAX_EXPANSIONS = 12
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


def _union(parts: Sequence[_Sql]) -> _Sql:
    return _Sql(" UNION ALL ".join(p.sql for p in parts), [x for p in parts for x in p.params])


def _scored(
    ctx_scope: set[tuple[str, str]], words: list[str], *, stamp: str
) -> tuple[_Sql | None, dict[str, list[str]]]:
    """The CTE scored(doc, score) for the query words (None: no word has a term in the index).

    Per word the best of its terms (MAX), over the words the sum times the square of the number
    of words matched; a word with one term, or a query of one word, skips its grouping."""
    vocabulary = vocabulary_for(ctx_scope, stamp=stamp)
    index = full_text_index(connection)
    groups: list[_Sql] = []
    corrections: dict[str, list[str]] = {}
    for word in words:
        expansions = vocabulary.expand(word)[:MAX_EXPANSIONS]
        corrections[word] = [term for term, _weight in expansions]
        terms = [
            _Sql(*term_hits(index, term, points=max(1, round(1000 * weight * vocabulary.idf(term)))))
            for term, weight in expansions
        ]
        if len(terms) == 1:
            groups.append(terms[0])
        elif terms:
            union = _union(terms)
            groups.append(
                _Sql(f"SELECT doc, MAX(points) AS points FROM ({union.sql}) AS t GROUP BY doc", union.params)  # noqa: S608
            )
    if not groups:
        return None, corrections
    if len(groups) == 1:
        single = groups[0]
        scored = f"scored AS (SELECT doc, points AS score FROM ({single.sql}) AS g)"  # noqa: S608
        return _Sql(scored, single.params), corrections
    union = _union(groups)
    return (
        _Sql(
            "scored AS (SELECT doc, SUM(points) * COUNT(*) * COUNT(*) AS score "  # noqa: S608
            f"FROM ({union.sql}) AS g GROUP BY doc)",
            union.params,
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
    stamp = index_stamp()
    scored, corrections = _scored(scope, words, stamp=stamp) if words else (None, {})
    if words and scored is None:
        return SearchResults(hits=[], total=0, corrections=corrections)

    # The database finds and scores the documents the context may see; the facet filters and
    # counts run on bitmasks of those documents (counting.py), the order and the page in Python.
    with_ = f"WITH {scored.sql} " if scored else ""
    source = "scored s JOIN search_document d ON d.id = s.doc" if scored else "search_document d"
    score = "s.score" if scored else "0"
    sql = f"{with_}SELECT d.id, {score} FROM {source} WHERE {visibility.sql}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*(scored.params if scored else []), *visibility.params])
        rows = cursor.fetchall()
    masks = facet_masks_for(names, stamp=stamp)
    matched = masks.of(row[0] for row in rows)
    found = matched
    for name, values in chosen.items():
        found &= masks.holding(name, values)
    skip = 0 if per_page is None else (max(page, 1) - 1) * per_page
    if scored and sort != "freshness":
        # best first; equal scores: the fresher first (the bit position is the freshness rank)
        positions = masks.positions
        if chosen:
            kept = masks.members(found)
            candidates = [(-p, positions[i], i) for i, p in rows if positions.get(i, -1) in kept]
        else:
            candidates = [(-p, positions[i], i) for i, p in rows if i in positions]
        wanted = len(candidates) if per_page is None else skip + per_page
        shown = [i for _, _, i in heapq.nsmallest(wanted, candidates)[skip:]]
        scores = dict(rows)
    else:
        shown = masks.freshest(found, skip=skip, take=per_page)
        scores = dict(rows) if scored else {}
    labels = {
        i: (kind, object_id, title, url)
        for i, kind, object_id, title, url in IndexedDocument.objects.filter(id__in=shown).values_list(
            "id", "kind", "object_id", "title", "url"
        )
    }
    norm = 1000.0 * max(len(words), 1) ** 2
    return SearchResults(
        hits=[
            Hit(labels[i][0], labels[i][1], scores.get(i, 0) / norm, labels[i][2], labels[i][3])
            for i in shown
            if i in labels
        ],
        total=found.bit_count(),
        facets=masks.counts(matched, chosen, sorted(known_facets)) if count_facets else {},
        corrections=corrections,
    )
