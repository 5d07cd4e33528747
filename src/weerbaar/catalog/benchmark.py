"""Benchmark: search over generated factsheets (default 5,000), p50/p95/max per query kind.

Generates factsheets from the starter catalog's vocabulary straight into the database (bulk,
bypassing services: the benchmark measures reads) and rebuilds the search index once
(`weerbaar reindex`, timed), then times the same selector the pages and the API use, and the full
page through Django's test client. One change (a factsheet re-indexed through the search
service, as every factsheet service does) is timed too: the index is updated per change.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import random
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from weerbaar.core.access import AccessLevel

from .models import Distribution, Factsheet, Theme
from .vocab import FORMATS

QUERIES = {
    "one word": ["vakantieparken", "vergunning", "drugsafval", "kadaster", "subsidie", "haven", "luchtfoto"],
    "two words": ["vakantiepark twente", "bibob subsidie", "natuur vergunning", "eigenaar perceel"],
    "typo": ["vakantieprak", "ontgrondnig", "drugsafvl", "luchtfotso", "handelsregsiter"],
    "facets only": [""],
    "word + facets": ["register", "gegevens"],
}
FACET_FILTERS = {
    "facets only": {"access": ["afgeschermd"], "personal": ["ja"]},
    "word + facets": {"theme": ["buitengebied-en-vakantieparken"], "format": ["CSV"]},
}


@dataclass
class Row:
    kind: str
    runs: int
    p50: float
    p95: float
    worst: float
    cpu_p95: float


def generate(count: int, *, seed: int = 42) -> int:
    """Add `count` generated factsheets (identifiers gen-00001 ...); returns how many exist."""
    from weerbaar.organisations.models import Organisation

    rng = random.Random(seed)
    starter = list(Factsheet.objects.exclude(identifier__startswith="gen-"))
    words = sorted({w for f in starter for w in re.findall(r"[a-zà-ÿ]{5,}", f.description_nl.lower())})
    organisations = list(Organisation.objects.all())
    themes = list(Theme.objects.all())
    levels = list(AccessLevel.values)
    existing = Factsheet.objects.filter(identifier__startswith="gen-").count()
    with transaction.atomic():
        new = []
        for n in range(existing, count):
            base = rng.choice(starter)
            place = rng.choice(organisations)
            new.append(
                Factsheet(
                    identifier=f"gen-{n:05d}",
                    title_nl=f"{base.title_nl} — {place.name} {rng.randint(2015, 2026)}",
                    title_en=base.title_en,
                    title_de=base.title_de,
                    description_nl=" ".join(rng.sample(words, 40)),
                    owner=place,
                    maintainer=place,
                    donl_theme=base.donl_theme,
                    keywords=rng.sample(words, 5),
                    access_level=rng.choice(levels),
                    personal_data=rng.random() < 0.4,
                    personal_data_categories=["naam"],
                    access_procedure_nl="Op verzoek.",
                    frequency="ANNUAL",
                    spatial=place.code,
                    reviewed_on=dt.date(2026, 11, 1) - dt.timedelta(days=rng.randint(0, 900)),
                )
            )
        created = Factsheet.objects.bulk_create(new, batch_size=500)
        through = Factsheet.themes.through
        through.objects.bulk_create(
            [through(factsheet_id=f.pk, theme_id=t.pk) for f in created for t in rng.sample(themes, 2)],
            batch_size=2000,
        )
        Distribution.objects.bulk_create(
            [
                Distribution(factsheet=f, kind="download", format=rng.choice(FORMATS), title_nl="download")
                for f in created
            ],
            batch_size=2000,
        )
    return Factsheet.objects.count()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _row(kind: str, timings: list[float], cpu: list[float]) -> Row:
    return Row(
        kind,
        len(timings),
        statistics.median(timings),
        _percentile(timings, 0.95),
        max(timings),
        _percentile(cpu, 0.95),
    )


def reindex() -> float:
    """Rebuild the factsheets' search index (after the bulk load); milliseconds."""
    from weerbaar.search.services import search_reindex

    from .search import KIND

    start = time.perf_counter()
    search_reindex(kinds=[KIND])
    return (time.perf_counter() - start) * 1000


