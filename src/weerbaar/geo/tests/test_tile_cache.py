"""The shared tile cache on disk and the lean WSGI path in front of Django."""

import io
import os
import time

import mapbox_vector_tile
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

from weerbaar.core.access import AccessLevel
from weerbaar.geo import tilecache
from weerbaar.geo.tilecache import LeanTileApp, SharedTileStore, prune

from .conftest import declare
from .test_ogc import Z14

GEMEENTEN = f"/ogc/v1/collections/gemeenten/tiles/WebMercatorQuad/10/{Z14[1] >> 4}/{Z14[0] >> 4}"
VESTIGINGEN = f"/ogc/v1/collections/kvk-vestigingen/tiles/WebMercatorQuad/14/{Z14[1]}/{Z14[0]}"
#: differ per request by design (a new trace id) or are set by the server software
PER_REQUEST = {"traceparent"}


@pytest.fixture
def tile_dir(settings, tmp_path):
    settings.WEERBAAR_GEO_TILE_CACHE_DIR = str(tmp_path / "tiles")
    settings.WEERBAAR_GEO_TILE_CACHE_FRESH_SECONDS = 30
    from weerbaar.geo.ogc import tile_cache

    tile_cache.clear()  # the in-process cache must not hide what the disk does
    return tmp_path / "tiles"


class Django:
    """The Django application as a WSGI app that records whether a request reached it."""

    def __init__(self) -> None:
        self.app = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        # as django.test.Client: keep the test's database connection (and transaction) open
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = self.app(environ, start_response)
            body = b"".join(response)
            response.close()
            return [body]
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


def wsgi_get(app, path, **headers):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        **{f"HTTP_{k.upper()}": v for k, v in headers.items()},
    }
    result = {}

    def start_response(status, headers, exc_info=None):
        result["status"] = int(status.split()[0])
        result["headers"] = dict(headers)

    body = b"".join(app(environ, start_response))
    return result["status"], result["headers"], body


def _comparable(headers):
    return {k.lower(): v for k, v in headers.items() if k.lower() not in PER_REQUEST}


def test_public_tile_on_disk_is_served_lean_with_the_headers_of_the_full_stack(public_layers, tile_dir):
    full = Client().get(GEMEENTEN, HTTP_ACCEPT_LANGUAGE="de")
    assert full.status_code == 200
    assert mapbox_vector_tile.decode(full.content)["gemeenten"]["features"]
    stored = list(tile_dir.glob("gemeenten/*/WebMercatorQuad/10/*/*.mvt"))
    assert len(stored) == 1 and stored[0].read_bytes() == full.content
    django = Django()
    app = LeanTileApp(django)
    status, headers, body = wsgi_get(app, GEMEENTEN, accept_language="de")
    assert django.calls == 0, "a cached public tile is answered without Django"
    assert status == 200 and body == full.content
    assert _comparable(headers) == _comparable(full.headers)
    assert headers["traceparent"] and headers["Cache-Control"].startswith("public")
    assert headers["Content-Language"] == "de" and "nosniff" in headers["X-Content-Type-Options"]
    # revalidation: 304 with the same headers as the full stack's 304
    full_304 = Client().get(GEMEENTEN, HTTP_IF_NONE_MATCH=full["ETag"])
    status, headers, body = wsgi_get(app, GEMEENTEN, if_none_match=full["ETag"])
    assert (status, body) == (304, b"") and full_304.status_code == 304
    assert _comparable(headers) == _comparable(full_304.headers)
    assert django.calls == 0
    # a session cookie, a token, a query string or another method go to Django
    wsgi_get(app, GEMEENTEN, cookie="sessionid=abc")
    wsgi_get(app, GEMEENTEN, authorization="Token nope")
    assert django.calls == 2


def test_a_new_layer_version_is_never_served_from_the_old_files(public_layers, tile_dir):
    first = Client().get(GEMEENTEN)
    layer = public_layers["gemeenten"]
    time.sleep(0.01)
    layer.save()  # a new version or changed metadata moves the stamp (updated_at)
    django = Django()
    app = LeanTileApp(django)
    # until the full view confirms the new version, the lean path serves only a confirmed CURRENT:
    # age CURRENT beyond the freshness window, as a quiet period would
    current = tile_dir / "gemeenten" / "CURRENT"
    old = time.time() - 60
    os.utime(current, (old, old))
    status, headers, _ = wsgi_get(app, GEMEENTEN)
    assert django.calls == 1 and status == 200
    assert headers["ETag"] != first["ETag"]
    assert len(list((tile_dir / "gemeenten").iterdir())) == 2  # CURRENT + the one new version
    status, again, _ = wsgi_get(app, GEMEENTEN)
    assert django.calls == 1 and again["ETag"] == headers["ETag"]


