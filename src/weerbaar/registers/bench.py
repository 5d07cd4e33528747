"""Benchmark of the registers (`make bench-registers`; not a timed test).

    python -m weerbaar.registers.bench --scale 1 --work var/bench/registers
    python -m weerbaar.registers.bench --data var/bench/viewer/data-1.0 --work /tmp/b \
        --only bag-pand,bag-verblijfsobject,brk-perceel --lookups 0

Generates the synthetic region (reused when scale and seed match), imports it into a fresh
database (SpatiaLite, or PostGIS when DATABASE_URL is set), loads the same GeoPackage layers
with GDAL's ogr2ogr into the same kind of database as the reference, and measures the API
look-ups. Every step runs in its own process so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

PY = sys.executable
GPKG_LAYERS = {
    "bag-woonplaats": "woonplaats",
    "bag-pand": "pand",
    "bag-verblijfsobject": "verblijfsobject",
    "bag-ligplaats": "ligplaats",
    "bag-standplaats": "standplaats",
    "brk-perceel": "perceel",
}


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(seconds, peak MB, stdout) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{out[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, out


def ogr_target(env: dict[str, str], work: Path, name: str = "ogr-reference") -> tuple[list[str], str]:
    url = env.get("DATABASE_URL")
    if url:
        import dj_database_url

        db = dj_database_url.parse(url)
        conn = f"PG:host={db['HOST'] or 'localhost'} port={db['PORT'] or 5432} dbname={db['NAME']} user={db['USER']}"
        if db.get("PASSWORD"):
            conn += f" password={db['PASSWORD']}"
        return ["-f", "PostgreSQL", conn, "-lco", "SCHEMA=public", "-lco", "SPATIAL_INDEX=GIST"], "postgis"
    target = work / f"{name}.sqlite"
    target.unlink(missing_ok=True)
    return ["-f", "SQLite", "-dsco", "SPATIALITE=YES", str(target)], "spatialite"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("var/bench/registers"))
    parser.add_argument("--lookups", type=int, default=1000, help="0 skips the look-up measurement")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated importers to run, e.g. bag-pand,brk-perceel (default: all)",
    )
    parser.add_argument(
        "--data",
        type=Path,
        help="an already generated region (read only) instead of generating one in --work",
    )
    args = parser.parse_args()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    data = args.data.resolve() if args.data else work / f"data-{args.scale}-{args.seed}"
    only = {name for name in args.only.split(",") if name}
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "weerbaar.settings.local"),
    }
    kind = "postgis" if env.get("DATABASE_URL") else "spatialite"
    if kind == "spatialite":
        env["WEERBAAR_VAR_DIR"] = str(work / "db-spatialite")
        for name in ("weerbaar.sqlite3", "audit.sqlite3"):
            (work / "db-spatialite" / name).unlink(missing_ok=True)
    results: dict = {
        "scale": args.scale,
        "seed": args.seed,
        "database": kind,
        "machine": _machine(),
        "rows": [],
    }

    if not args.data and not (data / "metadata.json").exists():
        seconds, peak, _ = run(
            [
                PY,
                "-m",
                "weerbaar",
                "generate_registers",
                "--scale",
                str(args.scale),
                "--seed",
                str(args.seed),
                "--out",
                str(data),
                "-v0",
            ],
            env,
        )
        results["generate"] = {"seconds": round(seconds, 1), "peak_mb": round(peak)}
    run([PY, "-m", "weerbaar", "migrate", "-v0"], env)
    run([PY, "-m", "weerbaar", "migrate", "--database", "audit", "-v0"], env)

    ogr_args, _ = ogr_target(env, work)
    for name, paths in _plan(data).items():  # in services.IMPORT_ORDER
        if only and name not in only:
            continue
        for path in paths:
            seconds, peak, out = run(
                [PY, "-m", "weerbaar", "import_registers", str(path), "--importer", name, "-v0"], env
            )
            rows = int(out.split("rijen=")[1].split()[0]) if "rijen=" in out else 0
            row = {
                "register": name,
                "file": path.name,
                "rows": rows,
                "seconds": round(seconds, 1),
                "rows_per_second": round(rows / seconds) if seconds else 0,
                "peak_mb": round(peak),
            }
            if name in GPKG_LAYERS:
                ogr_seconds, _p, _o = run(
                    [
                        "ogr2ogr",
                        *ogr_args,
                        str(path),
                        GPKG_LAYERS[name],
                        "-nln",
                        f"ogr_{GPKG_LAYERS[name]}",
                        "-overwrite",
                        "-gt",
                        "65536",
                    ],
                    env,
                )
                row["ogr2ogr_seconds"] = round(ogr_seconds, 1)
                row["ratio_to_ogr2ogr"] = round(seconds / ogr_seconds, 1) if ogr_seconds else None
            results["rows"].append(row)
            print(_format(row), flush=True)
    if not only or only & set(GPKG_LAYERS):
        row = _whole_file(data / "bag" / "bag-light.gpkg", env, work, kind)
        results["rows"].append(row)
        print(_format(row), flush=True)
    results["lookups"] = {}
    if args.lookups:
        _seconds, _peak, out = run([PY, "-m", "weerbaar.registers.bench_lookups", str(args.lookups)], env)
        results["lookups"] = json.loads(out.strip().splitlines()[-1])
        print(json.dumps(results["lookups"]))
    (work / f"results-{kind}-{args.scale}.json").write_text(json.dumps(results, indent=2))
    _table(results)


def _whole_file(path: Path, env: dict[str, str], work: Path, kind: str) -> dict:
    """The whole BAG GeoPackage as an operator loads it: `import_registers DIR` (every layer in
    one process, openbare ruimten derived) into an empty database, against `ogr2ogr` loading all
    layers of the same file in one process."""
    env = _fresh_database(env, work, kind)
    run([PY, "-m", "weerbaar", "migrate", "-v0"], env)
    run([PY, "-m", "weerbaar", "migrate", "--database", "audit", "-v0"], env)
    directory = work / "whole-file"
    directory.mkdir(exist_ok=True)
    link = directory / path.name
    link.unlink(missing_ok=True)
    link.symlink_to(path)
    seconds, peak, out = run([PY, "-m", "weerbaar", "import_registers", str(directory), "-v0"], env)
    rows = sum(int(part.split("=")[1]) for part in out.split() if part.startswith("rijen="))
    ogr_args, _ = ogr_target(env, work, "ogr-reference-file")
    ogr_seconds, _p, _o = run(["ogr2ogr", *ogr_args, str(path), "-overwrite", "-gt", "65536"], env)
    return {
        "register": "bag (hele GeoPackage)",
        "file": path.name,
        "rows": rows,
        "seconds": round(seconds, 1),
        "rows_per_second": round(rows / seconds) if seconds else 0,
        "peak_mb": round(peak),
        "ogr2ogr_seconds": round(ogr_seconds, 1),
        "ratio_to_ogr2ogr": round(seconds / ogr_seconds, 1) if ogr_seconds else None,
    }


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
    return {
        **{
            name: [data / "bag" / "bag-light.gpkg"]
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


def _machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "0",
    )
    return f"{cpu}, {os.cpu_count()} cores, {int(mem) // 1024 // 1024} GB, {platform.platform()}"


def _format(row: dict) -> str:
    ogr = (
        f"{row.get('ogr2ogr_seconds', ''):>8} {row.get('ratio_to_ogr2ogr', ''):>6}"
        if "ogr2ogr_seconds" in row
        else ""
    )
    return (
        f"{row['register']:24} {row['rows']:>9} {row['seconds']:>8} {row['rows_per_second']:>8} "
        f"{row['peak_mb']:>7} {ogr}"
    )


def _table(results: dict) -> None:
    print(f"\n{results['database']} scale={results['scale']} on {results['machine']}")
    if "generate" in results:
        print(f"generate: {results['generate']['seconds']} s, peak {results['generate']['peak_mb']} MB")
    print(
        f"{'register':24} {'rows':>9} {'seconds':>8} {'rows/s':>8} {'peakMB':>7} {'ogr2ogr':>8} {'ratio':>6}"
    )
    for row in results["rows"]:
        print(_format(row))
    print("look-ups (ms):", json.dumps(results["lookups"]))


if __name__ == "__main__":
    random.seed(0)
    main()
