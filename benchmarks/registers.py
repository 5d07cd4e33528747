"""Base registers (`make bench-registers`): imports against `ogr2ogr`, look-ups through the API.

    python -m benchmarks.registers --scale 1 --work var/bench/registers [--record docs/benchmarks.md]
    python -m benchmarks.registers --data var/bench/viewer/data-1.0 --work /tmp/b \\
        --only bag-pand,bag-verblijfsobject,brk-perceel --lookups 0

Generates the synthetic region (reused when scale and seed match), imports it into a fresh
database (SpatiaLite, or PostGIS when DATABASE_URL is set), loads the same GeoPackage layers with
GDAL's `ogr2ogr` into the same kind of database as the reference, and measures the API look-ups
(`benchmarks.lookups`). Every step runs in its own process, so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from benchmarks import harness

GPKG_LAYERS = {
    "bag-woonplaats": "woonplaats",
    "bag-pand": "pand",
    "bag-verblijfsobject": "verblijfsobject",
    "bag-ligplaats": "ligplaats",
    "bag-standplaats": "standplaats",
    "brk-perceel": "perceel",
}
WHOLE_FILE = "bag-light.gpkg whole (5 layers, one process)"


def ogr_target(env: dict[str, str], work: Path, name: str = "ogr-reference") -> list[str]:
    """`ogr2ogr` arguments that write into the same kind of database as the import."""
    url = env.get("DATABASE_URL")
    if url:
        import dj_database_url

        db = dj_database_url.parse(url)
        conn = f"PG:host={db['HOST'] or 'localhost'} port={db['PORT'] or 5432} dbname={db['NAME']} user={db['USER']}"
        if db.get("PASSWORD"):
            conn += f" password={db['PASSWORD']}"
        return ["-f", "PostgreSQL", conn, "-lco", "SCHEMA=public", "-lco", "SPATIAL_INDEX=GIST"]
    target = work / f"{name}.sqlite"
    target.unlink(missing_ok=True)
    return ["-f", "SQLite", "-dsco", "SPATIALITE=YES", str(target)]


def ogr2ogr(*args: str, env: dict[str, str]) -> float:
    binary = harness.tool("ogr2ogr")
    if binary is None:
        raise SystemExit("ogr2ogr (Debian's gdal-bin) is the reference and is not installed")
    return harness.run([str(binary), *args], env).seconds


def _rows(stdout: str) -> int:
    """Rows an `import_registers` run reports (`rijen=N` per file)."""
    return sum(int(part.split("=")[1]) for part in stdout.split() if part.startswith("rijen="))


def _row(register: str, path: Path, done: harness.Finished, ogr_seconds: float | None) -> dict:
    rows = _rows(done.stdout)
    row = {
        "register": register,
        "file": path.name,
        "rows": rows,
        "seconds": round(done.seconds, 1),
        "rows_per_second": round(rows / done.seconds) if done.seconds else 0,
        "peak_mb": round(done.peak_mb),
    }
    if ogr_seconds is not None:
        row["ogr2ogr_seconds"] = round(ogr_seconds, 1)
        row["ratio_to_ogr2ogr"] = round(done.seconds / ogr_seconds, 1) if ogr_seconds else None
    return row


def _whole_file(path: Path, env: dict[str, str], work: Path, kind: str) -> dict:
    """The whole BAG GeoPackage as an operator loads it: `import_registers DIR` (every layer in
    one process, openbare ruimten derived) into an empty database, against `ogr2ogr` loading all
    layers of the same file in one process."""
    env = _fresh_database(env, work, kind)
    harness.prepare_database(env, region=False)
    directory = work / "whole-file"
    directory.mkdir(exist_ok=True)
    link = directory / path.name
    link.unlink(missing_ok=True)
    link.symlink_to(path)
    done = harness.weerbaar("import_registers", str(directory), "-v0", env=env)
    ogr_seconds = ogr2ogr(
        *ogr_target(env, work, "ogr-reference-file"), str(path), "-overwrite", "-gt", "65536", env=env
    )
    return _row(WHOLE_FILE, path, done, ogr_seconds)


def _fresh_database(env: dict[str, str], work: Path, kind: str) -> dict[str, str]:
    """The environment of a second, empty database of the same kind (same server for PostGIS)."""
    if kind == "spatialite":
        var = work / "db-spatialite-file"
        for name in ("weerbaar.sqlite3", "audit.sqlite3"):
            (var / name).unlink(missing_ok=True)
        return {**env, "WEERBAAR_VAR_DIR": str(var)}
    import dj_database_url
    import psycopg

    db = dj_database_url.parse(env["DATABASE_URL"])
    name = f"{db['NAME']}_file"
    options = {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "password": db.get("PASSWORD")}
    with psycopg.connect(dbname=db["NAME"], autocommit=True, **options) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(dbname=name, autocommit=True, **options) as connection:
        connection.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    return {**env, "DATABASE_URL": env["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"}


def _plan(data: Path) -> dict[str, list[Path]]:
    """The files of the generated region, per importer, in the import order."""
    bag = data / "bag" / "bag-light.gpkg"
    return {
        **{
            name: [bag]
            for name in (
                "bag-woonplaats",
                "bag-pand",
                "bag-verblijfsobject",
                "bag-ligplaats",
                "bag-standplaats",
            )
        },
        "brk-perceel": [data / "brk" / "kadastralekaart.gpkg"],
        "brk-haal-centraal": [data / "brk" / "kadastraalonroerendezaken.ndjson"],
        "kvk-basisprofiel": [data / "kvk" / "basisprofielen.ndjson"],
        "kvk-vestigingsprofiel": [data / "kvk" / "vestigingsprofielen.ndjson"],
        "personen": [data / "personen" / "personen.csv"],
    }


def table(results: dict) -> str:
    """The imports against ogr2ogr and the look-ups, as recorded."""
    lines = [
        f"### {results['database']} — scale {results['scale']}, seed {results['seed']}, {harness.today()}",
        "",
        f"{results['machine']}; load average {results['load'][0]:.1f} at the start, {results['load'][1]:.1f} at the end.",
    ]
    if "generate" in results:
        lines.append(
            f"Generated in {results['generate']['seconds']} s, peak {results['generate']['peak_mb']} MB."
        )
    lines += [
        "",
        "| register | rows | s | rows/s | peak MB | ogr2ogr s | × |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results["rows"]:
        ogr = (
            f"{row['ogr2ogr_seconds']} | **{row['ratio_to_ogr2ogr']}**"
            if "ogr2ogr_seconds" in row
            else "– | –"
        )
        lines.append(
            f"| {row['register']} | {row['rows']:,} | {row['seconds']} | {row['rows_per_second']:,} "
            f"| {row['peak_mb']} | {ogr} |"
        )
    lookups = results["lookups"]
    if lookups:
        lines += ["", *lookups_table(lookups)]
    return "\n".join(lines)


def lookups_table(lookups: dict) -> list[str]:
    """Look-up latency and recall; 'not measured' where the register was not imported."""

    def pair(kind: str) -> str:
        return f"{harness.shown(lookups[f'{kind}_p50'])} / **{harness.shown(lookups[f'{kind}_p95'])}**"

    def share(value: float | None) -> str:
        return harness.NOT_MEASURED if value is None else f"{100 * value:.1f} %"

    lines = [
        "| look-up through the API | n | p50 / p95 ms |",
        "|---|---:|---:|",
        f"| exact address (anonymous; includes the nevenadressen queries) | {lookups['n_exact']} | {pair('exact_address')} |",
        f"| fuzzy name (cleared RIEC analyst, Doelbinding, audit entries) | {lookups['n_fuzzy']} | {pair('fuzzy_name')} |",
        "",
    ]
    if not lookups["n_fuzzy"]:
        return [*lines, f"Fuzzy recall: {harness.NOT_MEASURED} (no persons imported)."]
    return [
        *lines,
        f"Fuzzy recall (the person among the {lookups['limit']} hits): {share(lookups['fuzzy_name_recall'])}; "
        f"with a date of birth {share(lookups['fuzzy_name_recall_met_geboortedatum'])}, name only "
        f"{share(lookups['fuzzy_name_recall_alleen_naam'])}; misses explained by at least {lookups['limit']} "
        f"namesakes: {lookups['fuzzy_name_misses_namesakes']}, other misses: {lookups['fuzzy_name_misses_other']}.",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("var/bench/registers"))
    parser.add_argument("--lookups", type=int, default=1000, help="0 skips the look-up measurement")
    parser.add_argument(
        "--only", default="", help="comma-separated importers, e.g. bag-pand,brk-perceel (default: all)"
    )
    parser.add_argument(
        "--data", type=Path, help="an already generated region (read only) instead of one in --work"
    )
    harness.record_argument(parser)
    args = parser.parse_args()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    data = args.data.resolve() if args.data else work / f"data-{args.scale}-{args.seed}"
    only = {name for name in args.only.split(",") if name}
    kind = harness.database()
    env = harness.bench_env(work / "db-spatialite" if kind == "spatialite" else None)
    if kind == "spatialite":
        for name in ("weerbaar.sqlite3", "audit.sqlite3"):
            (work / "db-spatialite" / name).unlink(missing_ok=True)
    results: dict = {
        "scale": args.scale,
        "seed": args.seed,
        "database": kind,
        "machine": harness.machine(),
        "load": [harness.load_average()],
        "rows": [],
    }
    if not args.data and not (data / "metadata.json").exists():
        generated = harness.weerbaar(
            "generate_registers",
            "--scale",
            str(args.scale),
            "--seed",
            str(args.seed),
            "--out",
            str(data),
            "-v0",
            env=env,
        )
        results["generate"] = {"seconds": round(generated.seconds, 1), "peak_mb": round(generated.peak_mb)}
    harness.prepare_database(env, region=False)
    ogr_args = ogr_target(env, work)
    for name, paths in _plan(data).items():  # in services.IMPORT_ORDER
        if only and name not in only:
            continue
        for path in paths:
            done = harness.weerbaar("import_registers", str(path), "--importer", name, "-v0", env=env)
            ogr_seconds = None
            if name in GPKG_LAYERS:
                layer = GPKG_LAYERS[name]
                ogr_seconds = ogr2ogr(
                    *ogr_args, str(path), layer, "-nln", f"ogr_{layer}", "-overwrite", "-gt", "65536", env=env
                )
            results["rows"].append(_row(name, path, done, ogr_seconds))
            print(json.dumps(results["rows"][-1]), flush=True)
    if not only or only & set(GPKG_LAYERS):
        results["rows"].append(_whole_file(data / "bag" / "bag-light.gpkg", env, work, kind))
        print(json.dumps(results["rows"][-1]), flush=True)
    results["lookups"] = {}
    if args.lookups:
        done = harness.run([harness.PY, "-m", "benchmarks.lookups", str(args.lookups)], env)
        results["lookups"] = json.loads(done.stdout.strip().splitlines()[-1])
    results["load"].append(harness.load_average())
    (work / f"results-{kind}-{args.scale}.json").write_text(json.dumps(results, indent=2))
    harness.report(f"registers-{kind}", table(results), args.record, within="bench-registers")


if __name__ == "__main__":
    main()
