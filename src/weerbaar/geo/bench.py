"""Viewer benchmark (`make bench-viewer`; not a timed test).

    python -m weerbaar.geo.bench --scale 1 --work var/bench/viewer [--record docs/benchmarks.md]

On SpatiaLite, or on PostGIS when DATABASE_URL is set: imports the synthetic registers' parcels
and addresses (generated when missing), serves the platform with gunicorn and measures, with two
concurrent clients, p50/p95 latency and requests per second of parcel tiles at z12, z14 and z16
with the tile cache off and on, an items request of 100 features in a bbox, and the address
search. In the same run on the same data: PostGIS ST_AsMVT called directly (the floor for a tile),
tippecanoe pre-generating the province's parcel tiles, and pygeoapi serving the same items.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

PY = sys.executable
CLIENTS = 2
TOOLS = Path("var/bench/viewer/tools/bin").resolve()


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run(cmd: list[str], env: dict[str, str], quiet: bool = True) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return time.perf_counter() - start, proc.stdout


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 2) if ordered else 0.0


def measure(port: int, paths: list[str], *, headers: dict[str, str] | None = None, rounds: int = 1) -> dict:
    """Two clients with keep-alive connections share the list; latency per request, requests/s overall."""
    latencies: list[float] = []
    sizes: list[int] = []
    statuses: dict[int, int] = {}
    errors: dict[str, str] = {}
    lock = threading.Lock()
    work = [p for _ in range(rounds) for p in paths]
    index = {"i": 0}

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                i = index["i"]
                index["i"] += 1
            if i >= len(work):
                break
            start = time.perf_counter()
            conn.request("GET", work[i], headers=headers or {})
            response = conn.getresponse()
            body = response.read()
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                sizes.append(len(body))
                statuses[response.status] = statuses.get(response.status, 0) + 1
                if response.status >= 400 and "error" not in errors:
                    errors["error"] = body[:300].decode("utf-8", "replace")
        conn.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    return {
        "requests": len(latencies),
        "p50_ms": pct(latencies, 0.5),
        "p95_ms": pct(latencies, 0.95),
        "rps": round(len(latencies) / wall, 1) if wall else 0,
        "max_kb": round(max(sizes) / 1024, 1) if sizes else 0,
        "statuses": statuses,
        **errors,
    }


class Server:
    """gunicorn as `make run` starts it: 2 workers of 4 threads (gthread keeps connections alive).

    `cache_dir` switches the shared tile cache on disk on (emptied first); None leaves it off."""

    def __init__(
        self, env: dict[str, str], cache_mb: int, cache_dir: Path | None = None, workers: int = 2
    ) -> None:
        self.port = _free_port()
        self.env = {
            **env,
            "WEERBAAR_GEO_TILE_CACHE_MB": str(cache_mb),
            "WEERBAAR_GEO_TILE_CACHE_DIR": str(cache_dir) if cache_dir else "",
        }
        if cache_dir is not None:
            shutil.rmtree(cache_dir, ignore_errors=True)
        self.workers = workers

    def __enter__(self) -> Server:
        gunicorn = str(Path(PY).with_name("gunicorn"))
        self.proc = subprocess.Popen(
            [
                gunicorn,
                "weerbaar.wsgi:application",
                "-b",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                "4",
                "--keep-alive",
                "30",
                "--log-level",
                "warning",
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait(self.port, "/health")
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)


def _wait(port: int, path: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server on {port} did not start")


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 1 << z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def prepare(args: argparse.Namespace, env: dict[str, str], kind: str) -> dict:
    data = args.data
    info: dict = {}
    if not (data / "metadata.json").exists():
        seconds, _ = run(
            [
                PY,
                "-m",
                "weerbaar",
                "generate_registers",
                "--scale",
                str(args.scale),
                "--out",
                str(data),
                "-v0",
            ],
            env,
        )
        info["generate_s"] = round(seconds, 1)
    run([PY, "-m", "weerbaar", "migrate", "-v0"], env)
    run([PY, "-m", "weerbaar", "migrate", "--database", "audit", "-v0"], env)
    run([PY, "-m", "weerbaar", "load_privacy_register"], env)
    run([PY, "-m", "weerbaar", "load_region"], env)
    for importer, path in (
        ("brk-perceel", data / "brk" / "kadastralekaart.gpkg"),
        ("bag-verblijfsobject", data / "bag" / "bag-light.gpkg"),
    ):
        seconds, _ = run(
            [PY, "-m", "weerbaar", "import_registers", str(path), "--importer", importer, "-v0"], env
        )
        info[f"import_{importer}_s"] = round(seconds, 1)
    code = (
        "import django, sys; django.setup(); from weerbaar.geo.demo import load_public_layers; "
        "load_public_layers(sys.stdout, only={'brk-percelen', 'bag-adressen', 'gemeenten', 'provincie'})"
    )
    run([PY, "-c", code], env)
    return info


def sample(args: argparse.Namespace) -> dict:
    """URLs for the runs, from random parcels and addresses of the imported data."""
    import django

    django.setup()
    from django.contrib.gis.db.models.functions import Centroid, Transform

    from weerbaar.registers.models import AdresseerbaarObject, KadastraalObject

    rng = random.Random(1)
    ids = list(KadastraalObject.objects.filter(soort="perceel").values_list("pk", flat=True))
    picked = rng.sample(ids, min(args.samples, len(ids)))
    centres = list(
        KadastraalObject.objects.filter(pk__in=picked)
        .annotate(c=Centroid("geometrie"), w=Transform(Centroid("geometrie"), 4326))
        .values_list("c", "w")
    )
    points = [(w.x, w.y) for c, w in centres if w is not None]
    rd_points = [(c.x, c.y) for c, w in centres if c is not None]
    base = "/ogc/v1/collections/brk-percelen"
    tiles = {
        z: [
            f"{base}/tiles/WebMercatorQuad/{z}/{y}/{x}"
            for x, y in (tile_of(lon, lat, z) for lon, lat in points)
        ]
        for z in (12, 14, 16)
    }
    items = []
    for lon, lat in points:
        d = 0.004  # about 300 × 450 m: well over 100 parcels in built-up areas
        bbox = f"{lon - d:.6f},{lat - d:.6f},{lon + d:.6f},{lat + d:.6f}"
        items.append(f"{base}/items?{urlencode({'bbox': bbox, 'limit': 100})}")
    rd = "http://www.opengis.net/def/crs/EPSG/0/28992"
    items_rd = []
    for x, y in rd_points:
        bbox = f"{x - 200:.0f},{y - 250:.0f},{x + 200:.0f},{y + 250:.0f}"
        items_rd.append(f"{base}/items?{urlencode({'bbox': bbox, 'bbox-crs': rd, 'crs': rd, 'limit': 100})}")
    addresses = list(AdresseerbaarObject.objects.values_list("postcode", "huisnummer")[:200000])
    searches = [
        f"/kaart/zoeken?{urlencode({'q': f'{pc} {nr}'})}"
        for pc, nr in rng.sample(addresses, min(args.samples, len(addresses)))
    ]
    return {"tiles": tiles, "items": items, "items_rd": items_rd, "search": searches, "points": points}


def direct_st_asmvt(urls: list[str]) -> dict | None:
    """The floor: PostGIS ST_AsMVT on the parcels table, in-process, no HTTP."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    sql = (
        "SELECT ST_AsMVT(q, 'percelen', 4096, 'geom') FROM ("
        " SELECT ST_AsMVTGeom(ST_Transform(geometrie, 3857), ST_TileEnvelope(%s, %s, %s), 4096, 64, true) AS geom,"
        " kadastrale_aanduiding FROM registers_kadastraalobject"
        " WHERE soort = 'perceel' AND geometrie && ST_Transform(ST_TileEnvelope(%s, %s, %s, margin => 0.015625), 28992)"
        ") q"
    )
    latencies = []
    with connection.cursor() as cursor:
        for url in urls:
            z, y, x = (int(v) for v in url.rsplit("/", 3)[1:])
            start = time.perf_counter()
            cursor.execute(sql, [z, x, y, z, x, y])
            cursor.fetchone()
            latencies.append(time.perf_counter() - start)
    return {"requests": len(latencies), "p50_ms": pct(latencies, 0.5), "p95_ms": pct(latencies, 0.95)}