def test_shielded_tiles_are_never_written_or_served_from_disk(
    analist_client, public_layers, registers_data, tile_dir
):
    declare(analist_client)
    shielded = analist_client.get(VESTIGINGEN)
    assert shielded.status_code == 200 and "no-store" in shielded["Cache-Control"]
    assert not (tile_dir / "kvk-vestigingen").exists()
    django = Django()
    status, headers, _ = wsgi_get(LeanTileApp(django), VESTIGINGEN)
    assert status == 401 and django.calls == 1
    # a public layer with tiles on disk that turns shielded: refused and removed from disk as soon
    # as Django sees a request for it (the lean path trusts CURRENT only for the freshness window)
    assert Client().get(GEMEENTEN).status_code == 200
    assert (tile_dir / "gemeenten" / "CURRENT").exists()
    layer = public_layers["gemeenten"]
    layer.access_level = AccessLevel.AFGESCHERMD
    layer.save()
    old = time.time() - 60
    os.utime(tile_dir / "gemeenten" / "CURRENT", (old, old))
    status, headers, _ = wsgi_get(LeanTileApp(django), GEMEENTEN)
    assert status == 401 and headers["Content-Type"] == "application/problem+json"
    assert not (tile_dir / "gemeenten").exists()


def test_logged_in_users_do_not_fill_the_shared_cache(analist_client, public_layers, tile_dir):
    response = analist_client.get(GEMEENTEN)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert not (tile_dir / "gemeenten").exists()


def _tiles(root):
    return sorted(p.name for p in root.rglob("*.mvt"))


def test_the_cache_on_disk_is_bounded_and_the_oldest_tiles_go_first(tmp_path):
    store = SharedTileStore(tmp_path, "percelen", "stamp-1", [])
    store.confirm()
    now = time.time()
    for y in range(20):  # 20 tiles of 1,000 bytes, y = 0 written longest ago
        store.put("WebMercatorQuad", 14, 1, y, bytes(1000))
        path = tmp_path / "percelen" / store.version / "WebMercatorQuad" / "14" / "1" / f"{y}.mvt"
        os.utime(path, (now - 100 + y, now - 100 + y))
    removed, left = prune(tmp_path, limit=10_000)
    assert (removed, left) == (11, 9000)  # back at 90 % of the bound
    assert _tiles(tmp_path) == sorted(f"{y}.mvt" for y in range(11, 20))
    assert (tmp_path / "percelen" / "CURRENT").exists()
    assert prune(tmp_path, limit=10_000) == (0, 9000)  # within the bound: nothing to do
    # a second process pruning at the same time: this one skips the round
    import fcntl

    with open(tmp_path / ".prune.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        assert prune(tmp_path, limit=1) == (0, -1)
    assert len(_tiles(tmp_path)) == 9


def test_writing_tiles_prunes_the_cache_now_and_then(tmp_path, settings, monkeypatch):
    settings.WEERBAAR_GEO_TILE_CACHE_MAX_MB = 5_000 / 1024 / 1024  # 5,000 bytes
    monkeypatch.setattr(tilecache, "PRUNE_EVERY", 4)
    monkeypatch.setattr(tilecache, "_written", iter(range(1, 100)))
    store = SharedTileStore(tmp_path, "percelen", "stamp-1", [])
    for y in range(8):
        store.put("WebMercatorQuad", 14, 1, y, bytes(1000))
        time.sleep(0.01)  # distinct write times
    # pruned after the 4th (4,000 bytes: within the bound) and the 8th tile (8,000: over it)
    assert len(_tiles(tmp_path)) == 4
    settings.WEERBAAR_GEO_TILE_CACHE_MAX_MB = 0  # no bound
    for y in range(8, 16):
        store.put("WebMercatorQuad", 14, 1, y, bytes(1000))
    assert len(_tiles(tmp_path)) == 12
