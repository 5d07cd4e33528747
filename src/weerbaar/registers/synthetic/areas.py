"""Holiday parks, business parks and harbours: the areas other registers are placed on.

Business parks start from the real named industrial estates (TOP10NL industriekern); the
others are synthetic, placed near real places. Farms (agrarisch_erf) come from the layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from .geo import rotated_rectangles
from .names import NamePicker
from .reference import Region

HARBOUR_TOWNS = (
    "Kampen",
    "Zwolle",
    "Deventer",
    "Hengelo",
    "Almelo",
    "Enschede",
    "Zwartsluis",
    "Genemuiden",
    "Hasselt",
    "Blokzijl",
    "Vollenhove",
    "Hardenberg",
    "Ommen",
    "Wijhe",
    "Olst",
    "Dalfsen",
    "Steenwijk",
    "Vroomshoop",
    "Goor",
    "Delden",
    "Lemelerveld",
    "Vriezenveen",
    "Hengevelde",
)
COMPASS = ("Noord", "Oost", "Zuid", "West")


@dataclass
class Area:
    kind: str  # vakantiepark | bedrijventerrein | haven | agrarisch_erf
    identificatie: str
    naam: str
    gemeentecode: str
    geometry: shapely.Geometry
    bron: str = "synthetisch"
    extra: dict = field(default_factory=dict)


def generate_areas(region: Region, rng: np.random.Generator) -> list[Area]:
    """All vakantieparken, bedrijventerreinen and havens of the region (independent of scale)."""
    province = shapely.union_all([p.geometry for p in region.pc4s])
    shapely.prepare(province)
    names = NamePicker(rng)
    areas: list[Area] = []
    taken: list[shapely.Geometry] = []

    def free(geom: shapely.Geometry) -> bool:
        return province.contains(geom) and not any(geom.intersects(t) for t in taken)

    for i, (naam, geom, gemeentecode) in enumerate(region.industriekernen, start=1):
        areas.append(
            Area(
                "bedrijventerrein",
                f"BT{i:04d}",
                f"Industrieterrein {naam}",
                gemeentecode,
                geom,
                bron="TOP10NL industriekern (echt)",
            )
        )
        taken.append(geom.buffer(20))

    kernen = [p for p in region.places if p.type_gebied == "woonkern" and p.inwoners >= 2500]
    kernen.sort(key=lambda p: (-p.inwoners, p.naam))
    number = len(areas)
    for place in kernen:
        count = 1 + int(place.inwoners >= 20000) + int(place.inwoners >= 60000) * 2
        for k in range(count):
            hectares = float(np.clip(place.inwoners / 1000 * rng.uniform(1.0, 2.5) / count, 6, 120))
            for _attempt in range(12):
                distance = np.sqrt(place.inwoners / 3000.0) * 450 * rng.uniform(0.9, 1.6) + 300
                heading = rng.uniform(0, 2 * np.pi)
                width = np.sqrt(hectares * 1e4 * rng.uniform(1.2, 2.5))
                geom = rotated_rectangles(
                    [place.x + distance * np.cos(heading)],
                    [place.y + distance * np.sin(heading)],
                    [width],
                    [hectares * 1e4 / width],
                    [rng.uniform(0, np.pi)],
                )[0]
                if free(geom):
                    number += 1
                    naam = f"Bedrijvenpark {place.naam}-{COMPASS[int((heading + np.pi / 4) % (2 * np.pi) // (np.pi / 2))]}"
                    if k:
                        naam = f"{naam} {('II', 'III', 'IV')[k - 1]}"
                    areas.append(Area("bedrijventerrein", f"BT{number:04d}", naam, place.gemeentecode, geom))
                    taken.append(geom.buffer(20))
                    break

    areas.extend(_holiday_parks(region, rng, names, free, taken))
    areas.extend(_harbours(region, rng, free, taken))
    return areas


def _holiday_parks(region, rng, names, free, taken) -> list[Area]:
    rural = [p for p in region.pc4s if p.density < 400 and p.area_km2 > 4]
    weights = np.array([p.area_km2 for p in rural])
    weights /= weights.sum()
    parks: list[Area] = []
    used_names: set[str] = set()
    target = 190
    attempts = 0
    while len(parks) < target and attempts < target * 20:
        attempts += 1
        pc4 = rural[rng.choice(len(rural), p=weights)]
        minx, miny, maxx, maxy = pc4.geometry.bounds
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        hectares = float(rng.choice([3, 5, 8, 12, 20, 35], p=[0.2, 0.25, 0.2, 0.15, 0.12, 0.08]))
        width = np.sqrt(hectares * 1e4 * rng.uniform(0.7, 1.5))
        geom = rotated_rectangles([x], [y], [width], [hectares * 1e4 / width], [rng.uniform(0, np.pi)])[0]
        if not pc4.geometry.contains(geom) or not free(geom.buffer(300)):
            continue
        naam = names.park_name()
        if naam in used_names:
            naam = f"{naam} {pc4.plaats}"
        used_names.add(naam)
        parks.append(
            Area(
                "vakantiepark",
                f"VP{len(parks) + 1:04d}",
                naam,
                pc4.gemeentecode,
                geom,
                extra={"oppervlakte_ha": hectares},
            )
        )
        taken.append(geom.buffer(50))
    return parks


def _harbours(region, rng, free, taken) -> list[Area]:
    centres = {}
    for p in region.places:
        is_town = p.type_gebied == "woonkern" and p.naam in HARBOUR_TOWNS
        if is_town and (p.naam not in centres or p.inwoners > centres[p.naam].inwoners):
            centres[p.naam] = p
    harbours: list[Area] = []
    for naam in HARBOUR_TOWNS:
        place = centres.get(naam)
        if place is None:
            continue
        kinds = ["Industriehaven", "Jachthaven"] if place.inwoners > 15000 else ["Haven"]
        for kind in kinds:
            for _attempt in range(20):
                distance = rng.uniform(250, 1200)
                heading = rng.uniform(0, 2 * np.pi)
                length, width = rng.uniform(200, 700), rng.uniform(40, 90)
                geom = rotated_rectangles(
                    [place.x + distance * np.cos(heading)],
                    [place.y + distance * np.sin(heading)],
                    [length],
                    [width],
                    [rng.uniform(0, np.pi)],
                )[0]
                if free(geom.buffer(60)):
                    harbours.append(
                        Area(
                            "haven", f"HV{len(harbours) + 1:04d}", f"{kind} {naam}", place.gemeentecode, geom
                        )
                    )
                    taken.append(geom.buffer(60))
                    break
    return harbours
