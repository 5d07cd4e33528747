"""Reads for the viewer and the OGC API: layers, features, tiles, the search, the area selection
and the proxied aerial photos. Each takes the processing context.

Access is decided by `LayerPolicy`: a layer is visible by its level, attributes by their own; a
shielded layer, or a shielded attribute of an open one, is read only for a declared purpose
(doelbinding). Every read that shows shielded data happens inside one `audited(...)` block per
page, tile, search, selection or export; the registers' selectors it calls (parcel owners, the
look-ups of the search) write their entries inside it, so all are appended together: one
transaction, one chain lock. Public tiles open no block and write nothing.
"""

from __future__ import annotations

import json
import re
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from weerbaar.audit.recording import Action, Record, audited
from weerbaar.core.context import Origin, ProcessingContext
from weerbaar.core.spatial import RD_NEW, WGS84, BBox, bbox_filter
from weerbaar.registers import identifiers
from weerbaar.registers import selectors as registers
from weerbaar.registers.lookup import parse_address

from .area import MAX_ROWS
from .basemaps import aerial_hr_url
from .models import Feature, Layer, SourceKind
from .policies import layer_policy
from .providers import Source, property_names, source_for
from .tiles import TileMatrixSet, render_tile

MAX_LIMIT = 1000
#: the processing activities the viewer serves when no purpose was declared (refusals)
VIEWER_PURPOSES = ("gebiedsanalyse",)
KADASTRAAL_RE = re.compile(r"^[A-Z]{3}[0-9]{2} [A-Z]{1,2} [1-9][0-9]{0,4}( A[1-9][0-9]{0,3})?$")
PLACE_LAYERS = ("gemeenten", "plaatsen", "industriekernen", "pc4")


class PurposeRequired(PermissionDenied):
    """Cleared for shielded data, but no purpose declared for this session of work."""


# --- layers ---------------------------------------------------------------------------------------


def _published(layers: QuerySet[Layer]) -> QuerySet[Layer]:
    """Layers with something to serve (`Layer.published`): a stored layer whose first import
    failed, or has not run yet, is not offered as an empty collection."""
    return layers.filter(Q(source_kind=SourceKind.REGISTER) | Q(current_version__isnull=False))


def layer_list(*, ctx: ProcessingContext) -> QuerySet[Layer]:
    """The published layers `ctx` may see."""
    return _published(layer_policy().visible(ctx)).select_related("current_version")


def layer_get(*, ctx: ProcessingContext, code: str) -> Layer:
    """The layer, or 404 when it does not exist or is not published, 401/403 (PermissionDenied)
    when not cleared."""
    layer = _published(Layer.objects.select_related("current_version").filter(code=code)).first()
    if layer is None:
        raise Http404("onbekende collectie")
    if not layer_policy().can_view(ctx, layer):
        raise PermissionDenied("u bent niet gemachtigd voor deze kaartlaag")
    return layer


def layer_access(*, ctx: ProcessingContext, code: str) -> Layer:
    """The layer whose features `ctx` is about to read: as `layer_get`, and for a shielded layer
    a declared purpose, else PurposeRequired with the refusal logged."""
    layer = layer_get(ctx=ctx, code=code)
    if layer_policy().purpose_missing(ctx, layer):
        with audited(ctx, object_type="geo.layer", purposes=VIEWER_PURPOSES) as record:
            record.refused(reason="geen doel vastgelegd", object_id=layer.code)
        raise PurposeRequired("leg eerst het doel van uw werk vast (doelbinding)")
    return layer


# --- features (OGC API Features) ------------------------------------------------------------------


@dataclass
class Page:
    features: list[dict[str, Any]]
    has_more: bool
    #: the page shows shielded data (a shielded layer, or shielded attributes): never cache it
    shielded: bool = False


def _property_filter(source: Source, name: str, value: str) -> dict[str, Any]:
    if source.json_field:
        return {f"{source.json_field}__{name}": value}
    return {name: value}