def tippecanoe(args: argparse.Namespace, work: Path) -> dict | None:
    binary = TOOLS / "tippecanoe"
    if not binary.exists():
        return None
    gpkg = args.data / "brk" / "kadastralekaart.gpkg"
    seq = work / "percelen.geojsonl"
    start = time.perf_counter()
    subprocess.run(
        [
            "ogr2ogr",
            "-f",
            "GeoJSONSeq",
            str(seq),
            str(gpkg),
            "perceel",
            "-t_srs",
            "EPSG:4326",
            "-select",
            "identificatie",
        ],
        check=True,
        capture_output=True,
    )
    export = time.perf_counter() - start
    out = work / "percelen.mbtiles"
    out.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run(
        [
            str(binary),
            "-o",
            str(out),
            "-Z12",
            "-z16",
            "-l",
            "percelen",
            "--drop-densest-as-needed",
            "-q",
            "-P",
            str(seq),
        ],
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - start
    seq.unlink(missing_ok=True)
    return {
        "export_s": round(export, 1),
        "tiles_s": round(seconds, 1),
        "mbtiles_mb": round(out.stat().st_size / 1e6, 1),
    }


def pygeoapi(
    args: argparse.Namespace, env: dict[str, str], kind: str, work: Path, urls: list[str]
) -> dict | None:
    binary = TOOLS / "pygeoapi"
    if not binary.exists():
        return None
    port = _free_port()
    if kind == "postgis":
        import dj_database_url

        db = dj_database_url.parse(env["DATABASE_URL"])
        provider = {
            "type": "feature",
            "name": "PostgreSQL",
            "data": {
                "host": db["HOST"],
                "port": db["PORT"],
                "dbname": db["NAME"],
                "user": db["USER"],
                "password": db.get("PASSWORD") or "",
                "search_path": ["public"],
            },
            "id_field": "id",
            # the attributes our items carry; without this list pygeoapi also loads the second
            # geometry column (plaatscoordinaat) as a property and fails with HTTP 500
            # ("WKBElement not serializable")
            "properties": ["identificatie", "kadastrale_aanduiding", "kadastrale_gemeente_naam", "grootte"],
            "table": "registers_kadastraalobject",
            "geom_field": "geometrie",
            "storage_crs": "http://www.opengis.net/def/crs/EPSG/0/28992",
            "crs": [
                "http://www.opengis.net/def/crs/EPSG/0/28992",
                "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
            ],
        }
    else:
        # pygeoapi's SQLiteGPKG provider writes into the GeoPackage it opens (AutoGPKGStart leaves a
        # vgpkg_ virtual table behind, and the next start then fails with InvalidPluginError): give
        # it a fresh copy, never the generated data
        gpkg = work / "pygeoapi-kadastralekaart.gpkg"
        shutil.copyfile(args.data / "brk" / "kadastralekaart.gpkg", gpkg)
        provider = {
            "type": "feature",
            "name": "SQLiteGPKG",
            "data": str(gpkg),
            "id_field": "fid",
            "table": "perceel",
        }
    import yaml

    config = {
        "server": {
            "bind": {"host": "127.0.0.1", "port": port},
            "url": f"http://127.0.0.1:{port}",
            "mimetype": "application/json; charset=UTF-8",
            "encoding": "utf-8",
            "language": "en-US",
            "limits": {"default_items": 10, "max_items": 1000},
            "map": {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "attribution": "OSM"},
        },
        "logging": {"level": "ERROR", "logfile": str(work / f"pygeoapi-{kind}.log")},
        "metadata": {
            "identification": {
                "title": "bench",
                "description": "bench",
                "keywords": ["bench"],
                "keywords_type": "theme",
                "terms_of_service": "https://example.org",
                "url": "https://example.org",
            },
            "license": {"name": "CC-BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
            "provider": {"name": "bench", "url": "https://example.org"},
            "contact": {"name": "bench", "email": "bench@example.org", "url": "https://example.org"},
        },
        "resources": {
            "percelen": {
                "type": "collection",
                "title": "percelen",
                "description": "percelen",
                "keywords": [],
                "extents": {
                    "spatial": {
                        "bbox": [5.6, 52.0, 7.2, 52.9],
                        "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
                    }
                },
                "providers": [provider],
            }
        },
    }
    cfg = work / f"pygeoapi-{kind}.yml"
    openapi = work / f"pygeoapi-{kind}-openapi.yml"
    cfg.write_text(yaml.safe_dump(config))
    tool_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "WEERBAAR", "PYTHON"))},
        "PATH": f"{TOOLS}:/usr/bin:/bin",
        "PYGEOAPI_CONFIG": str(cfg),
        "PYGEOAPI_OPENAPI": str(openapi),
    }
    generated = subprocess.run(
        [str(binary), "openapi", "generate", str(cfg), "--output-file", str(openapi)],
        env=tool_env,
        capture_output=True,
        text=True,
    )
    if generated.returncode:
        return {"error": generated.stderr.strip().splitlines()[-1][:200]}
    gunicorn = TOOLS / "gunicorn"
    cmd = (
        [
            str(gunicorn),
            "pygeoapi.flask_app:APP",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
        ]
        if gunicorn.exists()
        else [str(binary), "serve"]
    )
    proc = subprocess.Popen(cmd, env=tool_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(port, "/collections/percelen")
        # pygeoapi's providers take the bbox in the storage CRS (RD New); PostgreSQL wants bbox-crs
        theirs = []
        for u in urls[:100]:
            params = dict(p.split("=", 1) for p in u.split("?", 1)[1].split("&"))
            crs = f"&bbox-crs={params['bbox-crs']}" if kind == "postgis" else ""
            theirs.append(f"/collections/percelen/items?bbox={params['bbox']}{crs}&limit=100&f=json")
        # one request at a time first: the SQLiteGPKG provider of two workers starting at once on a
        # fresh GeoPackage (AutoGPKGStart) sometimes fails with InvalidPluginError
        for path in theirs[:4]:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", path)
            conn.getresponse().read()
            conn.close()
        return measure(port, theirs)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--data", type=Path, default=None, help="generated registers (default: under --work)")
    parser.add_argument("--work", type=Path, default=Path("var/bench/viewer"))
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--record", type=Path, default=None, help="write the table into this markdown file")
    parser.add_argument("--reuse", action="store_true", help="keep an already imported database")
    args = parser.parse_args()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    args.data = (args.data or work / f"data-{args.scale}").resolve()
    kind = "postgis" if os.environ.get("DATABASE_URL") else "spatialite"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "weerbaar.geo.bench_settings", "WEERBAAR_DEBUG": "0"}
    if kind == "spatialite":
        dbdir = work / "db-spatialite"
        env["WEERBAAR_VAR_DIR"] = str(dbdir)
        if not args.reuse and dbdir.exists():
            shutil.rmtree(dbdir)
    os.environ.update(env)
    results: dict = {"database": kind, "scale": args.scale, "rows": {}, "load": [os.getloadavg()[0]]}
    if not (args.reuse and kind == "spatialite" and (work / "db-spatialite" / "weerbaar.sqlite3").exists()):
        results["prepare"] = prepare(args, env, kind)
    urls = sample(args)
    rows = results["rows"]
    with Server(env, cache_mb=0) as server:
        for z in (12, 14, 16):
            rows[f"parcel tile z{z}, cache off"] = measure(server.port, urls["tiles"][z])
        rows["items 100 in bbox"] = measure(server.port, urls["items"])
        rows["items 100 in bbox, RD in and out"] = measure(server.port, urls["items_rd"])
        rows["address search"] = measure(server.port, urls["search"])
    with Server(env, cache_mb=512, cache_dir=work / f"tile-cache-{kind}") as server:
        for z in (12, 14, 16):
            measure(server.port, urls["tiles"][z])  # warm
            rows[f"parcel tile z{z}, cache on"] = measure(server.port, urls["tiles"][z], rounds=5)
    floor = direct_st_asmvt(urls["tiles"][14])
    if floor:
        rows["reference: ST_AsMVT direct z14"] = floor
    their_items = pygeoapi(args, env, kind, work, urls["items_rd"])
    if their_items and "error" in their_items:
        results["pygeoapi_error"] = their_items["error"]
        their_items = None
    if their_items:
        rows["reference: pygeoapi items 100 in bbox (RD)"] = their_items
    results["tippecanoe"] = tippecanoe(args, work) if kind == "spatialite" else None
    z14 = rows["parcel tile z14, cache off"]["p95_ms"]
    ratios = {
        "z14_p95_vs_direct_st_asmvt": round(z14 / floor["p95_ms"], 1) if floor and floor["p95_ms"] else None,
        "items_rps_vs_pygeoapi": round(
            rows["items 100 in bbox, RD in and out"]["rps"] / their_items["rps"], 2
        )
        if their_items and their_items["rps"] and set(their_items["statuses"]) == {200}
        else None,
        "max_tile_kb": max(rows[f"parcel tile z{z}, cache off"]["max_kb"] for z in (12, 14, 16)),
    }
    results["ratios"] = ratios
    results["load"].append(os.getloadavg()[0])  # the machine is shared: say how busy it was
    (work / f"results-{kind}.json").write_text(json.dumps(results, indent=2))
    table = render(results)
    print(table)
    if args.record:
        record(args.record, kind, table)


