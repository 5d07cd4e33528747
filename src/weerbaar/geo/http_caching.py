"""HTTP caching of public OGC API responses, shared by the full view (`ogc`) and the lean tile
path in front of Django (`tilecache`), so both answer a public tile with the same headers."""

from __future__ import annotations

import os

from django.http import HttpRequest, HttpResponse

#: `Cache-Control: max-age` of public responses (WEERBAAR_GEO_MAX_AGE)
PUBLIC_MAX_AGE = int(os.environ.get("WEERBAAR_GEO_MAX_AGE", "300"))


def public_cache_headers(response: HttpResponse, etag: str | None) -> HttpResponse:
    """The caching headers of a public response."""
    if etag:
        response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    response["Vary"] = "Cookie, Authorization, Accept-Language"
    return response


def not_modified(request: HttpRequest, etag: str) -> bool:
    """The client holds this version already (If-None-Match names the ETag)."""
    return etag in {t.strip() for t in request.headers.get("If-None-Match", "").split(",")}