def _features(
    ctx: ProcessingContext,
    layer: Layer,
    *,
    bbox_rd: BBox | None = None,
    filters: dict[str, str] | None = None,
    ids: list[str] | None = None,
    limit: int,
    offset: int = 0,
    srid: int = WGS84,
    precision: int | None = None,
) -> Page:
    """GeoJSON features with only the attributes `ctx` may see (no count()); owners of parcels
    through the registers' selector (audited inside the caller's block)."""
    policy = layer_policy()
    source = source_for(layer)
    qs = source.queryset
    if bbox_rd is not None:
        qs = bbox_filter(qs, source.geom_field, bbox_rd)
    names = property_names(layer, source)
    allowed = policy.visible_attributes(
        ctx, layer, names, shielded=policy.shows_shielded_attributes(ctx, layer)
    )
    for name, value in (filters or {}).items():
        if name in allowed and (source.json_field or name in source.fields):
            qs = qs.filter(**_property_filter(source, name, value))
    if ids is not None:
        qs = qs.filter(**{f"{source.id_field}__in": ids})
    geom = source.geom_field if srid == RD_NEW else Transform(source.geom_field, srid)
    digits = precision if precision is not None else (2 if srid == RD_NEW else 7)
    columns = [source.id_field, *(f for f in source.fields if f in allowed)]
    if source.json_field:
        columns.append(source.json_field)
    rows = list(
        qs.order_by("pk")
        .annotate(_geojson=AsGeoJSON(geom, precision=digits))
        .values(*columns, "_geojson")[offset : offset + limit + 1]
    )
    has_more = len(rows) > limit
    features: list[dict[str, Any]] = []
    for row in rows[:limit]:
        if source.json_field:
            data = row[source.json_field] or {}
            if isinstance(data, str):
                data = json.loads(data)
            props = {k: v for k, v in data.items() if k in allowed}
        else:
            props = {k: row[k] for k in columns[1:] if k in allowed}
        features.append(
            {
                "type": "Feature",
                "id": str(row[source.id_field]),
                "geometry": json.loads(row["_geojson"]) if row["_geojson"] else None,
                "properties": props,
            }
        )
    provider = source.provider
    extra = [n for n in (provider.extra if provider else ()) if n in allowed]
    if provider is not None and extra and features:
        values = provider.extra_properties(ctx=ctx, ids=[f["id"] for f in features])
        for feature in features:
            found = values.get(feature["id"], {})
            feature["properties"].update({k: v for k, v in found.items() if k in extra})
    shown = policy.shielded_attributes(layer, layer.attribute_access)
    shielded = layer.shielded or any(any(n in f["properties"] for n in shown) for f in features)
    return Page(features, has_more, shielded)


def feature_page(
    *,
    ctx: ProcessingContext,
    layer: Layer,
    bbox_rd: BBox | None = None,
    filters: dict[str, str] | None = None,
    limit: int = 10,
    offset: int = 0,
    srid: int = WGS84,
    precision: int | None = None,
    detail: dict[str, Any] | None = None,
) -> Page:
    """One page of a layer's features (`layer_access` first). A page that shows shielded data
    writes one entry for the read (the identifiers shown, the query in `detail`) and one per
    owner shown, all in one transaction."""
    with audited(
        ctx, object_type=f"geo.{layer.code}", action=Action.LIST, purposes=VIEWER_PURPOSES
    ) as record:
        page = _features(
            ctx,
            layer,
            bbox_rd=bbox_rd,
            filters=filters,
            limit=limit,
            offset=offset,
            srid=srid,
            precision=precision,
        )
        if page.shielded:
            ids = [f["id"] for f in page.features]
            record.disclosed(
                object_id=_object_ids(ids),
                detail={**(detail or {}), "objecten": len(ids), "ids": ids},
            )
        return page


#: the length of an audit entry's object field
OBJECT_ID_LENGTH = 200


def _object_ids(ids: list[str]) -> str:
    """As many whole identifiers as fit the entry's object field, comma-separated (the detail
    lists them all)."""
    shown = ""
    for identifier in ids:
        longer = f"{shown},{identifier}" if shown else identifier
        if len(longer) > OBJECT_ID_LENGTH:
            break
        shown = longer
    return shown


def feature_get(*, ctx: ProcessingContext, layer: Layer, feature_id: str, srid: int = WGS84) -> Page:
    """One feature by its identifier (an empty page when there is none), audited as `feature_page`."""
    with audited(
        ctx, object_type=f"geo.{layer.code}", action=Action.VIEW, purposes=VIEWER_PURPOSES
    ) as record:
        page = _features(ctx, layer, ids=[feature_id], limit=1, srid=srid)
        if page.shielded and page.features:
            record.disclosed(object_id=feature_id, detail={"objecten": 1})
        return page


# --- tiles (OGC API Tiles) ------------------------------------------------------------------------


def tile_attributes(*, ctx: ProcessingContext, layer: Layer, source: Source) -> list[str]:
    """The attributes a tile of `layer` carries for `ctx`: never the shielded attributes of an
    open layer (its tiles are cached and shared)."""
    names = property_names(layer, source)
    return layer_policy().visible_attributes(ctx, layer, names, shielded=layer.shielded)


def in_zoom_range(layer: Layer, matrix: TileMatrixSet, z: int) -> bool:
    level = matrix.web_mercator_zoom(z)
    return layer.min_zoom <= level <= layer.max_zoom


