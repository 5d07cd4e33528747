"""OGC API Features (part 1 core, GeoJSON, part 2 CRS) and OGC API Tiles (MVT) at /ogc/v1.

Public collections are cacheable (ETag, Cache-Control: public); shielded collections answer
401/403 unless the user is logged in with a verified second factor, holds clearance and declared
a purpose, and every shielded request is written to the audit log with that purpose.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.gis.geos import Polygon
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from weerbaar.accounts.services import token_authenticate
from weerbaar.api.problems import problem
from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.spatial import RD_NEW, WGS84, BBox, to_rd_bbox
from weerbaar.privacy.context import request_context

from .http_caching import not_modified, public_cache_headers
from .models import Layer
from .policies import layer_policy
from .providers import property_names, source_for
from .selectors import (
    MAX_LIMIT,
    PurposeRequired,
    feature_get,
    feature_page,
    in_zoom_range,
    layer_access,
    layer_get,
    layer_list,
    tile_attributes,
    tile_read,
)
from .tilecache import forget_collection, shared_store, tile_etag
from .tiles import TILE_MATRIX_SETS, TileCache, TileMatrixSet

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG_RD = "http://www.opengis.net/def/crs/EPSG/0/28992"
EPSG_WGS84 = "http://www.opengis.net/def/crs/EPSG/0/4326"
CRS_SRID = {CRS84: WGS84, EPSG_RD: RD_NEW, "EPSG:28992": RD_NEW, "EPSG:4326": WGS84, EPSG_WGS84: WGS84}
GEOJSON = "application/geo+json"
MVT = "application/vnd.mapbox-vector-tile"
RESERVED = {"bbox", "bbox-crs", "crs", "limit", "offset", "f", "datetime", "properties"}
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
    "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
]


class InvalidParameter(ValueError):
    """A query parameter the client must fix (400)."""


tile_cache = TileCache(int(os.environ.get("WEERBAAR_GEO_TILE_CACHE_MB", "64")) * 1024 * 1024)


def _authenticate(request: HttpRequest) -> HttpResponse | None:
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        user = token_authenticate(token.strip()) if scheme.lower() == "token" else None
        if user is None:
            return problem(request, 401, "Ongeldig of ingetrokken token")
        request.user = user
    return None


def _abs(request: HttpRequest, name: str, query: dict[str, Any] | None = None, **kwargs: Any) -> str:
    url = request.build_absolute_uri(reverse(f"ogc:{name}", kwargs=kwargs or None))
    return f"{url}?{urlencode(query)}" if query else url


def _json(
    request: HttpRequest, body: Any, *, content_type: str = "application/json", shielded: bool = False
) -> HttpResponse:
    response = JsonResponse(body, content_type=content_type, json_dumps_params={"ensure_ascii": False})
    return _cache_headers(request, response, shielded=shielded)


def _cache_headers(
    request: HttpRequest, response: HttpResponse, *, shielded: bool, etag: str | None = None
) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*" if not shielded else request.build_absolute_uri("/")[:-1]
    if shielded or request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store" if shielded else "private, max-age=60"
        response["Vary"] = "Cookie, Authorization"
        return response
    if etag is None and response.status_code == 200 and hasattr(response, "content"):
        etag = '"' + hashlib.sha1(response.content).hexdigest()[:20] + '"'  # noqa: S324
    return public_cache_headers(response, etag)


def _refused(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    if not request.user.is_authenticated:
        return problem(request, 401, "Log in (met tweede factor) voor afgeschermde gegevens.")
    detail = str(exc) or "U heeft geen toegang tot deze gegevens."
    response = problem(request, 403, detail)
    if isinstance(exc, PurposeRequired):
        response["Link"] = f'<{reverse("privacy:declare_purpose")}>; rel="help"'
    return response


Handler = Callable[..., HttpResponse]


def ogc_view(func: Handler) -> Handler:
    """GET only, token or session, problem+json for 401/403/404; the handler gets the request's
    processing context (origin OGC) after the token, if any, named the user."""

    @require_GET
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = _authenticate(request)
        if refused is not None:
            return refused
        try:
            return func(request, request_context(request), *args, **kwargs)
        except PermissionDenied as exc:
            return _refused(request, exc)
        except Http404 as exc:
            return problem(request, 404, str(exc) or "Niet gevonden.")
        except InvalidParameter as exc:
            return problem(request, 400, str(exc))

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


@ogc_view
def landing(request: HttpRequest, ctx: ProcessingContext) -> HttpResponse:
    return _json(
        request,
        {
            "title": "Weerbaar — OGC API",
            "description": "Kaartlagen van het Weerbaar-platform (OGC API Features en Tiles). "
            "Afgeschermde collecties alleen na inloggen met tweede factor en een vastgelegd doel.",
            "links": [
                {
                    "href": _abs(request, "landing"),
                    "rel": "self",
                    "type": "application/json",
                    "title": "Landing",
                },
                {
                    "href": _abs(request, "openapi"),
                    "rel": "service-desc",
                    "type": "application/vnd.oai.openapi+json;version=3.0",
                    "title": "OpenAPI",
                },
                {"href": _abs(request, "conformance"), "rel": "conformance", "type": "application/json"},
                {"href": _abs(request, "collections"), "rel": "data", "type": "application/json"},
                {
                    "href": _abs(request, "tilematrixsets"),
                    "rel": "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes",
                    "type": "application/json",
                },
            ],
        },
    )


@ogc_view
def conformance(request: HttpRequest, ctx: ProcessingContext) -> HttpResponse:
    return _json(request, {"conformsTo": CONFORMANCE})


@ogc_view
def openapi(request: HttpRequest, ctx: ProcessingContext) -> HttpResponse:
    base = reverse("ogc:landing").rstrip("/")
    param = {"in": "query", "required": False, "schema": {"type": "string"}}
    items_params = [
        {"name": "bbox", **param, "style": "form", "explode": False},
        {"name": "bbox-crs", **param},
        {"name": "crs", **param},
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "schema": {"type": "integer", "maximum": MAX_LIMIT},
        },
        {"name": "offset", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 0}},
    ]
    ok = {"200": {"description": "OK"}}
    paths: dict[str, Any] = {
        f"{base}/": {"get": {"operationId": "landing", "responses": ok}},
        f"{base}/conformance": {"get": {"operationId": "conformance", "responses": ok}},
        f"{base}/collections": {"get": {"operationId": "collections", "responses": ok}},
    }
    for layer in layer_list(ctx=ctx):
        path = f"{base}/collections/{layer.code}"
        paths[path] = {"get": {"operationId": f"describe-{layer.code}", "responses": ok}}
        paths[f"{path}/items"] = {
            "get": {"operationId": f"items-{layer.code}", "parameters": items_params, "responses": ok}
        }
        paths[f"{path}/items/{{featureId}}"] = {
            "get": {
                "operationId": f"item-{layer.code}",
                "parameters": [
                    {"name": "featureId", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": ok,
            }
        }
    body = {
        "openapi": "3.0.3",
        "info": {"title": "Weerbaar OGC API", "version": settings.WEERBAAR_API_VERSION},
        "servers": [{"url": request.build_absolute_uri("/")[:-1]}],
        "paths": paths,
    }
    return _json(request, body, content_type="application/vnd.oai.openapi+json;version=3.0")


def _extent(layer: Layer) -> list[float]:
    version = layer.current_version
    rd = version.extent if version and version.extent else [180000.0, 460000.0, 270000.0, 540000.0]
    minx, miny, maxx, maxy = rd
    polygon = Polygon.from_bbox((minx, miny, maxx, maxy))
    polygon.srid = RD_NEW
    polygon.transform(WGS84)
    return [round(v, 6) for v in polygon.extent]


def collection_doc(request: HttpRequest, ctx: ProcessingContext, layer: Layer) -> dict[str, Any]:
    source = source_for(layer)
    names = property_names(layer, source)
    visible = layer_policy().visible_attributes(ctx, layer, names)
    code = layer.code
    return {
        "id": code,
        "title": layer.title,
        "description": layer.description or layer.source,
        "itemType": "feature",
        "keywords": [layer.get_theme_display()],
        "attribution": layer.credit,
        "extent": {"spatial": {"bbox": [_extent(layer)], "crs": CRS84}},
        "crs": [CRS84, EPSG_RD, EPSG_WGS84],
        "storageCrs": EPSG_RD,
        "links": [
            {"href": _abs(request, "collection", collection=code), "rel": "self", "type": "application/json"},
            {"href": _abs(request, "items", collection=code), "rel": "items", "type": GEOJSON},
            {
                "href": _abs(request, "collection_tilesets", collection=code),
                "rel": "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector",
                "type": "application/json",
            },
        ],
        "weerbaar": {
            "theme": layer.theme,
            "themeTitle": str(layer.get_theme_display()),
            "accessLevel": layer.access_level,
            "attributes": [
                {"name": n, "accessLevel": layer.attribute_level(n)} for n in names if n in visible
            ],
            "style": layer.style,
            "legend": layer.legend,
            "minZoom": layer.min_zoom,
            "maxZoom": layer.max_zoom,
            "freshness": layer.freshness,
            "outdated": layer.outdated,
            "factsheet": layer.factsheet,
            "source": layer.source,
            "credit": layer.credit,
            "licence": layer.licence,
            "version": layer.current_version.number if layer.current_version else None,
        },
    }


@ogc_view
def collections(request: HttpRequest, ctx: ProcessingContext) -> HttpResponse:
    layers = list(layer_list(ctx=ctx))
    return _json(
        request,
        {
            "links": [{"href": _abs(request, "collections"), "rel": "self", "type": "application/json"}],
            "collections": [collection_doc(request, ctx, layer) for layer in layers],
        },
    )


@ogc_view
def collection(request: HttpRequest, ctx: ProcessingContext, collection: str) -> HttpResponse:
    layer = layer_get(ctx=ctx, code=collection)
    return _json(request, collection_doc(request, ctx, layer), shielded=layer.shielded)


def _srid(value: str | None, name: str) -> int:
    if not value:
        return WGS84
    srid = CRS_SRID.get(value.strip())
    if srid is None:
        raise InvalidParameter(f"{name}: niet ondersteund stelsel {value}; gebruik {CRS84} of {EPSG_RD}")
    return srid


def _bbox(value: str | None, crs: str | None) -> BBox | None:
    if not value:
        return None
    try:
        numbers = [float(v) for v in value.split(",")]
    except ValueError:
        raise InvalidParameter("bbox: vier getallen gescheiden door komma's") from None
    if len(numbers) == 6:
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    if len(numbers) != 4 or numbers[0] > numbers[2] or numbers[1] > numbers[3]:
        raise InvalidParameter("bbox: minx,miny,maxx,maxy")
    srid = _srid(crs, "bbox-crs")
    if srid == WGS84 and crs in (EPSG_WGS84, "EPSG:4326"):
        numbers = [numbers[1], numbers[0], numbers[3], numbers[2]]  # EPSG:4326 is lat/lon
    return to_rd_bbox((numbers[0], numbers[1], numbers[2], numbers[3]), srid)


def _int(value: str | None, default: int, name: str, maximum: int | None = None) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise InvalidParameter(f"{name}: geen geheel getal") from None
    if number < 0:
        raise InvalidParameter(f"{name}: mag niet negatief zijn")
    return min(number, maximum) if maximum else number


def _swap_axes(features: list[dict[str, Any]]) -> None:
    """EPSG:4326 answers in its own axis order (lat, lon)."""

    def swap(coords: Any) -> Any:
        if coords and isinstance(coords[0], (int, float)):
            return [coords[1], coords[0], *coords[2:]]
        return [swap(c) for c in coords]

    for feature in features:
        geometry = feature.get("geometry")
        if geometry and "coordinates" in geometry:
            geometry["coordinates"] = swap(geometry["coordinates"])


def _crs_params(request: HttpRequest) -> tuple[int, str]:
    crs = request.GET.get("crs")
    srid = _srid(crs, "crs")
    uri = crs if crs in (EPSG_RD, EPSG_WGS84) else (EPSG_RD if srid == RD_NEW else CRS84)
    return srid, uri


@ogc_view
def items(request: HttpRequest, ctx: ProcessingContext, collection: str) -> HttpResponse:
    layer = layer_access(ctx=ctx, code=collection)
    srid, crs_uri = _crs_params(request)
    bbox = _bbox(request.GET.get("bbox"), request.GET.get("bbox-crs"))
    limit = _int(request.GET.get("limit"), 10, "limit", MAX_LIMIT) or 1
    offset = _int(request.GET.get("offset"), 0, "offset")
    filters = {k: str(v) for k, v in request.GET.items() if k not in RESERVED}
    page = feature_page(
        ctx=ctx,
        layer=layer,
        bbox_rd=bbox,
        filters=filters,
        limit=limit,
        offset=offset,
        srid=srid,
        detail={"bbox": request.GET.get("bbox", ""), "filters": filters, "offset": offset},
    )
    if crs_uri == EPSG_WGS84:
        _swap_axes(page.features)
    query = {k: v for k, v in request.GET.items() if k != "offset"}
    links = [
        {
            "href": _abs(request, "items", {**query, "offset": offset}, collection=collection),
            "rel": "self",
            "type": GEOJSON,
        },
        {
            "href": _abs(request, "collection", collection=collection),
            "rel": "collection",
            "type": "application/json",
        },
    ]
    if page.has_more:
        links.append(
            {
                "href": _abs(request, "items", {**query, "offset": offset + limit}, collection=collection),
                "rel": "next",
                "type": GEOJSON,
            }
        )
    if offset > 0:
        links.append(
            {
                "href": _abs(
                    request, "items", {**query, "offset": max(0, offset - limit)}, collection=collection
                ),
                "rel": "prev",
                "type": GEOJSON,
            }
        )
    body = {
        "type": "FeatureCollection",
        "timeStamp": timezone.now().isoformat(timespec="seconds"),
        "numberReturned": len(page.features),
        "features": page.features,
        "links": links,
    }
    response = _json(request, body, content_type=GEOJSON, shielded=page.shielded)
    response["Content-Crs"] = f"<{crs_uri}>"
    return response


@ogc_view
def item(request: HttpRequest, ctx: ProcessingContext, collection: str, feature_id: str) -> HttpResponse:
    layer = layer_access(ctx=ctx, code=collection)
    srid, crs_uri = _crs_params(request)
    page = feature_get(ctx=ctx, layer=layer, feature_id=feature_id, srid=srid)
    if not page.features:
        raise Http404("onbekend object")
    if crs_uri == EPSG_WGS84:
        _swap_axes(page.features)
    feature = page.features[0]
    feature["links"] = [
        {
            "href": _abs(request, "item", collection=collection, feature_id=feature_id),
            "rel": "self",
            "type": GEOJSON,
        },
        {
            "href": _abs(request, "collection", collection=collection),
            "rel": "collection",
            "type": "application/json",
        },
    ]
    response = _json(request, feature, content_type=GEOJSON, shielded=page.shielded)
    response["Content-Crs"] = f"<{crs_uri}>"
    return response


@ogc_view
def tilematrixsets(request: HttpRequest, ctx: ProcessingContext) -> HttpResponse:
    return _json(
        request,
        {
            "tileMatrixSets": [
                {
                    "id": tms.id,
                    "title": tms.title,
                    "uri": tms.uri,
                    "links": [
                        {
                            "href": _abs(request, "tilematrixset", tms=tms.id),
                            "rel": "self",
                            "type": "application/json",
                        }
                    ],
                }
                for tms in TILE_MATRIX_SETS.values()
            ]
        },
    )


@ogc_view
def tilematrixset(request: HttpRequest, ctx: ProcessingContext, tms: str) -> HttpResponse:
    if tms not in TILE_MATRIX_SETS:
        raise Http404("onbekend tegelschema")
    return _json(request, TILE_MATRIX_SETS[tms].as_json())


def _first_level(tms: TileMatrixSet, layer: Layer) -> int:
    """The first level of the tile matrix set at which the layer has content (zooms are Web Mercator)."""
    return next(
        (z for z in range(tms.max_zoom + 1) if tms.web_mercator_zoom(z) >= layer.min_zoom), tms.max_zoom
    )


def _tileset_doc(request: HttpRequest, layer: Layer, tms_id: str) -> dict[str, Any]:
    tms = TILE_MATRIX_SETS[tms_id]
    template = (
        _abs(request, "tileset", collection=layer.code, tms=tms_id) + "/{tileMatrix}/{tileRow}/{tileCol}"
    )
    return {
        "title": f"{layer.title} — {tms_id}",
        "dataType": "vector",
        "crs": tms.crs,
        "tileMatrixSetURI": tms.uri,
        "links": [
            {
                "href": _abs(request, "tileset", collection=layer.code, tms=tms_id),
                "rel": "self",
                "type": "application/json",
            },
            {
                "href": _abs(request, "tilematrixset", tms=tms_id),
                "rel": "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme",
                "type": "application/json",
            },
            {"href": template, "rel": "item", "type": MVT, "templated": True},
        ],
        "layers": [{"id": layer.code, "dataType": "vector", "minTileMatrix": str(_first_level(tms, layer))}],
    }


@ogc_view
def collection_tilesets(request: HttpRequest, ctx: ProcessingContext, collection: str) -> HttpResponse:
    layer = layer_get(ctx=ctx, code=collection)
    return _json(
        request,
        {"tilesets": [_tileset_doc(request, layer, tms) for tms in TILE_MATRIX_SETS]},
        shielded=layer.shielded,
    )


@ogc_view
def tileset(request: HttpRequest, ctx: ProcessingContext, collection: str, tms: str) -> HttpResponse:
    layer = layer_get(ctx=ctx, code=collection)
    if tms not in TILE_MATRIX_SETS:
        raise Http404("onbekend tegelschema")
    return _json(request, _tileset_doc(request, layer, tms), shielded=layer.shielded)


@ogc_view
def tile(
    request: HttpRequest, ctx: ProcessingContext, collection: str, tms: str, z: int, y: int, x: int
) -> HttpResponse:
    try:
        layer = layer_access(ctx=ctx, code=collection)
    except PermissionDenied:
        forget_collection(collection)  # refused to someone: then it is not public, never on disk
        raise
    matrix = TILE_MATRIX_SETS.get(tms)
    if matrix is None or not matrix.valid(z, x, y):
        raise Http404("onbekende tegel")
    source = source_for(layer)
    attributes = tile_attributes(ctx=ctx, layer=layer, source=source)
    shielded = layer.shielded
    if shielded:
        forget_collection(layer.code)  # in case it was public before: never served from disk again
        body = tile_read(
            ctx=ctx, layer=layer, source=source, matrix=matrix, z=z, x=x, y=y, attributes=attributes
        )
        response = HttpResponse(body, content_type=MVT, status=200 if body else 204)
        return _cache_headers(request, response, shielded=True)
    # an open layer: no audit entry, and the caches (per level of the attributes it carries)
    level_key = "i" if AccessLevel.INTERN in ctx.clearance.levels else "p"
    etag = tile_etag(layer.code, source.stamp, tms, z, x, y, level_key, attributes)
    # the shared cache on disk: public tiles rendered for anonymous requests only
    shared = None
    if not request.user.is_authenticated and level_key == "p":
        shared = shared_store(layer.code, source.stamp, attributes)
        if shared is not None:
            shared.confirm()
    if not_modified(request, etag):
        response = HttpResponse(status=304)
        return _cache_headers(request, response, shielded=False, etag=etag)
    content: bytes | None = None if in_zoom_range(layer, matrix, z) else b""
    cacheable = level_key == "p"
    if content is None and cacheable:
        content = tile_cache.get(etag)
    if content is None and shared is not None:
        content = shared.get(tms, z, x, y)
        if content is not None:
            tile_cache.put(etag, content)
    if content is None:
        content = tile_read(
            ctx=ctx, layer=layer, source=source, matrix=matrix, z=z, x=x, y=y, attributes=attributes
        )
        if cacheable:
            tile_cache.put(etag, content)
        if shared is not None and content:  # empty tiles are cheap to render and unbounded in number
            shared.put(tms, z, x, y, content)
    response = HttpResponse(content, content_type=MVT, status=200 if content else 204)
    return _cache_headers(request, response, shielded=False, etag=etag)
