"""The region as SVG paths in RD New (y flipped), for drawing a point or area on the intake form
without a base map or any external script."""

from __future__ import annotations

from django.core.cache import cache

from weerbaar.organisations.models import Area

SIMPLIFY_M = 150
CACHE_KEY = "signals:region-svg:v1"


def _ring(coords) -> str:
    points = " L".join(f"{x:.0f},{-y:.0f}" for x, y in coords)
    return f"M{points} Z"


def region_svg() -> dict:
    """{"viewbox": "minx miny w h", "areas": [{"name": ..., "d": ...}]}; cached."""
    cached = cache.get(CACHE_KEY)
    if cached is not None:
        return cached
    areas = []
    bounds = None
    for area in Area.objects.filter(kind="gemeente").order_by("name"):
        geometry = area.geometry.simplify(SIMPLIFY_M, preserve_topology=True)
        rings = []
        for polygon in geometry if geometry.geom_type == "MultiPolygon" else [geometry]:
            rings.append(_ring(polygon.exterior_ring.coords))
        areas.append({"name": area.name, "d": " ".join(rings)})
        extent = area.geometry.extent
        bounds = (
            extent
            if bounds is None
            else (
                min(bounds[0], extent[0]),
                min(bounds[1], extent[1]),
                max(bounds[2], extent[2]),
                max(bounds[3], extent[3]),
            )
        )
    if bounds is None:
        result = {"viewbox": "", "areas": []}
    else:
        pad = 1000
        minx, miny, maxx, maxy = bounds
        result = {
            "viewbox": f"{minx - pad:.0f} {-maxy - pad:.0f} {maxx - minx + 2 * pad:.0f} {maxy - miny + 2 * pad:.0f}",
            "areas": areas,
        }
    if areas:
        cache.set(CACHE_KEY, result, 3600)
    return result
