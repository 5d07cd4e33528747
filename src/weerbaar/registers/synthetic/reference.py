"""The real reference geography the synthetic region is built on (data/reference/)."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyogrio.raw
import shapely

REFERENCE_ENV = "WEERBAAR_REFERENCE_DIR"


def reference_dir() -> Path:
    """data/reference of the repository, overridable with $WEERBAAR_REFERENCE_DIR."""
    if os.environ.get(REFERENCE_ENV):
        return Path(os.environ[REFERENCE_ENV])
    return Path(__file__).resolve().parents[4] / "data" / "reference"


@dataclass
class Place:
    naam: str
    type_gebied: str
    inwoners: int
    x: float
    y: float
    is_bag_woonplaats: bool
    gemeentecode: str


@dataclass
class Pc4Area:
    postcode: str
    inwoners: int
    plaats: str
    gemeentecode: str
    gemeente_naam: str
    geometry: shapely.Geometry
    places: list[Place] = field(default_factory=list)

    @property
    def area_km2(self) -> float:
        return self.geometry.area / 1e6

    @property
    def density(self) -> float:
        """Inhabitants per km²."""
        return self.inwoners / max(self.area_km2, 0.01)


@dataclass
class Region:
    pc4s: list[Pc4Area]
    places: list[Place]
    gemeenten: dict[str, str]  # 4-digit gemeentecode -> naam
    industriekernen: list[tuple[str, shapely.Geometry, str]]

    @property
    def total_inwoners(self) -> int:
        return sum(p.inwoners for p in self.pc4s)


def _read_layer(path: Path, layer: str | None = None) -> tuple[list[dict], np.ndarray]:
    meta, _fids, geometry, field_data = pyogrio.raw.read(path, layer=layer)
    names = list(meta["fields"])
    rows = (
        [dict(zip(names, values, strict=False)) for values in zip(*field_data, strict=False)] if names else []
    )
    return rows, shapely.from_wkb(geometry)


def load_region(directory: Path | None = None) -> Region:
    """Load PC4 areas (RD), TOP10NL places, gemeenten and named industrial estates."""
    base = directory or reference_dir()
    gem_rows, gem_geoms = _read_layer(
        base / "cbs-gebiedsindelingen-2026" / "gemeenten_overijssel_2026_rd.geojson"
    )
    gem_codes = [r["statcode"][2:] for r in gem_rows]
    gemeenten = {r["statcode"][2:]: r["statnaam"] for r in gem_rows}
    shapely.prepare(gem_geoms)

    def gemeente_of(point: shapely.Point) -> str:
        hits = np.flatnonzero(shapely.contains(gem_geoms, point))
        if len(hits):
            return gem_codes[hits[0]]
        return gem_codes[int(np.argmin(shapely.distance(gem_geoms, point)))]

    inwoners = {}
    with open(base / "cbs-pc4-overijssel" / "pc4_overijssel_inwoners_2021.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            inwoners[row["postcode"]] = int(row["inwoners"] or 0)
    pc4_rows, pc4_geoms = _read_layer(base / "cbs-pc4-overijssel" / "pc4_overijssel_rd.gpkg", "pc4")
    pc4s = []
    for row, geom in zip(pc4_rows, pc4_geoms, strict=False):
        geom = shapely.make_valid(geom)
        if geom.is_empty:
            continue
        code = gemeente_of(geom.representative_point())
        pc4s.append(
            Pc4Area(
                postcode=row["postcode"],
                inwoners=inwoners.get(row["postcode"], row["inwoners_2021"] or 0),
                plaats=row["plaats"],
                gemeentecode=code,
                gemeente_naam=gemeenten[code],
                geometry=geom,
            )
        )
    pc4s.sort(key=lambda p: p.postcode)

    places = []
    with open(
        base / "top10nl-plaatsen-overijssel" / "top10nl_plaatsen_overijssel.csv", encoding="utf-8"
    ) as fh:
        for row in csv.DictReader(fh):
            places.append(
                Place(
                    naam=row["naam"],
                    type_gebied=row["type_gebied"],
                    inwoners=int(row["aantal_inwoners"] or 0),
                    x=float(row["rd_x"]),
                    y=float(row["rd_y"]),
                    is_bag_woonplaats=row["is_bag_woonplaats"] == "ja",
                    gemeentecode=row["gemeente_statcode"][2:],
                )
            )
    pc4_geoms_arr = np.array([p.geometry for p in pc4s])
    shapely.prepare(pc4_geoms_arr)
    tree = shapely.STRtree(pc4_geoms_arr)
    points = shapely.points([(p.x, p.y) for p in places])
    place_idx, pc4_idx = tree.query(points, predicate="within")
    for pi, ci in zip(place_idx, pc4_idx, strict=False):
        pc4s[ci].places.append(places[pi])

    kern_rows, kern_geoms = _read_layer(
        base / "top10nl-plaatsen-overijssel" / "top10nl_industriekernen_rd.gpkg", "industriekern"
    )
    industriekernen = [
        (r["naam"], shapely.make_valid(g), r["gemeente_statcode"][2:])
        for r, g in zip(kern_rows, kern_geoms, strict=False)
    ]
    return Region(pc4s=pc4s, places=places, gemeenten=gemeenten, industriekernen=industriekernen)
