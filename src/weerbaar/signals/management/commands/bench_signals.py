"""`weerbaar bench_signals`: enrich one signal with five subjects against the imported registers.

Run by `make bench-signals` on a scratch database with synthetic registers at `--scale`; reports
p50/p95/max over `--runs` enrichments and can write its own section into docs/benchmarks.md.
Never a timed assertion in the test suite.
"""

from __future__ import annotations

import platform
import re
import statistics
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from weerbaar.core.access import Role
from weerbaar.core.clearance import forget_clearance
from weerbaar.core.context import Origin
from weerbaar.core.personal_data import platform_processing
from weerbaar.privacy.context import context_for_user
from weerbaar.registers.models import AdresseerbaarObject, Functionaris, Vestiging, ZakelijkRecht
from weerbaar.signals import services

START, END = "<!-- bench-signals:start -->", "<!-- bench-signals:end -->"
TARGET_MS = 2000


def _analyst():
    from weerbaar.accounts.models import User
    from weerbaar.core.testing import make_user

    user = User.objects.filter(username="bench-signals").first() or make_user(
        Role.GEMEENTELIJK_ANALIST, "GM0193", username="bench-signals"
    )
    user.is_verified = lambda: True  # as after a TOTP step: shielded clearance via the grant
    forget_clearance(user)
    return user


@platform_processing("benchmark set-up: subjects picked from the registers")
def _subjects() -> tuple[str, list[dict]]:
    vestiging = Vestiging.objects.exclude(adres_sleutel="").order_by("pk").first()
    functionaris = Functionaris.objects.select_related("onderneming", "persoon").order_by("pk").first()
    recht = ZakelijkRecht.objects.filter(persoon__isnull=False).select_related("kadastraal_object").first()
    if not (vestiging and functionaris and recht):
        raise CommandError("no registers loaded: run generate_registers and import_registers first")
    address = AdresseerbaarObject.objects.filter(adres_sleutel=vestiging.adres_sleutel).first()
    address_text = f"{address.postcode} {address.huisnummer}{address.huisletter}" if address else ""
    person = functionaris.persoon
    return address_text, [
        {"kind": "adres", "identifier": address_text},
        {"kind": "onderneming", "identifier": functionaris.onderneming.kvk_nummer},
        {"kind": "perceel", "identifier": recht.kadastraal_object.kadastrale_aanduiding},
        {
            "kind": "persoon",
            "identifier": str(person),
            "name": str(person),
            "birth_date": person.geboortedatum,
        },
        {"kind": "voertuig", "identifier": "12-ABC-3"},
    ]


class Command(BaseCommand):
    help = "Benchmark: enrichment of a signal with five subjects (target < 2 s)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--scale", default="?", help="the registers' scale, for the report")
        parser.add_argument(
            "--record", type=Path, default=None, help="write the result into this Markdown file"
        )

    def handle(self, *args, runs: int, scale: str, record: Path | None, **options):
        ctx = context_for_user(_analyst(), origin=Origin.COMMAND, second_factor=True, source="bench_signals")
        address, subjects = _subjects()
        signal = services.signal_create(
            ctx=ctx,
            data={"title": "Benchmark", "phenomenon": "drugs", "address": address},
            subjects=subjects,
        )
        counts = {
            "adressen": AdresseerbaarObject.objects.count(),
            "vestigingen": Vestiging.objects.count(),
            "zakelijke rechten": ZakelijkRecht.objects.count(),
        }
        timings, facts = [], 0
        for _i in range(runs):
            started = time.perf_counter()
            run = services.enrich(ctx=ctx, signal=signal)
            timings.append((time.perf_counter() - started) * 1000)
            facts = len(run.facts)
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        engine = connection.vendor
        lines = [
            "## Signals",
            "",
            "Enrichment of one signal with five subjects (address, company, parcel, person, licence plate) "
            "plus the location and map context (`make bench-signals`).",
            "",
            f"{timezone.localdate().isoformat()}, CPython {platform.python_version()}, {engine}, registers at "
            f"scale {scale} ({', '.join(f'{n} {k}' for k, n in counts.items())}); {facts} facts per run.",
            "",
            "| runs | p50 ms | p95 ms | max ms |",
            "|---:|---:|---:|---:|",
            f"| {runs} | {p50:.1f} | {p95:.1f} | {timings[-1]:.1f} |",
            "",
            f"Target < {TARGET_MS} ms: {'met' if p95 < TARGET_MS else 'NOT met'} (p95 {p95:.1f} ms).",
        ]
        report = "\n".join(lines)
        self.stdout.write(report)
        if record:
            _record(record, report)
            self.stdout.write(f"written to {record}")


def _record(path: Path, report: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{START}\n{report}\n{END}"
    if START in text and END in text:
        text = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