def tile_read(
    *,
    ctx: ProcessingContext,
    layer: Layer,
    source: Source,
    matrix: TileMatrixSet,
    z: int,
    x: int,
    y: int,
    attributes: list[str],
) -> bytes:
    """One vector tile (empty outside the layer's zoom range). A shielded layer's tile is read
    inside an audited block (`layer_access` first); an open layer's opens none."""
    if not layer.shielded:
        return (
            render_tile(layer, source, matrix, z, x, y, attributes)
            if in_zoom_range(layer, matrix, z)
            else b""
        )
    with audited(ctx, object_type=f"geo.{layer.code}", purposes=VIEWER_PURPOSES) as record:
        record.disclosed(detail={"tegel": f"{matrix.id}/{z}/{y}/{x}"})
        if not in_zoom_range(layer, matrix, z):
            return b""
        return render_tile(layer, source, matrix, z, x, y, attributes)


# --- the viewer's search ----------------------------------------------------------------------------


def _geojson(geometry: GEOSGeometry | None) -> dict[str, Any] | None:
    if geometry is None:
        return None
    g = geometry.transform(WGS84, clone=True)
    return json.loads(g.geojson)


def _place_results(ctx: ProcessingContext, query: str) -> list[dict[str, Any]]:
    visible = {layer.code: layer for layer in layer_list(ctx=ctx).filter(code__in=PLACE_LAYERS)}
    results: list[dict[str, Any]] = []
    for code in PLACE_LAYERS:
        layer = visible.get(code)
        if layer is None or not layer.current_version_id:
            continue
        key = {"gemeenten": "statnaam", "pc4": "postcode"}.get(code, "naam")
        if code == "pc4" and not re.fullmatch(r"\d{4}", query):
            continue
        qs = Feature.objects.filter(
            version_id=layer.current_version_id, **{f"properties__{key}__icontains": query}
        )
        for feature in qs[:8]:
            name = str(feature.properties.get(key, feature.fid))
            results.append(
                {
                    "kind": layer.title,
                    "label": name,
                    "exact": name.lower() == query.lower(),
                    "geometry": _geojson(feature.geometry),
                }
            )
    results += _woonplaats_results(ctx, query)
    results.sort(key=lambda r: (not r["exact"], len(r["label"])))
    return results[:15]


def _address_results(ctx: ProcessingContext, query: str) -> list[dict[str, Any]] | None:
    parsed = parse_address(query)
    if parsed is None:
        return None
    found = registers.adres_zoeken(ctx=ctx, query=parsed)
    results = []
    for a in found.adressen[:10]:
        label = str(a)  # Nummeraanduiding.__str__, the same text as area.address_label
        via = found.gevonden_via.get(a.identificatie)
        if via is not None:  # the address searched for is a nevenadres of this object
            label = _("%(neven)s (nevenadres van %(hoofd)s)") % {"neven": str(via), "hoofd": label}
        results.append(
            {"kind": _("Adres"), "label": label, "exact": found.exact, "geometry": _geojson(a.geometrie)}
        )
    return results


def _parcel_results(ctx: ProcessingContext, query: str) -> list[dict[str, Any]] | None:
    aanduiding = identifiers.normalise_kadastrale_aanduiding(query)
    if not KADASTRAAL_RE.match(aanduiding):
        return None
    found = registers.perceel_zoeken(ctx=ctx, aanduiding=aanduiding)
    obj = found.object
    if obj is None:
        return []
    result: dict[str, Any] = {
        "kind": _("Perceel"),
        "label": obj.kadastrale_aanduiding,
        "exact": True,
        "geometry": _geojson(obj.geometrie or obj.plaatscoordinaat),
    }
    if found.rechten is not None:  # owners shown (and logged) by the registers' selector
        result["eigenaren"] = [
            f"{r.persoon if r.persoon is not None else r.rechtspersoon_naam}"
            f" ({r.soort} {r.aandeel_teller}/{r.aandeel_noemer})"
            for r in found.rechten
        ]
    return [result]


def _company_results(ctx: ProcessingContext, query: str) -> list[dict[str, Any]] | None:
    compact = "".join(query.split())
    if not identifiers.is_kvk_nummer(compact):
        return None
    found = registers.onderneming_zoeken(ctx=ctx, kvk_nummer=compact)
    if found.onderneming is None:
        return []
    return [
        {
            "kind": _("Vestiging"),
            "label": f"{v.eerste_handelsnaam or found.onderneming.naam} — {v.plaats}",
            "exact": True,
            "geometry": _geojson(v.geometrie),
        }
        for v in found.vestigingen[:10]
    ]


