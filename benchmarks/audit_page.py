"""A shielded OGC page of 100 parcels with their owners: what writing its audit entries costs,
batched (one audited block per page: one transaction, one chain lock) against one transaction
per entry (one `audit_log` per subject, as the viewer wrote them before issue 11).

Both sides run the same selector (`geo.selectors.feature_page`) on the same data with the same
101 entries (100 owners and the page); only how the entries are appended differs. Run on a
scratch database: `make bench-audit-page` (SpatiaLite, then PostGIS). Prints a table; never a
timed assertion in the test suite.
"""

from __future__ import annotations

import argparse
import atexit
import io
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any


def _setup() -> None:
    if "WEERBAAR_VAR_DIR" not in os.environ and "DATABASE_URL" not in os.environ:
        scratch = tempfile.mkdtemp(prefix="weerbaar-audit-bench-")  # never the project's own var/
        atexit.register(shutil.rmtree, scratch, True)
        os.environ["WEERBAAR_VAR_DIR"] = scratch
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerbaar.settings.test")
    import django

    django.setup()


def _data() -> tuple[Any, Any, tuple[float, float, float, float]]:
    """The region, the parcel layer, 100 parcels each with one owner, and a cleared analyst."""
    from django.conf import settings
    from django.contrib.gis.geos import Polygon
    from django.core.management import call_command

    from weerbaar.accounts.services import user_create
    from weerbaar.core.access import AccessLevel, Role
    from weerbaar.core.context import Origin
    from weerbaar.core.personal_data import platform_processing
    from weerbaar.geo.demo import load_public_layers
    from weerbaar.geo.models import Layer
    from weerbaar.organisations.models import Organisation
    from weerbaar.organisations.region_loader import load_region
    from weerbaar.privacy.context import command_context, context_for_user
    from weerbaar.privacy.services import register_load
    from weerbaar.registers.models import KadastraalObject, Persoon, ZakelijkRecht

    call_command("migrate", verbosity=0)
    call_command("migrate", database="audit", verbosity=0)
    register_load()
    load_region(settings.DATA_DIR / "regions" / "overijssel" / "region.yaml")
    load_public_layers(io.StringIO(), only={"brk-percelen"})
    x0, y0 = 204000.0, 503000.0
    with platform_processing("benchmark data"):
        parcels = []
        for i in range(100):
            x, y = x0 + 30 * (i % 10), y0 + 30 * (i // 10)
            geometrie = Polygon.from_bbox((x, y, x + 20, y + 20))
            geometrie.srid = 28992
            parcels.append(
                KadastraalObject(
                    identificatie=f"NL.IMKAD.KadastraalObject.{19300300000000 + i}",
                    soort="perceel",
                    kadastrale_aanduiding=f"ZWL00 M {i + 1}",
                    kadastrale_gemeente_code="ZWL00",
                    kadastrale_gemeente_naam="Zwolle",
                    sectie="M",
                    perceelnummer=i + 1,
                    geometrie=geometrie,
                    access_level=AccessLevel.OPENBAAR,
                )
            )
        parcels = KadastraalObject.objects.bulk_create(parcels)
        people = Persoon.objects.bulk_create(
            Persoon(
                bron_id=f"B-{i}",
                geslachtsnaam=f"Eigenaar{i}",
                naam_sleutel=f"eigenaar{i}",
                access_level=AccessLevel.AFGESCHERMD,
                fictief=True,
            )
            for i in range(100)
        )
        ZakelijkRecht.objects.bulk_create(
            ZakelijkRecht(
                kadastraal_object=p, soort="eigendom", persoon=q, access_level=AccessLevel.AFGESCHERMD
            )
            for p, q in zip(parcels, people, strict=True)
        )
    analist = user_create(
        ctx=command_context(command="bench audit_page"),
        username="bench-analist",
        organisation=Organisation.objects.get(code="GM0193"),
        roles=[Role.GEMEENTELIJK_ANALIST],
        password="bench-only-not-a-password-2026",
    )
    ctx = context_for_user(analist, origin=Origin.OGC, second_factor=True, purpose="gebiedsanalyse")
    return ctx, Layer.objects.get(code="brk-percelen"), (x0 - 1, y0 - 1, x0 + 301, y0 + 301)


def _one_transaction_per_entry(append: Callable[..., Any]) -> Callable[..., Any]:
    """`audit_entries` as a loop of single appends: what one `audit_log` per subject does."""

    def per_entry(pending: list[dict[str, Any]]) -> list[Any]:
        return [entry for fields in pending for entry in append([fields])]

    return per_entry


def _run(page: Callable[[], Any], runs: int) -> dict[str, float]:
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    from weerbaar.audit.models import AuditEntry
    from weerbaar.audit.routers import AUDIT_DB

    seconds, locks, entries = [], [], []
    for _ in range(runs):
        before = AuditEntry.objects.using(AUDIT_DB).count()
        connections[AUDIT_DB].queries_log.clear()  # the log keeps 9,000 queries: count from empty
        with CaptureQueriesContext(connections[AUDIT_DB]) as queries:
            start = time.perf_counter()
            shown = page()
            seconds.append(time.perf_counter() - start)
        assert len(shown.features) == 100 and all(f["properties"]["eigenaren"] for f in shown.features)
        locks.append(
            sum(
                1
                for q in queries.captured_queries
                if "audit_chainhead" in q["sql"].lower() and q["sql"].lstrip().upper().startswith("SELECT")
            )
        )
        entries.append(AuditEntry.objects.using(AUDIT_DB).count() - before)
    ms = sorted(s * 1000 for s in seconds)
    return {
        "entries": statistics.mean(entries),
        "locks": statistics.mean(locks),
        "p50": statistics.median(ms),
        "p95": ms[max(0, round(0.95 * len(ms)) - 1)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    _setup()
    from django.db import connection

    from weerbaar.audit import recording
    from weerbaar.geo.selectors import feature_page

    ctx, layer, box = _data()

    def page() -> Any:
        return feature_page(ctx=ctx, layer=layer, bbox_rd=box, limit=100)

    page()  # warm up: connections, the coordinate transform, the clearance
    batched_append = recording.audit_entries
    per_entry_append = _one_transaction_per_entry(batched_append)
    results: dict[str, list[dict[str, float]]] = {"batched": [], "per entry": []}
    for _round in range(2):  # alternate, so a slow moment of the machine hits both
        results["batched"].append(_run(page, args.runs // 2))
        recording.audit_entries = per_entry_append  # type: ignore[assignment]
        try:
            results["per entry"].append(_run(page, args.runs // 2))
        finally:
            recording.audit_entries = batched_append
    print(
        f"\n100-feature shielded page (brk-percelen with owners), {connection.display_name}, {args.runs} pages each"
    )
    print("| audit entries appended | entries per page | chain locks per page | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|---:|")
    for name, rounds in results.items():
        entries = statistics.mean(r["entries"] for r in rounds)
        locks = statistics.mean(r["locks"] for r in rounds)
        p50 = statistics.mean(r["p50"] for r in rounds)
        p95 = max(r["p95"] for r in rounds)
        label = "one block per page (one transaction)" if name == "batched" else "one transaction per entry"
        print(f"| {label} | {entries:.0f} | {locks:.0f} | {p50:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
