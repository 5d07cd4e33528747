"""Policy dashboard (`make bench-dashboard`): every dashboard page and API call, and the suppression
of a full municipality × month table, on a national data set.

    python -m benchmarks.dashboard [--municipalities 342] [--months 60] [--samples 20] [--record docs/benchmarks.md]

On a scratch database (SpatiaLite, or PostGIS when DATABASE_URL is set) with the shipped region,
its real CBS figures and its fictitious weerbaarheidsscans: 20 fictitious indicators
(`benchmarks.dashboard_data`, keys `bench-*`, source "Fictief") with 60 monthly values for 342
municipalities and, for the six police-style counts, their wijken and buurten. Each page and API
call is requested through Django's whole stack in this process (test client: middleware,
sessions, the views, the templates), `--samples` times per kind, as an anonymous user (public,
suppressed) and as a cleared municipal analyst with a verified second factor (shielded, not
suppressed); every answer must be 200 and non-empty. A request that takes longer than `--budget`
seconds is stopped and its kind is reported as over budget rather than measured further.

The suppression row builds the municipality × month table of one count indicator (342 × 60 cells,
with the months' national totals and each municipality's years as relations) and protects it,
`--runs` times. References in the same run on the same table: primary suppression only (the
floor: no secondary step), and the classic rule-only secondary suppression ("no relation with a
single unknown", what a hypercube-style heuristic guarantees and no more); all three must suppress
the same primary cells. τ-ARGUS itself (CBS's tool) is a Windows/Java GUI with a batch mode that
is not installable here: it is not run. Targets (issue 13): p95 < 300 ms per page and API call,
suppression < 1 s.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import platform
import random
import resource
import signal
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from benchmarks import dashboard_data, harness
from weerbaar.core.startup import warm_and_freeze  # needs no settings: gc and the URL resolver

PAGE_TARGET_MS = 300.0
SUPPRESSION_TARGET_S = 1.0
FICTITIOUS = "Fictief: benchmarkset van make bench-dashboard (geen echte cijfers)"


@contextlib.contextmanager
def kept_or_scratch(keep: Path | None) -> Iterator[Path]:
    """`keep` (made if missing, left afterwards) or a scratch directory removed afterwards."""
    if keep is None:
        with harness.scratch() as var:
            yield var
    else:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep.resolve()


def kept_set_present() -> bool:
    """Whether the database holds the fictitious indicators (a kept directory can outlive the
    throw-away PostGIS cluster its marker was written for)."""
    from weerbaar.indicators.models import Indicator

    keys = [spec.key for spec in dashboard_data.SPECS]
    return Indicator.objects.filter(key__in=keys).count() == len(keys)


class OverBudget(Exception):
    pass


@contextlib.contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Stop the block with OverBudget after `seconds` (SIGALRM, main thread)."""

    def stop(_signum: int, _frame: Any) -> None:
        raise OverBudget(f"> {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- the data ------------------------------------------------------------------------------------


def load(geo: dashboard_data.Geography, periods: list[tuple[dt.date, dt.date]]) -> dict[str, int]:
    """The region's real figures and scans through the app's services, then the fictitious set in bulk."""
    from weerbaar.core.access import AccessLevel
    from weerbaar.core.personal_data import platform_processing
    from weerbaar.indicators.models import Indicator, IndicatorValue, Refresh
    from weerbaar.indicators.published import values_changed
    from weerbaar.indicators.services import cbs_criminaliteit_load, resilience_demo_load
    from weerbaar.organisations.models import Organisation, OrganisationKind
    from weerbaar.privacy.context import command_context

    ctx = command_context(command="bench-dashboard")
    province = Organisation.objects.filter(kind=OrganisationKind.PROVINCIE).order_by("code").first()
    counts = {}
    with platform_processing("benchmark set-up: fictitious indicators"):
        cbs_criminaliteit_load(ctx=ctx, owner=province)
        counts["scans"] = resilience_demo_load(ctx=ctx)
        made: dict[str, Indicator] = {}
        for spec in dashboard_data.SPECS:
            made[spec.key] = Indicator.objects.create(
                key=spec.key,
                name_nl=f"{spec.name} (fictief)",
                name_de=f"{spec.name} (fiktiv)",
                name_en=f"{spec.name} (fictitious)",
                definition=f"{spec.name}; {FICTITIOUS}.",
                unit=spec.unit,
                source=FICTITIOUS,
                owner=province,
                refresh=Refresh.MAANDELIJKS,
                theme=spec.theme,
                phenomenon=spec.phenomenon,
                suppression_threshold=spec.threshold,
                follows=made.get(spec.follows),
                access_level=AccessLevel.OPENBAAR,
            )
        stored = 0
        for spec in dashboard_data.SPECS:
            batch: list[IndicatorValue] = []
            for code, start, end, value, is_count in dashboard_data.values(spec, geo, periods):
                batch.append(
                    IndicatorValue(
                        indicator=made[spec.key],
                        area_code=code,
                        period_start=start,
                        period_end=end,
                        value=Decimal(str(value)),
                        is_count=is_count,
                    )
                )
                if len(batch) == 5000:
                    IndicatorValue.objects.bulk_create(batch)
                    stored += len(batch)
                    batch = []
            IndicatorValue.objects.bulk_create(batch)
            stored += len(batch)
        # a bulk write, as the app's loaders do it: the stored published figures are stale
        values_changed(indicator_ids=[i.pk for i in made.values()])
    counts["values"] = stored
    return counts


def publish() -> dict[str, float]:
    """Every indicator's published figures made once after the load, by the function of the
    worker's publishing job (`indicators-publiceren`, queued after an import): seconds per indicator."""
    from weerbaar.indicators.models import Indicator
    from weerbaar.indicators.services import published_figures_make

    seconds: dict[str, float] = {}
    for pk, key in Indicator.objects.order_by("pk").values_list("pk", "key"):
        with harness.stopwatch() as took:
            published_figures_make(indicator_ids=[pk])
        seconds[key] = took["wall"]
    return seconds


# --- the pages -----------------------------------------------------------------------------------


def kinds(
    geo: dashboard_data.Geography, periods: list[tuple[dt.date, dt.date]], samples: int
) -> dict[str, list[str]]:
    """URL kinds and `samples` URLs each, drawn (seeded) from the indicators, periods and the
    region's municipalities (the dashboard draws the region)."""
    rng = random.Random(7)
    region = dashboard_data.OVERIJSSEL
    keys = [s.key for s in dashboard_data.SPECS]
    buurt_keys = [s.key for s in dashboard_data.SPECS if s.levels == "BU"]
    municipal_keys = [s.key for s in dashboard_data.SPECS if s.levels == "GM"]

    def pick(keys_: list[str] = keys) -> dict[str, str]:
        return {
            "k": rng.choice(keys_),
            "p": rng.choice(periods)[0].isoformat(),
            "g": rng.choice(region),
        }

    buurten = sum(len(b) for b in geo.buurten.values())
    last_page = max(1, -(-buurten // 1000))  # the API's default page size

    def urls(template: str, keys_: list[str] = keys) -> list[str]:
        return [template.format(**pick(keys_)) for _ in range(samples)]

    return {
        "dashboard (municipal indicator)": urls(
            "/indicatoren/dashboard/?indicator={k}&periode={p}&gemeente={g}", municipal_keys
        ),
        "dashboard (buurt indicator)": urls(
            "/indicatoren/dashboard/?indicator={k}&periode={p}&gemeente={g}", buurt_keys
        ),
        "dashboard CSV map": urls("/indicatoren/dashboard.csv?indicator={k}&periode={p}"),
        "dashboard CSV trend": urls("/indicatoren/dashboard.csv?indicator={k}&tabel=trend&gemeente={g}"),
        "municipality profile": urls("/indicatoren/gemeente/{g}"),
        "municipality profile CSV": urls("/indicatoren/gemeente/{g}.csv"),
        "resilience page": ["/indicatoren/weerbaarheid/"] * samples,
        "resilience CSV": ["/indicatoren/weerbaarheid.csv"] * samples,
        "indicator list": ["/indicatoren/"] * samples,
        "indicator page (municipal)": urls("/indicatoren/{k}", municipal_keys),
        "indicator CSV (municipal)": urls("/indicatoren/{k}.csv", municipal_keys),
        "indicator CSV (buurt)": urls("/indicatoren/{k}.csv", buurt_keys),
        "API indicators": ["/api/v1/indicatoren"] * samples,
        "API indicator": urls("/api/v1/indicatoren/{k}"),
        "API values GM, one month": urls("/api/v1/indicatoren/{k}/waarden?niveau=GM&periodeBegin={p}"),
        "API values BU, one month, first page": urls(
            "/api/v1/indicatoren/{k}/waarden?niveau=BU&periodeBegin={p}", buurt_keys
        ),
        "API values BU, one month, last page": urls(
            "/api/v1/indicatoren/{k}/waarden?niveau=BU&periodeBegin={p}&pagina=" + str(last_page), buurt_keys
        ),
        "API values BU, one month, one municipality": urls(
            "/api/v1/indicatoren/{k}/waarden?niveau=BU&gemeente={g}&periodeBegin={p}", buurt_keys
        ),
    }


def measure_kind(client: Any, urls: list[str], seconds_budget: float) -> dict[str, Any]:
    """The first request with its query count (and as warm-up), then every URL timed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    row: dict[str, Any] = {"queries": None, "error": ""}
    timings: list[float] = []
    firsts: list[float] = []
    sizes: list[int] = []
    try:
        for index, url in enumerate(urls):
            with budget(seconds_budget):
                if index == 0:
                    with CaptureQueriesContext(connection) as queries:
                        start = time.perf_counter()
                        response = client.get(url)
                        if response.streaming:
                            response.content_bytes = b"".join(response.streaming_content)
                        first = time.perf_counter() - start
                    row["queries"] = len(queries)
                    row["first_ms"] = round(first * 1000, 1)
                    if first > seconds_budget / 4:  # slow: one sample is enough to say it
                        timings.append(first)
                        sizes.append(len(response.content_bytes if response.streaming else response.content))
                        row["error"] = "slow: measured once"
                        if response.status_code != 200:
                            row["error"] = f"HTTP {response.status_code}"
                        break
                    continue
                start = time.perf_counter()
                response = client.get(url)
                if response.streaming:  # a download written while it is read: its first line too
                    chunks = iter(response.streaming_content)
                    head = next(chunks, b"")
                    firsts.append(time.perf_counter() - start)
                    content = head + b"".join(chunks)
                else:
                    content = response.content
                timings.append(time.perf_counter() - start)
            sizes.append(len(content))
            if response.status_code != 200 or not content:
                row["error"] = f"HTTP {response.status_code} ({len(content)} bytes) for {url}"
                break
    except OverBudget as over:
        row["error"] = f"over budget ({over}) for {url}"
    except MemoryError:
        row["error"] = f"MemoryError for {url}"
    row.update(harness.latency(timings))
    row["first_line_p95_ms"] = harness.latency(firsts)["p95_ms"] if firsts else None
    row["max_kb"] = round(max(sizes) / 1024, 1) if sizes else None
    return row


def clients() -> dict[str, Any]:
    """An anonymous client and a cleared analyst of Zwolle with a verified second factor."""
    from django.test import Client

    from weerbaar.accounts.models import User
    from weerbaar.accounts.services import user_create
    from weerbaar.core.access import Role
    from weerbaar.core.testing import login_verified
    from weerbaar.organisations.models import Organisation
    from weerbaar.privacy.context import command_context

    analist = User.objects.filter(username="bench-analist").first() or user_create(
        ctx=command_context(command="bench-dashboard"),
        username="bench-analist",
        organisation=Organisation.objects.get(code="GM0193"),
        roles=[Role.GEMEENTELIJK_ANALIST],
        password="bench-only-not-a-password-2026",
    )
    cleared = Client(HTTP_HOST="127.0.0.1")
    login_verified(cleared, analist)
    return {"anonymous": Client(HTTP_HOST="127.0.0.1"), "cleared analyst": cleared}


# --- the suppression -----------------------------------------------------------------------------


def suppression(runs: int, geo: dashboard_data.Geography) -> dict[str, Any]:
    """The municipality × month table of `bench-woninginbraak`'s municipal figures, protected `runs`
    times, against the primary-only floor and the rule-only secondary suppression."""
    from weerbaar.indicators.disclosure import area_period_table, exposed, protect
    from weerbaar.indicators.disclosure.protect import _no_single_unknown

    key = "bench-woninginbraak"
    spec = next(s for s in dashboard_data.SPECS if s.key == key)
    # always the full 60 months, whatever the pages were loaded with: the same generator, the
    # municipalities' figures (each the sum of its buurten)
    monthly = {
        (code, start, end): int(value)
        for code, start, end, value, _count in dashboard_data.values(spec, geo, dashboard_data.months())
        if code.startswith("GM")
    }
    cells = dict(monthly)
    for (code, start, end), value in monthly.items():  # the published totals: months and years
        for total in (("NL00", start, end), (code, dt.date(start.year, 1, 1), dt.date(start.year, 12, 31))):
            cells[total] = cells.get(total, 0) + value
    for (code, start, _end), value in monthly.items():
        if code != "NL00":
            total = ("NL00", dt.date(start.year, 1, 1), dt.date(start.year, 12, 31))
            cells[total] = cells.get(total, 0) + value

    def parent_of(code: str) -> str | None:
        return "NL00" if code.startswith("GM") else None

    def timed(method: Any) -> tuple[list[float], Any]:
        seconds, result = [], None
        for _ in range(runs):
            with harness.stopwatch() as took:
                table = area_period_table(cells, parent_of=parent_of)
                result = method(table)
            seconds.append(took["wall"])
        return seconds, result

    def rule_only(table: Any) -> set:
        suppressed = {k for k, v in table.values.items() if v < 5 and k not in table.hidden}
        _no_single_unknown(table, suppressed)
        return suppressed

    full_s, full = timed(lambda t: protect(t, threshold=5))
    floor_s, floor = timed(lambda t: protect(t, threshold=5, secondary=False))
    rule_s, rule = timed(rule_only)
    table = area_period_table(cells, parent_of=parent_of)
    primary_rule = {k for k in rule if table.values[k] < 5}
    same_primary = full.primary == floor.primary == frozenset(primary_rule)
    leaks_full = exposed(table, set(full.primary | full.secondary), threshold=5)
    leaks_rule = exposed(table, rule, threshold=5)
    leaks_floor = exposed(table, set(floor.primary), threshold=5)
    return {
        "indicator": key,
        "cells": len([k for k in table.values if k not in table.hidden]),
        "monthly": len(monthly),
        "relations": len(table.relations),
        "primary": len(full.primary),
        "rows": [
            ("protect (primary + exact secondary)", full_s, len(full.secondary), len(leaks_full)),
            ("reference: rule-only secondary", rule_s, len(rule) - len(primary_rule), len(leaks_rule)),
            ("reference: primary only (floor)", floor_s, 0, len(leaks_floor)),
        ],
        "same_primary": same_primary,
    }


# --- the report ----------------------------------------------------------------------------------


def render(
    args: argparse.Namespace,
    counts: dict[str, int],
    geo: Any,
    pages: dict,
    supp: dict,
    load_s: float,
    made: dict[str, float],
) -> str:
    wijken = sum(len(w) for w in geo.wijken.values())
    buurten = sum(len(b) for b in geo.buurten.values())
    lines = [
        f"### {harness.database()} — {len(geo.municipalities)} municipalities, {wijken} wijken, {buurten} buurten, "
        f"{args.months} months, {len(dashboard_data.SPECS)} indicators, {harness.today()}",
        "",
        f"CPython {platform.python_version()}; {counts['values']:,} fictitious values loaded in {load_s:.0f} s "
        f"(bulk, batches of 5,000) next to the real CBS figures and {counts['scans']} fictitious scans of the region. "
        f"Django test client in one process (the whole middleware, view and template stack, no HTTP socket), "
        f"{args.samples} requests per kind, the first one (warm-up, query count) not in the percentiles; "
        f"a kind whose first request takes over {args.budget / 4:.0f} s is measured once. {harness.machine()}; "
        f"load average {harness.load_average():.1f} at the end.",
        "",
        f"Published figures (primary and secondary suppression of each indicator's whole area × period "
        f"table, stored per data version by `indicators.published`) made once after the load, before the "
        f"requests: {sum(made.values()):.1f} s for {len(made)} indicators, the slowest "
        f"`{max(made, key=made.__getitem__)}` {max(made.values()):.1f} s.",
        "",
        "| user | request | n | queries | p50 ms | p95 ms | max KB | target p95 < 300 ms |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    met_all = True
    for (user, kind), row in pages.items():
        ok = row["p95_ms"] is not None and row["p95_ms"] < PAGE_TARGET_MS and not row["error"]
        met_all &= ok
        verdict = "met" if ok else f"**NOT met**{': ' + row['error'] if row['error'] else ''}"
        if row.get("first_line_p95_ms") is not None:
            verdict += f" (streamed download: first line p95 {row['first_line_p95_ms']} ms)"
        lines.append(
            f"| {user} | {kind} | {row['n']} | {harness.shown(row['queries'])} | {harness.shown(row['p50_ms'])} | "
            f"{harness.shown(row['p95_ms'])} | {harness.shown(row['max_kb'])} | {verdict} |"
        )
    lines += [
        "",
        f"Suppression of `{supp['indicator']}`'s municipality × month table: {supp['monthly']:,} monthly cells, "
        f"{supp['cells']:,} published cells with the months' national totals and the municipalities' years, "
        f"{supp['relations']:,} relations, {supp['primary']:,} primary cells; {args.runs} runs each, table "
        "built and protected per run. τ-ARGUS is not run (not installable here); its place is taken by the two references below.",
        "",
        "| method | p50 ms | p95 ms | secondary cells | small cells derivable afterwards |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, seconds, secondary, leaks in supp["rows"]:
        t = harness.latency(seconds)
        lines.append(f"| {name} | {t['p50_ms']:.0f} | {t['p95_ms']:.0f} | {secondary} | {leaks} |")
    p95 = harness.percentile(supp["rows"][0][1], 0.95) or 0
    lines += [
        "",
        f"All three suppress the same primary cells: {'yes' if supp['same_primary'] else '**no**'}. "
        f"Targets: pages and API p95 < {PAGE_TARGET_MS:.0f} ms {'met' if met_all else '**NOT met**'}; "
        f"suppression < {SUPPRESSION_TARGET_S:.0f} s {'met' if p95 < SUPPRESSION_TARGET_S else '**NOT met**'} "
        f"(p95 {p95:.2f} s).",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--municipalities", type=int, default=dashboard_data.MUNICIPALITIES)
    parser.add_argument("--months", type=int, default=dashboard_data.MONTHS)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--budget", type=float, default=120.0, help="seconds a single request may take")
    parser.add_argument("--memory-gb", type=float, default=8.0, help="address-space limit of this process")
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="keep the database in this directory and reuse it when it holds the same set (iterating)",
    )
    harness.record_argument(parser)
    args = parser.parse_args()
    # the machine is shared: a page that would build a matrix of many GB fails here, not the machine
    limit = int(args.memory_gb * 1024**3)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    geo = dashboard_data.geography(args.municipalities)
    periods = dashboard_data.months(args.months)
    with kept_or_scratch(args.keep) as var:
        env = harness.bench_env(var)
        marker = var / f"loaded-{harness.database()}-{args.municipalities}x{args.months}.json"
        harness.prepare_database(env, region=False)
        harness.setup_django(env)
        if marker.exists() and kept_set_present():  # loaded by an earlier run with --keep
            loaded = json.loads(marker.read_text(encoding="utf-8"))
            counts, took = loaded["counts"], {"wall": loaded["seconds"]}
        else:
            harness.prepare_database(env)  # the processing register and the shipped region
            with harness.stopwatch() as took:
                counts = load(geo, periods)
            if args.keep is not None:
                marker.write_text(json.dumps({"counts": counts, "seconds": took["wall"]}), encoding="utf-8")
        print(f"loaded {counts['values']:,} values in {took['wall']:.0f} s", flush=True)
        made = publish()
        print(f"published figures made in {sum(made.values()):.1f} s: {made}", flush=True)
        supp = suppression(args.runs, geo)
        print(f"suppression: {[(r[0], harness.latency(r[1])['p95_ms']) for r in supp['rows']]}", flush=True)
        pages: dict[tuple[str, str], dict[str, Any]] = {}
        urls = kinds(geo, periods, args.samples + 1)
        users = clients()
        warm_and_freeze()  # as the server process does at start-up (weerbaar.wsgi)
        for user, client in users.items():
            for kind, batch in urls.items():
                pages[(user, kind)] = measure_kind(client, batch, args.budget)
                print(user, kind, pages[(user, kind)], flush=True)
        text = render(args, counts, geo, pages, supp, took["wall"], made)
        existing = args.record.read_text(encoding="utf-8") if args.record and args.record.exists() else ""
        if args.record is not None and "<!-- bench-dashboard:start -->" not in existing:
            harness.record("bench-dashboard", INTRO, doc=args.record)
        harness.report(f"dashboard-{harness.database()}", text, args.record, within="bench-dashboard")


INTRO = """## Policy dashboard (`make bench-dashboard`)

Issue 13, item 7: with 5 years of monthly data for all 342 municipalities, their wijken and buurten
and 20 indicators, every dashboard page and API call p95 under 300 ms, and the suppression of a full
municipality × month table under 1 s. Method in `benchmarks/dashboard.py`; the data set is
fictitious (`benchmarks/dashboard_data.py`, indicators `bench-*`, source "Fictief")."""


if __name__ == "__main__":
    main()
