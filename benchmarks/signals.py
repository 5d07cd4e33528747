"""Signals (`make bench-signals`): enrichment of one signal with five subjects.

    python -m benchmarks.signals --scale 1 [--runs 20] [--record docs/benchmarks.md]

On a scratch SpatiaLite database: synthetic registers at `--scale` (1 = the whole province),
generated and imported; one signal about an address, a company, a parcel, a person and a licence
plate, enriched `--runs` times as a cleared municipal analyst (as after a TOTP step). p50/p95/max
against the target, < 2 s.
"""

from __future__ import annotations

import argparse
import platform

from benchmarks import harness

TARGET_MS = 2000


def _analyst():
    from weerbaar.accounts.models import User
    from weerbaar.core.access import Role
    from weerbaar.core.clearance import forget_clearance
    from weerbaar.core.testing import make_user

    user = User.objects.filter(username="bench-signals").first() or make_user(
        Role.GEMEENTELIJK_ANALIST, "GM0193", username="bench-signals"
    )
    user.is_verified = lambda: True  # as after a TOTP step: shielded clearance via the grant
    forget_clearance(user)
    return user


def _subjects() -> tuple[str, list[dict]]:
    """An address with a company, a parcel with a person as owner, that person: read as the
    platform's own set-up, not as the analyst's look-up (which is what is measured)."""
    from weerbaar.core.personal_data import platform_processing
    from weerbaar.registers.models import AdresseerbaarObject, Functionaris, Vestiging, ZakelijkRecht

    with platform_processing("benchmark set-up: subjects picked from the registers"):
        vestiging = Vestiging.objects.exclude(adres_sleutel="").order_by("pk").first()
        functionaris = Functionaris.objects.select_related("onderneming", "persoon").order_by("pk").first()
        recht = (
            ZakelijkRecht.objects.filter(persoon__isnull=False).select_related("kadastraal_object").first()
        )
        if not (vestiging and functionaris and recht):
            raise SystemExit("no registers loaded: the generated registers were not imported")
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


def measure(runs: int) -> tuple[list[float], int, dict[str, int]]:
    """Durations (s) of `runs` enrichments of one signal, its number of facts, the register sizes."""
    from weerbaar.core.context import Origin
    from weerbaar.privacy.context import context_for_user
    from weerbaar.registers.models import AdresseerbaarObject, Vestiging, ZakelijkRecht
    from weerbaar.signals import services

    ctx = context_for_user(_analyst(), origin=Origin.COMMAND, second_factor=True, source="benchmarks.signals")
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
    seconds, facts = [], 0
    for _ in range(runs):
        with harness.stopwatch() as took:
            run = services.enrich(ctx=ctx, signal=signal)
        seconds.append(took["wall"])
        facts = len(run.facts)
    return seconds, facts, counts


def table(
    scale: float, seconds: list[float], facts: int, counts: dict[str, int], prepared: dict[str, float]
) -> str:
    timing = harness.latency(seconds)
    p95 = timing["p95_ms"]
    return "\n".join(
        [
            "## Signals (`make bench-signals`)",
            "",
            "Enrichment of one signal with five subjects (address, company, parcel, person, licence plate) "
            "plus the location and map context.",
            "",
            f"{harness.today()}, CPython {platform.python_version()}, {harness.database()}, registers at scale "
            f"{scale} ({', '.join(f'{n} {k}' for k, n in counts.items())}; generated in "
            f"{prepared['generate']:.0f} s, imported in {prepared['import']:.0f} s); {facts} facts per run. "
            f"{harness.machine()}; load average {harness.load_average():.1f} at the end.",
            "",
            "| runs | p50 ms | p95 ms | max ms |",
            "|---:|---:|---:|---:|",
            f"| {timing['n']} | {timing['p50_ms']:.1f} | {p95:.1f} | {timing['max_ms']:.1f} |",
            "",
            f"Target < {TARGET_MS} ms: {'met' if p95 < TARGET_MS else 'NOT met'} (p95 {p95:.1f} ms).",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=20)
    harness.record_argument(parser)
    args = parser.parse_args()
    with harness.scratch() as var:
        env = harness.bench_env(var)
        harness.prepare_database(env)
        registers = var / "registers"
        generated = harness.weerbaar(
            "generate_registers", "--scale", str(args.scale), "--out", str(registers), "-v0", env=env
        )
        imported = harness.weerbaar("import_registers", str(registers), "-v0", env=env)
        harness.setup_django(env)
        seconds, facts, counts = measure(args.runs)
        prepared = {"generate": generated.seconds, "import": imported.seconds}
        harness.report("bench-signals", table(args.scale, seconds, facts, counts, prepared), args.record)


if __name__ == "__main__":
    main()
