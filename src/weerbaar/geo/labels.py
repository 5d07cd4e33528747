"""Label points: one point per feature (`PointOnSurface`, inside the outline) with its label text,
so the viewer writes a municipality's name once instead of once per vector tile it crosses.

Only open stored layers get them (small, shared, cacheable); register layers (parcels) keep their
labels in the tiles, where a parcel rarely crosses a tile edge. The label attribute must be one
the reader may see in the layer's tiles."""

from __future__ import annotations

from typing import Any

from django.contrib.gis.db.models.functions import PointOnSurface
from django.http import Http404

from weerbaar.core.context import ProcessingContext

from .models import Feature, Layer, SourceKind
from .policies import layer_policy
from .selectors import layer_get

#: a layer with more features than this keeps its labels in the tiles
MAX_LABELS = 5000


def has_label_points(layer: Layer) -> bool:
    """Whether the viewer draws `layer`'s labels from its label points."""
    return bool(
        (layer.style or {}).get("label") and layer.source_kind == SourceKind.STORED and not layer.shielded
    )


def label_points(*, ctx: ProcessingContext, code: str) -> dict[str, Any]:
    """The label points of `code` as a GeoJSON FeatureCollection in RD New (EPSG:28992): one per
    feature with `id` and `label`; 404 for a layer without them, 403 when not cleared."""
    layer = layer_get(ctx=ctx, code=code)
    if not has_label_points(layer):
        raise Http404("deze kaartlaag heeft geen labelpunten")
    name = layer.style["label"]
    if not layer_policy().visible_attributes(ctx, layer, [name], shielded=False):
        raise Http404("het labelattribuut is niet zichtbaar")
    rows = (
        Feature.objects.filter(version_id=layer.current_version_id)
        .annotate(point=PointOnSurface("geometry"))
        .values_list("fid", "properties", "point")
        .order_by("id")[:MAX_LABELS]
    )
    features = []
    for fid, properties, point in rows:
        text = (properties or {}).get(name) if name != "id" else fid
        if text in (None, "") or point is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": fid,
                "geometry": {"type": "Point", "coordinates": [round(point.x, 1), round(point.y, 1)]},
                "properties": {"label": str(text)},
            }
        )
    return {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": features,
    }