def search_all(*, ctx: ProcessingContext, query: str) -> list[dict[str, Any]]:
    """Address (postcode + huisnummer), kadastrale aanduiding, KvK-nummer, else place names.

    In the shielded viewer (a cleared context with a declared purpose) every search is a read
    with that purpose, logged also when nothing is found. What the registers' look-ups show
    (parcel owners) or refuse is logged by their selectors, appended with the search's entry."""
    query = " ".join(query.split())[:100]
    with audited(ctx, object_type="geo.zoeken", action=Action.SEARCH, purposes=VIEWER_PURPOSES) as record:
        results: list[dict[str, Any]] = []
        if len(query) >= 2:
            for kind in (
                _address_results,
                _parcel_results,
                _company_results,
                _street_results,
                _place_results,
            ):
                found = kind(ctx, query)
                if found is not None:
                    results = found
                    break
        if ctx.clearance.shielded and ctx.purpose:
            record.disclosed(object_id=query, detail={"treffers": [r["label"] for r in results][:20]})
        return results


def _street_results(ctx: ProcessingContext, query: str) -> list[dict[str, Any]] | None:
    """'Rietweg Almelo', 'Rietweg 12 Almelo': addresses by street, number and place (BAG, open
    data, through the registers' selector); None when no address fits, so place names answer."""
    found = registers.adressen_op_straat(ctx=ctx, vraag=query, limit=10)
    if not found:
        return None
    return [
        {"kind": _("Adres"), "label": str(a), "exact": True, "geometry": _geojson(a.geometrie)} for a in found
    ]


def _woonplaats_results(ctx: ProcessingContext, query: str) -> list[dict[str, Any]]:
    return [
        {
            "kind": _("Woonplaats"),
            "label": w.naam,
            "exact": w.naam.lower() == query.lower(),
            "geometry": _geojson(w.geometrie),
        }
        for w in registers.woonplaatsen_zoeken(ctx=ctx, naam=query, limit=5)
        if w.geometrie is not None
    ]


# --- the area selection of the shielded viewer ------------------------------------------------------


def _require_clearance_and_purpose(ctx: ProcessingContext, record: Record, *, object_id: str) -> None:
    """The shielded viewer's own reads need clearance and a declared purpose; PermissionDenied
    otherwise, the refusal logged for a logged-in context."""
    if ctx.clearance.shielded and ctx.purpose:
        return
    reason = "geen doel vastgelegd" if ctx.clearance.shielded else ctx.clearance.reason
    if ctx.is_authenticated:
        record.refused(reason=reason, object_id=object_id)
    if ctx.clearance.shielded:
        raise PurposeRequired("leg eerst het doel van uw werk vast (doelbinding)")
    raise PermissionDenied(reason)


@dataclass
class Selection:
    geometry: GEOSGeometry
    label: str
    adressen: list[dict[str, Any]]
    percelen: list[dict[str, Any]]
    bedrijven: list[dict[str, Any]]
    truncated: bool


def select_area(*, ctx: ProcessingContext, geometry: GEOSGeometry, label: str) -> Selection:
    """Addresses, parcels and companies in `geometry` (RD New, from `area.selection_geometry`),
    for a cleared context with a declared purpose; PermissionDenied otherwise (the refusal logged).
    One audit entry names the area and the counts: a list, or an export for a context whose
    origin is an export (the CSV)."""
    export = ctx.origin == Origin.EXPORT
    action = Action.EXPORT if export else Action.LIST
    with audited(ctx, object_type="geo.gebiedsselectie", action=action, purposes=VIEWER_PURPOSES) as record:
        _require_clearance_and_purpose(ctx, record, object_id=label)
        found = registers.gebied_inhoud(ctx=ctx, gebied=geometry, limit=MAX_ROWS)
        selection = Selection(
            geometry, label, found.adressen, found.percelen, found.vestigingen, found.afgekapt
        )
        record.disclosed(
            object_id=label,
            detail={
                "gebied_wkt": geometry.simplify(1.0).wkt[:2000],
                "adressen": len(selection.adressen),
                "percelen": len(selection.percelen),
                "bedrijven": len(selection.bedrijven),
                "export": "csv" if export else "",
            },
        )
        return selection


# --- high-resolution aerial photos (proxied, shielded) ----------------------------------------------


@dataclass
class AerialTile:
    content: bytes
    content_type: str


def aerial_tile_read(*, ctx: ProcessingContext, z: int, x: int, y: int) -> AerialTile | None:
    """A high-resolution aerial photo tile (RD grid) through the platform, for a cleared context
    with a declared purpose (PermissionDenied otherwise); the request is logged before the photo
    service is asked. None when the service does not answer."""
    with audited(ctx, object_type="geo.luchtfoto", purposes=VIEWER_PURPOSES) as record:
        _require_clearance_and_purpose(ctx, record, object_id=f"{z}/{x}/{y}")
        record.disclosed(object_id=f"{z}/{x}/{y}")
    url = aerial_hr_url().format(z=z, x=x, y=y)
    try:
        with urllib.request.urlopen(url, timeout=5) as upstream:  # noqa: S310  (configured https URL)
            return AerialTile(upstream.read(), upstream.headers.get("Content-Type", "image/jpeg"))
    except (OSError, ValueError):
        return None