def render(results: dict) -> str:
    lines = [
        f"### {results['database']} — scale {results['scale']}, {CLIENTS} concurrent clients, "
        f"{time.strftime('%Y-%m-%d')}",
        "",
        "| request | n | p50 ms | p95 ms | req/s | max KB | HTTP |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, row in results["rows"].items():
        lines.append(
            f"| {name} | {row['requests']} | {row['p50_ms']} | {row['p95_ms']} | {row.get('rps', '')} "
            f"| {row.get('max_kb', '')} | {' '.join(f'{k}×{v}' for k, v in row.get('statuses', {}).items())} |"
        )
    ratios = results["ratios"]
    lines += ["", f"Ratios: {json.dumps(ratios)}"]
    if results.get("tippecanoe"):
        t = results["tippecanoe"]
        lines.append(
            f"tippecanoe (province's parcels, z12–z16): export {t['export_s']} s + tiling {t['tiles_s']} s, {t['mbtiles_mb']} MB."
        )
    errors = {
        name: " ".join(row["error"].split())[:160]
        for name, row in results["rows"].items()
        if row.get("error")
    }
    if errors:
        lines.append(f"Errors: {json.dumps(errors, ensure_ascii=False)}")
    if results.get("pygeoapi_error"):
        lines.append(f"pygeoapi: {' '.join(str(results['pygeoapi_error']).split())[:200]}")
    if results.get("prepare"):
        lines.append(f"Preparation: {json.dumps(results['prepare'])}")
    if results.get("load"):
        lines.append(
            f"Load average (1 min) at start and end: {' / '.join(f'{v:.1f}' for v in results['load'])}."
        )
    return "\n".join(lines) + "\n"


def record(path: Path, kind: str, table: str) -> None:
    """Replace this engine's block inside the '## Viewer' section (created when missing)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start, end = "<!-- bench-viewer:start -->", "<!-- bench-viewer:end -->"
    if start not in text:
        text = text.rstrip("\n") + f"\n\n{start}\n## Viewer (`make bench-viewer`)\n\n{end}\n"
    head, rest = text.split(start, 1)
    section, tail = rest.split(end, 1)
    marker_a, marker_b = f"<!-- viewer-{kind}:start -->", f"<!-- viewer-{kind}:end -->"
    block = f"{marker_a}\n{table}{marker_b}\n"
    if marker_a in section:
        before, after = section.split(marker_a, 1)
        section = before + block + after.split(marker_b, 1)[1].lstrip("\n")
    else:
        section = section.rstrip("\n") + "\n\n" + block
    path.write_text(head + start + section + end + tail, encoding="utf-8")


if __name__ == "__main__":
    main()