def measure_change(ctx, *, repeats: int = 20) -> list[Row]:
    """One factsheet re-indexed through the search service (what every factsheet write does),
    and the first search after it: each worker reads the changed vocabulary and facet masks
    again (the old index rebuilt itself in full here)."""
    from weerbaar.search.services import search_index_update

    from .search import KIND, indexed_factsheets
    from .selectors import factsheet_search

    change, first = ([], []), ([], [])
    for factsheet in indexed_factsheets().filter(identifier__startswith="gen-").order_by("?")[:repeats]:
        t0, c0 = time.perf_counter(), time.process_time()
        search_index_update(kind=KIND, obj=factsheet)
        change[0].append((time.perf_counter() - t0) * 1000)
        change[1].append((time.process_time() - c0) * 1000)
        t0, c0 = time.perf_counter(), time.process_time()
        factsheet_search(ctx=ctx, query="vakantieparken", filters={"access": ["intern"]}, per_page=20)
        first[0].append((time.perf_counter() - t0) * 1000)
        first[1].append((time.process_time() - c0) * 1000)
    return [_row("index one change", *change), _row("first search after a change", *first)]


def measure(ctx, *, repeats: int = 20) -> list[Row]:
    from weerbaar.search.vocabulary import forget_expansions

    from .selectors import factsheet_search

    rows = []
    for kind, queries in QUERIES.items():
        timings, cpu = [], []
        for _ in range(repeats):
            for query in queries:
                forget_expansions()  # measure every query as if it were new
                t0, c0 = time.perf_counter(), time.process_time()
                factsheet_search(ctx=ctx, query=query, filters=FACET_FILTERS.get(kind), per_page=20)
                timings.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
        rows.append(_row(kind, timings, cpu))
    return rows


def measure_page(client, *, repeats: int = 10) -> Row:
    timings, cpu = [], []
    for _ in range(repeats):
        for query in ["vakantieparken", "vakantiepark twente", "ontgrondnig", ""]:
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get("/factsheets", {"q": query, "access": "intern"})
            assert response.status_code == 200, response.status_code
            timings.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
    return _row("page /factsheets", timings, cpu)


def table(total: int, build: float, rows: list[Row], *, database: str = "SQLite") -> str:
    lines = [
        f"Catalog search over {total} factsheets — {dt.date.today().isoformat()}, {platform.python_implementation()} "
        f"{platform.python_version()}, {database}, {os.cpu_count()} CPU cores shared with other work "
        f"(load average {os.getloadavg()[0]:.1f} at the end), full index rebuild {build:.0f} ms "
        "(`weerbaar reindex`; a change updates its own document, see the last row)",
        "",
        "| query kind | runs | p50 ms | p95 ms | max ms | p95 CPU ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r.kind} | {r.runs} | {r.p50:.1f} | {r.p95:.1f} | {r.worst:.1f} | {r.cpu_p95:.1f} |" for r in rows
    ]
    worst = max(r.p95 for r in rows)
    worst_cpu = max(r.cpu_p95 for r in rows)
    lines += [
        "",
        f"Target p95 < 50 ms (wall clock): {'met' if worst < 50 else 'NOT met'} (worst p95 {worst:.1f} ms; "
        f"CPU time of the process, without waiting for a shared core: worst p95 {worst_cpu:.1f} ms).",
    ]
    return "\n".join(lines)


START, END = "<!-- bench-catalog:start -->", "<!-- bench-catalog:end -->"


def record(path: Path, text: str) -> None:
    """Replace this benchmark's own section in docs/benchmarks.md (other sections untouched)."""
    section = f"{START}\n## Catalog search (`make bench-catalog`)\n\n{text}\n{END}"
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START in current and END in current:
        head, rest = current.split(START, 1)
        current = head + section + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(current, encoding="utf-8")
