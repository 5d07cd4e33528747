"""A tile cache on disk shared by every worker and process, and a lean WSGI path for its hits.

Only public tiles rendered for an anonymous request are stored (never a shielded collection, never
anything rendered for a logged-in user). Layout under `WEERBAAR_GEO_TILE_CACHE_DIR`:

    <collection>/CURRENT                       {"version", "stamp", "attributes"} of the data served now
    <collection>/<version>/<tms>/<z>/<x>/<y>.mvt

`version` hashes the data stamp (register import run, layer version and change time) and the
attribute list, so a new import or layer version writes a new directory; the old one is removed
when CURRENT moves on. Files and CURRENT are written atomically (temporary file + rename).

The lean path (`LeanTileApp`, wrapped around the Django application in `weerbaar.wsgi`) answers a
GET of a public tile URL without a session cookie, Authorization header or query string from the
file when CURRENT names it and was confirmed by the full Django view less than
`WEERBAAR_GEO_TILE_CACHE_FRESH_SECONDS` ago; everything else goes to Django. The full view confirms
CURRENT on each anonymous public tile it serves, so a new import or layer version (or a layer
turned shielded, which removes its directory on the next shielded request) stops the lean path
within that many seconds. Its responses pass through the same security middleware classes as the
full stack, so they carry the same headers.

The cache is bounded: `WEERBAAR_GEO_TILE_CACHE_MAX_MB` (default 2048; 0 for no bound). Every
`PRUNE_EVERY` tiles a process writes, it adds up the cache (one walk, under a lock file so one
process at a time) and, when over the bound, removes the tiles written longest ago until the
cache is back at 90 % of it. A tile removed is rendered again on its next request.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import itertools
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string

from .http_caching import not_modified, public_cache_headers

MVT = "application/vnd.mapbox-vector-tile"
TILE_PATH = re.compile(
    r"^/ogc/v1/collections/(?P<collection>[-a-zA-Z0-9_]+)/tiles/"
    r"(?P<tms>WebMercatorQuad|NetherlandsRDNewQuad)/(?P<z>\d{1,2})/(?P<y>\d{1,7})/(?P<x>\d{1,7})$"
)
#: middleware that shapes the response of an anonymous public GET; the rest (sessions, CSRF,
#: authentication, second factor, messages, static files) adds nothing to such a response
LEAN_MIDDLEWARE = (
    "django.middleware.security.SecurityMiddleware",
    "weerbaar.core.middleware.SecurityHeadersMiddleware",
    "weerbaar.core.middleware.TraceMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
)


def tile_etag(
    code: str, stamp: str, tms: str, z: int, x: int, y: int, level: str, attributes: list[str]
) -> str:
    """The ETag of a tile: it names the data version, so it is also the cache key."""
    text = f"{code}/{stamp}/{tms}/{z}/{x}/{y}/{level}/{','.join(attributes)}"
    return '"' + hashlib.sha1(text.encode()).hexdigest()[:24] + '"'  # noqa: S324


def cache_dir() -> Path | None:
    value = getattr(settings, "WEERBAAR_GEO_TILE_CACHE_DIR", "")
    return Path(value) if value else None


def fresh_seconds() -> float:
    return float(getattr(settings, "WEERBAAR_GEO_TILE_CACHE_FRESH_SECONDS", 5))


def max_bytes() -> int:
    return int(float(getattr(settings, "WEERBAAR_GEO_TILE_CACHE_MAX_MB", 2048)) * 1024 * 1024)


#: tiles written by a process between two checks of the cache size
PRUNE_EVERY = 500
#: after pruning, the cache holds at most this share of its bound
PRUNE_TO = 0.9
_written = itertools.count(1)


def prune(root: Path, limit: int) -> tuple[int, int]:
    """Remove the oldest tiles until the cache under `root` is at most PRUNE_TO x `limit` bytes.

    Returns (tiles removed, bytes left), or (0, -1) when another process is pruning (a lock file;
    this one then skips the round). CURRENT files and directories are kept.
    """
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".prune.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return 0, -1
        tiles: list[tuple[float, int, str]] = []
        for directory, _dirs, files in os.walk(root):
            for name in files:
                if name.endswith(".mvt"):
                    with contextlib.suppress(OSError):
                        info = os.stat(os.path.join(directory, name))
                        tiles.append((info.st_mtime, info.st_size, os.path.join(directory, name)))
        total = sum(size for _m, size, _p in tiles)
        removed = 0
        if total > limit:
            tiles.sort()
            for _mtime, size, path in tiles:
                if total <= limit * PRUNE_TO:
                    break
                with contextlib.suppress(OSError):
                    os.unlink(path)
                    total -= size
                    removed += 1
        return removed, total


def _version(stamp: str, attributes: list[str]) -> str:
    return hashlib.sha1(f"{stamp}|{','.join(attributes)}".encode()).hexdigest()[:16]  # noqa: S324


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _tile_path(root: Path, code: str, version: str, tms: str, z: int, x: int, y: int) -> Path:
    return root / code / version / tms / str(z) / str(x) / f"{y}.mvt"


def _read_current(root: Path, code: str) -> dict[str, Any] | None:
    try:
        return json.loads((root / code / "CURRENT").read_bytes())
    except (OSError, ValueError):
        return None


class SharedTileStore:
    """The Django side: read, write and confirm public tiles of one collection version."""

    def __init__(self, root: Path, code: str, stamp: str, attributes: list[str]) -> None:
        self.root, self.code, self.stamp, self.attributes = root, code, stamp, attributes
        self.version = _version(stamp, attributes)

    def get(self, tms: str, z: int, x: int, y: int) -> bytes | None:
        try:
            return _tile_path(self.root, self.code, self.version, tms, z, x, y).read_bytes()
        except OSError:
            return None

    def put(self, tms: str, z: int, x: int, y: int, content: bytes) -> None:
        """Store a tile; the caller has confirmed this version first (`ogc.tile` does on every request)."""
        with contextlib.suppress(OSError):  # a full or read-only disk costs speed, not correctness
            _write_atomically(_tile_path(self.root, self.code, self.version, tms, z, x, y), content)
            if next(_written) % PRUNE_EVERY == 0 and max_bytes() > 0:
                prune(self.root, max_bytes())

    def confirm(self) -> None:
        """Point CURRENT at this version (removing older versions) or mark it confirmed now."""
        current_path = self.root / self.code / "CURRENT"
        current = _read_current(self.root, self.code)
        try:
            if current is not None and current.get("version") == self.version:
                age = time.time() - current_path.stat().st_mtime
                if age > fresh_seconds() / 2:
                    os.utime(current_path)
                return
            body = {"version": self.version, "stamp": self.stamp, "attributes": self.attributes}
            _write_atomically(current_path, json.dumps(body).encode())
            for old in (self.root / self.code).iterdir():
                if old.is_dir() and old.name != self.version:
                    shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass


def forget_collection(code: str) -> None:
    """Remove a collection from the shared cache (it is shielded now, or its data went)."""
    root = cache_dir()
    if root is not None and (root / code).exists():
        (root / code / "CURRENT").unlink(missing_ok=True)
        shutil.rmtree(root / code, ignore_errors=True)


def shared_store(code: str, stamp: str, attributes: list[str]) -> SharedTileStore | None:
    root = cache_dir()
    return SharedTileStore(root, code, stamp, attributes) if root is not None else None


StartResponse = Callable[..., Any]


class LeanTileApp:
    """WSGI: cached public tiles straight from disk; everything else to the wrapped application."""

    def __init__(self, app: Callable[[dict[str, Any], StartResponse], Iterable[bytes]]) -> None:
        self.app = app
        self.session_cookie = f"{settings.SESSION_COOKIE_NAME}="
        handler: Callable[[HttpRequest], HttpResponse] = self._respond
        for name in reversed([m for m in settings.MIDDLEWARE if m in LEAN_MIDDLEWARE]):
            handler = import_string(name)(handler)
        self.handler = handler

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        hit = self._lookup(environ)
        if hit is None:
            return self.app(environ, start_response)
        request = WSGIRequest(environ)
        try:
            request.get_host()  # ALLOWED_HOSTS, as the full stack checks it
        except DisallowedHost:
            return self.app(environ, start_response)
        request.lean_tile = hit  # type: ignore[attr-defined]
        response = self.handler(request)
        headers = [
            *response.items(),
            *(("Set-Cookie", c.output(header="")) for c in response.cookies.values()),
        ]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        return [response.content]

    def _lookup(self, environ: dict[str, Any]) -> tuple[bytes, str] | None:
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("QUERY_STRING"):
            return None
        if environ.get("HTTP_AUTHORIZATION") or self.session_cookie in environ.get("HTTP_COOKIE", ""):
            return None
        match = TILE_PATH.match(environ.get("PATH_INFO", ""))
        root = cache_dir()
        if match is None or root is None:
            return None
        code, tms = match["collection"], match["tms"]
        z, y, x = int(match["z"]), int(match["y"]), int(match["x"])
        current_path = root / code / "CURRENT"
        try:
            if time.time() - current_path.stat().st_mtime > fresh_seconds():
                return None
            current = json.loads(current_path.read_bytes())
            content = _tile_path(root, code, current["version"], tms, z, x, y).read_bytes()
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return content, tile_etag(code, current["stamp"], tms, z, x, y, "p", current["attributes"])

    @staticmethod
    def _respond(request: HttpRequest) -> HttpResponse:
        # the response of `weerbaar.geo.ogc.tile` for an anonymous public tile
        content, etag = request.lean_tile  # type: ignore[attr-defined]
        if not_modified(request, etag):
            response = HttpResponse(status=304)
        else:
            response = HttpResponse(content, content_type=MVT, status=200 if content else 204)
        response["Access-Control-Allow-Origin"] = "*"
        return public_cache_headers(response, etag)
