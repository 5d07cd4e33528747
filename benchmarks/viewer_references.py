"""Reference tools of the viewer benchmark: tippecanoe pre-generating the province's parcel tiles,
pygeoapi serving the same items (SQLite GeoPackage provider, or PostgreSQL on the same table)."""

from __future__ import annotations

import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any

from benchmarks import harness


def tippecanoe(data: Path, work: Path) -> dict[str, Any] | None:
    """Seconds to export the parcels to GeoJSONSeq (ogr2ogr) and to tile them z12–z16, MBTiles size."""
    binary, ogr2ogr = harness.tool("tippecanoe"), harness.tool("ogr2ogr")
    if binary is None or ogr2ogr is None:
        return None
    seq = work / "percelen.geojsonl"
    out = work / "percelen.mbtiles"
    out.unlink(missing_ok=True)
    gpkg = data / "brk" / "kadastralekaart.gpkg"
    export = harness.run(
        [
            str(ogr2ogr),
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
        harness.tool_env(),
    )
    tiling = harness.run(
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
        harness.tool_env(),
    )
    seq.unlink(missing_ok=True)
    return {
        "export_s": round(export.seconds, 1),
        "tiles_s": round(tiling.seconds, 1),
        "mbtiles_mb": round(out.stat().st_size / 1e6, 1),
    }


def _provider(kind: str, env: dict[str, str], data: Path, work: Path) -> dict[str, Any]:
    if kind == "postgis":
        import dj_database_url

        db = dj_database_url.parse(env["DATABASE_URL"])
        return {
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
    # pygeoapi's SQLiteGPKG provider writes into the GeoPackage it opens (AutoGPKGStart leaves a
    # vgpkg_ virtual table behind, and the next start then fails with InvalidPluginError): give
    # it a fresh copy, never the generated data
    gpkg = work / "pygeoapi-kadastralekaart.gpkg"
    shutil.copyfile(data / "brk" / "kadastralekaart.gpkg", gpkg)
    return {"type": "feature", "name": "SQLiteGPKG", "data": str(gpkg), "id_field": "fid", "table": "perceel"}


def _config(port: int, provider: dict[str, Any], log: Path) -> dict[str, Any]:
    bench = {"name": "bench", "url": "https://example.org"}
    return {
        "server": {
            "bind": {"host": "127.0.0.1", "port": port},
            "url": f"http://127.0.0.1:{port}",
            "mimetype": "application/json; charset=UTF-8",
            "encoding": "utf-8",
            "language": "en-US",
            "limits": {"default_items": 10, "max_items": 1000},
            "map": {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "attribution": "OSM"},
        },
        "logging": {"level": "ERROR", "logfile": str(log)},
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
            "provider": bench,
            "contact": {**bench, "email": "bench@example.org"},
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


def pygeoapi(
    kind: str, env: dict[str, str], data: Path, work: Path, urls: list[str]
) -> dict[str, Any] | None:
    """pygeoapi's items of the same bboxes (RD New, 100 each) with the same number of clients;
    None without the tool, {"error": …} when it does not serve."""
    import yaml

    binary = harness.tool("pygeoapi")
    if binary is None:
        return None
    port = harness.free_port()
    cfg, openapi = work / f"pygeoapi-{kind}.yml", work / f"pygeoapi-{kind}-openapi.yml"
    cfg.write_text(
        yaml.safe_dump(_config(port, _provider(kind, env, data, work), work / f"pygeoapi-{kind}.log"))
    )
    tool_env = harness.tool_env(PYGEOAPI_CONFIG=str(cfg), PYGEOAPI_OPENAPI=str(openapi))
    generated = subprocess.run(
        [str(binary), "openapi", "generate", str(cfg), "--output-file", str(openapi)],
        env=tool_env,
        capture_output=True,
        text=True,
    )
    if generated.returncode:
        return {"error": generated.stderr.strip().splitlines()[-1][:200]}
    gunicorn = harness.TOOLS / "bin" / "gunicorn"
    cmd = (
        [
            str(gunicorn),
            "pygeoapi.flask_app:APP",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--log-level",
            "warning",
        ]
        if gunicorn.exists()
        else [str(binary), "serve"]
    )
    proc = subprocess.Popen(cmd, env=tool_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        harness.wait_until_serving(port, "/collections/percelen", proc=proc)
        # pygeoapi's providers take the bbox in the storage CRS (RD New); PostgreSQL wants bbox-crs
        theirs = []
        for url in urls[:100]:
            params = dict(p.split("=", 1) for p in url.split("?", 1)[1].split("&"))
            crs = f"&bbox-crs={params['bbox-crs']}" if kind == "postgis" else ""
            theirs.append(f"/collections/percelen/items?bbox={params['bbox']}{crs}&limit=100&f=json")
        # one request at a time first: the SQLiteGPKG provider of two workers starting at once on a
        # fresh GeoPackage (AutoGPKGStart) sometimes fails with InvalidPluginError
        warm = harness.HttpClient(port)
        for path in theirs[:4]:
            warm(path)
        warm.close()
        return harness.concurrent(theirs, lambda: harness.HttpClient(port)).row()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
