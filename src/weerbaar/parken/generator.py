"""Fictitious holiday parks on real ground: outlines placed inside the region's real municipal
boundaries, with invented names, units, inputs and assessments, all marked `fictief`. The demo
uses a few dozen; the benchmark thousands. Deterministic for a seed.

Parks take turns over four profiles, from calm and vital to one that needs attention, so that any
handful of them shows the whole spread of typologies and attention scores (random inputs alone
cluster round the middle)."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.gis.geos import MultiPolygon, Point, Polygon

from .models import RD_NEW, FireSafety, Ownership, PermitStatus, Zoning

FIRST = ("De", "Het", "Landgoed", "Recreatiepark", "Vakantiepark", "Bungalowpark", "Camping")
SECOND = (
    "Vechtoever",
    "Eikenhorst",
    "Sallandse Heuvel",
    "Dennenoord",
    "Reggedal",
    "Hooge Veld",
    "Berkenrode",
    "Lemelerberg",
    "Zonnehoek",
    "Wildhoeve",
    "Twentse Es",
    "Dinkeldal",
)


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    geometry: Any  # MultiPolygon in RD New


def _spot(rng: random.Random, place: Municipality) -> Point:
    """A random point inside the municipality (rejection sampling in its extent)."""
    prepared = place.geometry.prepared
    x0, y0, x1, y1 = place.geometry.extent
    for _ in range(500):
        point = Point(rng.uniform(x0, x1), rng.uniform(y0, y1), srid=RD_NEW)
        if prepared.contains(point):
            return point
    return place.geometry.point_on_surface


def _outline(rng: random.Random, centre: Point) -> MultiPolygon:
    """A slightly irregular quadrilateral of 150–600 m across, as parks are."""
    w, h = rng.uniform(150, 600), rng.uniform(150, 450)
    x, y = centre.x, centre.y
    corners = [
        (x - w / 2 + rng.uniform(-30, 30), y - h / 2 + rng.uniform(-30, 30)),
        (x + w / 2 + rng.uniform(-30, 30), y - h / 2 + rng.uniform(-30, 30)),
        (x + w / 2 + rng.uniform(-30, 30), y + h / 2 + rng.uniform(-30, 30)),
        (x - w / 2 + rng.uniform(-30, 30), y + h / 2 + rng.uniform(-30, 30)),
    ]
    ring = [(round(a, 1), round(b, 1)) for a, b in corners]
    return MultiPolygon(Polygon([*ring, ring[0]], srid=RD_NEW), srid=RD_NEW)


#: (quality range, outlook range, pressure 0..1): vital, promising, vulnerable, non-vital; the
#: quadrant's threshold (5.5) lies between each profile's ranges
PROFILES = (
    ((6.5, 9.5), (6.5, 9.5), 0.1),
    ((2.5, 5.0), (6.0, 9.0), 0.4),
    ((6.0, 9.0), (2.5, 5.0), 0.6),
    ((2.0, 4.5), (2.0, 4.5), 0.95),
)


def _share(rng: random.Random, pressure: float, high: float) -> float:
    """A share near `pressure` × `high`, never below zero."""
    return round(max(0.0, rng.uniform(0.6, 1.3) * pressure * high), 2)


def fictitious_parks(
    places: Sequence[Municipality], count: int, *, seed: int = 14
) -> Iterator[dict[str, Any]]:
    """`count` parks spread round-robin over `places`: the values `services.park_save` takes,
    plus `code` and an `assessment` (quality, outlook)."""
    rng = random.Random(seed)
    for n in range(count):
        place = places[n % len(places)]
        (q0, q1), (o0, o1), pressure = PROFILES[(n + n // len(places)) % len(PROFILES)]
        houses = rng.choice((0, 20, 40, 80, 150, 300))
        yield {
            "code": f"fictief-{place.code.lower()}-{n + 1:04d}",
            "name": f"{rng.choice(FIRST)} {rng.choice(SECOND)} ({place.name}, fictief)",
            "municipality_code": place.code,
            "geometry": _outline(rng, _spot(rng, place)),
            "zoning": rng.choice(Zoning.values[:4]),
            "units_recreatiewoning": houses,
            "units_chalet": rng.choice((0, 10, 30, 60)),
            "units_kampeerplaats": rng.choice((0, 0, 40, 120)),
            "units_standplaats": rng.choice((0, 15, 50)),
            "ownership": rng.choice(Ownership.values),
            "fire_safety": rng.choice(FireSafety.values),
            "permit_status": rng.choice(PermitStatus.values),
            "fictitious": True,
            "permanent_residents_share": _share(rng, pressure, 0.55),
            "owner_turnover_share": _share(rng, pressure, 0.22),
            "companies_registered": round(pressure * rng.choice((0, 2, 4, 9))),
            "signals_two_years": round(pressure * rng.choice((0, 1, 3, 6))),
            "vacancy_share": _share(rng, pressure, 0.4) if rng.random() > 0.15 else None,
            "maintenance_state": max(1, min(5, round(1 + 4 * pressure + rng.uniform(-0.8, 0.8)))),
            "assessment": (round(rng.uniform(q0, q1), 1), round(rng.uniform(o0, o1), 1)),
        }
