"""Reads of the layer registry and of features, for the OGC API, the tiles and the viewer.

Access is decided here: a layer is visible by its level; attributes by their own level; a
shielded layer additionally needs a declared purpose (doelbinding), and every shielded read is
written to the audit log with that purpose.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from weerbaar.audit.models import Action, Result
from weerbaar.audit.services import audit_log
from weerbaar.core.access import AccessLevel
from weerbaar.core.clearance import clearance_for
from weerbaar.core.policies import policy_for
from weerbaar.core.spatial import RD_NEW, WGS84, bbox_filter
from weerbaar.privacy.purpose import declared_purpose

from .models import Layer
from .providers import Source, property_names, source_for

MAX_LIMIT = 1000


class PurposeRequired(PermissionDenied):
    """Cleared for shielded data, but no purpose declared for this session of work."""


def layer_list(*, user: Any) -> QuerySet[Layer]:
    return policy_for(Layer).visible(user).select_related("current_version")


def layer_get(*, user: Any, code: str) -> Layer:
    """The layer, or 404 when it does not exist, 401/403 (PermissionDenied) when not cleared."""
    layer = Layer.objects.select_related("current_version").filter(code=code).first()
    if layer is None:
        raise Http404("onbekende collectie")
    if layer.access_level not in clearance_for(user).levels:
        raise PermissionDenied("u bent niet gemachtigd voor deze kaartlaag")
    return layer


def require_purpose(request: Any, layer: Layer) -> str:
    """Shielded layers: the declared purpose, or PurposeRequired (and a refused audit entry)."""
    purpose = declared_purpose(request)
    if purpose is None:
        audit_log(
            actor=request.user,
            action=Action.VIEW,
            result=Result.REFUSED,
            object_type="geo.layer",
            object_id=layer.code,
            request=request,
            detail={"reden": "geen doel vastgelegd"},
        )
        raise PurposeRequired("leg eerst het doel van uw werk vast (doelbinding)")
    return purpose


def visible_attributes(layer: Layer, user: Any, names: list[str], *, shielded_ok: bool = True) -> list[str]:
    """Attributes `user` may see; shielded ones only with `shielded_ok` (a declared purpose)."""
    levels = set(clearance_for(user).levels)
    if not shielded_ok:
        levels.discard(AccessLevel.AFGESCHERMD)
    return [n for n in names if layer.attribute_level(n) in levels]


def shielded_attributes(layer: Layer, names: list[str]) -> list[str]:
    return [n for n in names if layer.attribute_level(n) == AccessLevel.AFGESCHERMD]


@dataclass
class Page:
    features: list[dict[str, Any]]
    has_more: bool


def _property_filter(source: Source, name: str, value: str) -> dict[str, Any]:
    if source.json_field:
        return {f"{source.json_field}__{name}": value}
    return {name: value}


def feature_rows(
    *,
    layer: Layer,
    user: Any,
    bbox_rd: tuple[float, float, float, float] | None = None,
    filters: dict[str, str] | None = None,
    limit: int = 10,
    offset: int = 0,
    srid: int = WGS84,
    ids: list[str] | None = None,
    precision: int | None = None,
    shielded_ok: bool = True,
) -> Page:
    """One page of GeoJSON features with only the attributes `user` may see (no count())."""
    source = source_for(layer)
    qs = source.queryset
    if bbox_rd is not None:
        qs = bbox_filter(qs, source.geom_field, bbox_rd)
    names = property_names(layer, source)
    allowed = visible_attributes(layer, user, names, shielded_ok=shielded_ok)
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
    rows = rows[:limit]
    features = []
    for row in rows:
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
    extra = [n for n in (source.provider.extra if source.provider else ()) if n in allowed]
    if extra and features:
        values = source.provider.extra_properties([f["id"] for f in features])
        for feature in features:
            feature["properties"].update(
                {k: v for k, v in values.get(feature["id"], {}).items() if k in extra}
            )
    return Page(features, has_more)


def log_shielded_read(
    *, request: Any, layer: Layer, action: str, features: list[dict[str, Any]], detail: dict[str, Any]
) -> None:
    """One audit entry per read of a shielded layer, plus one per data subject whose data was shown."""
    audit_log(
        actor=request.user,
        action=action,
        object_type=f"geo.{layer.code}",
        object_id=",".join(f["id"] for f in features[:20]),
        request=request,
        detail={**detail, "objecten": len(features)},
    )


def log_subjects(*, request: Any, layer: Layer, features: list[dict[str, Any]]) -> None:
    """Shielded attributes about persons (e.g. parcel owners): one entry per data subject."""
    for feature in features:
        for owner in feature["properties"].get("eigenaren", []) or []:
            audit_log(
                actor=request.user,
                action=Action.VIEW,
                object_type="registers.zakelijkrecht",
                object_id=feature["properties"].get("kadastrale_aanduiding", feature["id"]),
                data_subject_id=owner.get("betrokkene", ""),
                request=request,
                detail={"via": f"geo.{layer.code}"},
            )
