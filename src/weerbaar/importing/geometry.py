"""Geometry checks shared by the importers: strict (the registers: valid, of the expected type, 2D,
or the row is refused) and repairing (layer files: an invalid geometry is repaired with
`make_valid` only when the repair keeps the shape, otherwise refused)."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

#: relative area change a repair may cause and still count as safe
SAFE_REPAIR_AREA = 0.01
#: geometry types by family: a layer holds one family
FAMILIES = {
    "Point": "point",
    "MultiPoint": "point",
    "LineString": "line",
    "MultiLineString": "line",
    "Polygon": "polygon",
    "MultiPolygon": "polygon",
}


def point_wkb(x: float, y: float) -> bytes:
    """WKB of a 2D point (little endian), without building a geometry object."""
    return struct.pack("<BIdd", 1, 1, x, y)


def geometry_wkb(
    value: Any,
    expected: tuple[str, ...],
    problems: list[tuple[str, str]],
    checked: tuple[str, str] | None = None,
) -> bytes | None:
    """WKB of a valid geometry of one of the expected types, or a problem on field `geometry`.

    `checked` is (geometry type, invalidity reason) when the reader already validated a whole
    chunk at once (FeatureChunk.row); otherwise the geometry (WKB or WKT) is checked here.
    """
    if value is None:
        problems.append(("geometry", "geometrie ontbreekt"))
        return None
    if checked is None:
        try:
            geom = (
                shapely.from_wkb(value) if isinstance(value, bytes | bytearray) else shapely.from_wkt(value)
            )
        except shapely.errors.ShapelyError:
            problems.append(("geometry", "geometrie is onleesbaar"))
            return None
        reason = "" if shapely.is_valid(geom) else shapely.is_valid_reason(geom)
        checked = (geom.geom_type + (" Z" if shapely.has_z(geom) else ""), reason)
        value = shapely.to_wkb(geom)
    geom_type, reason = checked
    if geom_type not in expected:
        problems.append(("geometry", f"verwacht {'/'.join(expected)}, gevonden {geom_type}"))
        return None
    if reason:
        problems.append(("geometry", f"ongeldige geometrie: {reason}"))
        return None
    return bytes(value)


@dataclass(frozen=True)
class Repaired:
    """The outcome of `repair`: the geometry to keep (None: refused), and why (a note or the refusal)."""

    geometry: BaseGeometry | None
    note: str = ""


def repair(geom: BaseGeometry | None) -> Repaired:
    """A valid geometry as it is; an invalid one repaired when that keeps its family and (for
    polygons) its area within SAFE_REPAIR_AREA; else refused with the reason."""
    if geom is None or geom.is_empty:
        return Repaired(None, "geen geometrie")
    family = FAMILIES.get(geom.geom_type)
    if family is None:
        return Repaired(None, f"geometrietype {geom.geom_type} wordt niet ondersteund")
    if geom.is_valid:
        return Repaired(geom)
    reason = shapely.is_valid_reason(geom)
    repaired = same_family(shapely.make_valid(geom), family)
    if repaired is None or repaired.is_empty:
        return Repaired(None, f"ongeldige geometrie ({reason}), niet te herstellen")
    if family == "polygon":
        # the shoelace area of the input: a bow-tie cancels out, a sliver barely changes it
        before = shoelace_area(geom)
        after = repaired.area
        if before == 0 or abs(after - before) / max(before, after) > SAFE_REPAIR_AREA:
            return Repaired(
                None,
                f"ongeldige geometrie ({reason}); herstel zou de oppervlakte wijzigen "
                f"van {before:.0f} naar {after:.0f} en is daarom niet veilig",
            )
    return Repaired(repaired, reason)


def same_family(geom: BaseGeometry, family: str) -> BaseGeometry | None:
    """Only the parts of `geom` in the given family (make_valid can return collections)."""
    if FAMILIES.get(geom.geom_type) == family:
        return geom
    if geom.geom_type == "GeometryCollection":
        parts = [p for p in shapely.get_parts(geom) if FAMILIES.get(p.geom_type) == family]
        if not parts:
            return None
        return shapely.union_all(parts)
    return None


def _ring_area(ring: Any) -> float:
    c = np.asarray(ring.coords)
    return 0.5 * float(np.dot(c[:-1, 0], c[1:, 1]) - np.dot(c[1:, 0], c[:-1, 1]))


def shoelace_area(geom: BaseGeometry) -> float:
    """The area as the rings describe it, without repair: a bow-tie's two lobes cancel out."""
    total = 0.0
    for polygon in shapely.get_parts(geom):
        total += abs(_ring_area(polygon.exterior)) - sum(abs(_ring_area(r)) for r in polygon.interiors)
    return total
