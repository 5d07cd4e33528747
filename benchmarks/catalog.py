"""Catalog search (`make bench-catalog`): p50/p95/max per query kind over generated factsheets.

    python -m benchmarks.catalog --count 5000 [--repeats 20] [--record docs/benchmarks.md]

On a scratch SpatiaLite database: the starter catalog plus `--count` factsheets generated from its
vocabulary straight into the database (bulk, bypassing services: the benchmark measures reads);
then the same selector the pages and the API use, timed per query (expansion cache cleared
before each), and the full page through Django's test client. Compared with the target, p95 < 50 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import re
from dataclasses import dataclass

from benchmarks import harness

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
PAGE_QUERIES = ["vakantieparken", "vakantiepark twente", "ontgrondnig", ""]
TARGET_MS = 50


@dataclass
class Row:
    kind: str
    runs: int
    p50: float
    p95: float
    worst: float
    cpu_p95: float


def generate(count: int, *, seed: int = 42) -> int:
    """Add generated factsheets (identifiers gen-00001 ...) up to `count`; returns how many exist."""
    from django.db import transaction

    from weerbaar.catalog.models import Distribution, Factsheet, Theme
    from weerbaar.catalog.vocab import FORMATS
    from weerbaar.core.access import AccessLevel
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


def _row(kind: str, wall: list[float], cpu: list[float]) -> Row:
    ms = [
        harness.milliseconds(harness.percentile(values, q), 3) or 0.0
        for values, q in ((wall, 0.5), (wall, 0.95), (cpu, 0.95))
    ]
    return Row(kind, len(wall), ms[0], ms[1], max(wall) * 1000, ms[2])


def reindex() -> float:
    """Rebuild the factsheets' search index after the bulk load (`weerbaar reindex`); milliseconds."""
    from weerbaar.catalog.search import KIND
    from weerbaar.search.services import search_reindex

    with harness.stopwatch() as took:
        search_reindex(kinds=[KIND])
    return took["wall"] * 1000


def measure(ctx, *, repeats: int) -> list[Row]:
    """A row per query kind, through the selector the pages and the API use."""
    from weerbaar.catalog.selectors import factsheet_search
    from weerbaar.search.vocabulary import forget_expansions

    rows = []
    for kind, queries in QUERIES.items():
        wall, cpu = [], []
        for _ in range(repeats):
            for query in queries:
                forget_expansions()  # measure every query as if it were new
                with harness.stopwatch() as took:
                    factsheet_search(ctx=ctx, query=query, filters=FACET_FILTERS.get(kind), per_page=20)
                wall.append(took["wall"])
                cpu.append(took["cpu"])
        rows.append(_row(kind, wall, cpu))
    return rows


def measure_change(ctx, *, repeats: int) -> list[Row]:
    """One factsheet re-indexed through the search service (what every factsheet write does), and
    the first search after it (each worker reads the changed vocabulary and facet masks again)."""
    from weerbaar.catalog.search import KIND, indexed_factsheets
    from weerbaar.catalog.selectors import factsheet_search
    from weerbaar.search.services import search_index_update

    change: tuple[list[float], list[float]] = ([], [])
    first: tuple[list[float], list[float]] = ([], [])
    for factsheet in indexed_factsheets().filter(identifier__startswith="gen-").order_by("?")[:repeats]:
        with harness.stopwatch() as took:
            search_index_update(kind=KIND, obj=factsheet)
        change[0].append(took["wall"])
        change[1].append(took["cpu"])
        with harness.stopwatch() as took:
            factsheet_search(ctx=ctx, query="vakantieparken", filters={"access": ["intern"]}, per_page=20)
        first[0].append(took["wall"])
        first[1].append(took["cpu"])
    return [_row("index one change", *change), _row("first search after a change", *first)]


def measure_page(client, *, repeats: int) -> Row:
    """The full page, logged in; one untimed request first (templates and translations load)."""
    client.get("/factsheets")
    wall, cpu = [], []
    for _ in range(repeats):
        for query in PAGE_QUERIES:
            with harness.stopwatch() as took:
                response = client.get("/factsheets", {"q": query, "access": "intern"})
            if response.status_code != 200:
                raise SystemExit(f"/factsheets?q={query} answered {response.status_code}")
            wall.append(took["wall"])
            cpu.append(took["cpu"])
    return _row("page /factsheets", wall, cpu)


def table(total: int, build: float, rows: list[Row]) -> str:
    worst = max(r.p95 for r in rows)
    worst_cpu = max(r.cpu_p95 for r in rows)
    lines = [
        "## Catalog search (`make bench-catalog`)",
        "",
        f"Catalog search over {total} factsheets — {harness.today()}, {platform.python_implementation()} "
        f"{platform.python_version()}, {harness.database()}, load average {harness.load_average():.1f} at the "
        f"end ({harness.machine()}), full index rebuild {build:.0f} ms (`weerbaar reindex`; a change "
        "updates its own document, see the last rows)",
        "",
        "| query kind | runs | p50 ms | p95 ms | max ms | p95 CPU ms |",
        "|---|---:|---:|---:|---:|---:|",
        *(
            f"| {r.kind} | {r.runs} | {r.p50:.1f} | {r.p95:.1f} | {r.worst:.1f} | {r.cpu_p95:.1f} |"
            for r in rows
        ),
        "",
        f"Target p95 < {TARGET_MS} ms (wall clock): {'met' if worst < TARGET_MS else 'NOT met'} (worst p95 "
        f"{worst:.1f} ms; CPU time of the process, without waiting for a shared core: worst p95 {worst_cpu:.1f} ms).",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=20)
    harness.record_argument(parser)
    args = parser.parse_args()
    with harness.scratch() as var:
        env = harness.bench_env(var)
        harness.prepare_database(env)
        harness.setup_django(env)
        from django.test import Client

        from weerbaar.accounts.models import User
        from weerbaar.catalog.starter import load_starter
        from weerbaar.core.access import Role
        from weerbaar.core.context import Origin
        from weerbaar.core.testing import login_verified, make_user
        from weerbaar.privacy.context import command_context, context_for_user

        load_starter(ctx=command_context(command="bench-catalog"))
        total = generate(args.count)
        build = reindex()
        user = User.objects.filter(username="bench-analist").first() or make_user(
            Role.GEMEENTELIJK_ANALIST, "GM0193", username="bench-analist"
        )
        ctx = context_for_user(user, origin=Origin.PAGE, second_factor=True)
        rows = measure(ctx, repeats=args.repeats)
        client = Client(SERVER_NAME="localhost")
        login_verified(client, user)
        rows.append(measure_page(client, repeats=max(1, args.repeats // 2)))
        rows += measure_change(ctx, repeats=args.repeats)
        harness.report("bench-catalog", table(total, build, rows), args.record)


if __name__ == "__main__":
    main()
