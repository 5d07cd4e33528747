"""Kadastrale percelen tiling each PC4 (Voronoi around building lots and fields) and their owners."""

from __future__ import annotations

import numpy as np
import shapely

from .geo import largest_polygon
from .kadaster import Perceelnummers
from .persons import address_summary

EIGENDOM = "Eigendom (recht van)"
ERFPACHT = "Erfpacht (recht van)"
BLOOT = "Eigendom belast met erfpacht"


class KozSequence:
    def __init__(self) -> None:
        self.value = 0

    def next(self) -> str:
        self.value += 1
        return f"{5_000_000_000 + self.value:010d}0000"


def tile(
    pc4_geom: shapely.Geometry, lot_xy: np.ndarray, land_spacing: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Parcel polygons for the lots (in order) followed by field parcels; returns (polygons, field_xy)."""
    minx, miny, maxx, maxy = pc4_geom.bounds
    gx, gy = np.meshgrid(
        np.arange(minx, maxx + land_spacing, land_spacing), np.arange(miny, maxy + land_spacing, land_spacing)
    )
    fx = gx.ravel() + rng.uniform(-0.35, 0.35, gx.size) * land_spacing
    fy = gy.ravel() + rng.uniform(-0.35, 0.35, gy.size) * land_spacing
    keep = shapely.contains_xy(pc4_geom, fx, fy)
    fields = np.column_stack([fx[keep], fy[keep]])
    if len(lot_xy) and len(fields):
        tree = shapely.STRtree(shapely.points(lot_xy))
        near = tree.query(
            shapely.points(fields), predicate="dwithin", distance=max(45.0, land_spacing * 0.3)
        )[0]
        fields = np.delete(fields, np.unique(near), axis=0)
    seeds = np.concatenate([lot_xy.reshape(-1, 2), fields]) if len(fields) else lot_xy.reshape(-1, 2)
    if len(seeds) == 0:
        return np.array([]), fields
    seeds = seeds + rng.uniform(-0.01, 0.01, seeds.shape)  # no two seeds coincide
    if len(seeds) == 1:
        cells = np.array([pc4_geom])
    else:
        envelope = shapely.box(minx - 1000, miny - 1000, maxx + 1000, maxy + 1000)
        diagram = shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=envelope, ordered=True)
        cells = shapely.get_parts(diagram)
    clipped = shapely.intersection(cells, pc4_geom)
    polygons = np.array([largest_polygon(g) for g in clipped], dtype=object)
    polygons = shapely.set_precision(polygons, 0.001)
    return polygons, fields


def natural(
    person: dict, address: dict | None, aandeel: tuple[int, int] = (1, 1), soort: str = EIGENDOM
) -> dict:
    persoon = {
        "type": "natuurlijk_persoon",
        "identificatie": person["persoon_id"],
        "naam": {
            "voornamen": person["voornamen"],
            "voorvoegsel": person["voorvoegsel"],
            "geslachtsnaam": person["geslachtsnaam"],
        },
        "geboorte": {"datum": person["geboortedatum"]},
        "fictief": True,
    }
    if address:
        persoon["woonadres"] = _adres(address)
    return {"type": soort, "aandeel": {"teller": aandeel[0], "noemer": aandeel[1]}, "persoon": persoon}


def non_natural(company: dict, soort: str = EIGENDOM) -> dict:
    persoon = {
        "type": "niet_natuurlijk_persoon",
        "statutaireNaam": company["naam"],
        "rechtsvorm": company["rechtsvorm"],
        "kvkNummer": company["kvkNummer"],
        "rsin": company["rsin"],
        "fictief": True,
    }
    return {"type": soort, "aandeel": {"teller": 1, "noemer": 1}, "persoon": persoon}


def _adres(address: dict) -> dict:
    a = address_summary(address) if "kind" in address else address
    return {
        "straat": a["openbare_ruimte_naam"],
        "huisnummer": a["huisnummer"],
        "huisletter": a["huisletter"] or None,
        "huisnummertoevoeging": a["toevoeging"] or None,
        "postcode": a["postcode"],
        "woonplaats": a["woonplaats_naam"],
        "nummeraanduidingIdentificatie": a["nummeraanduiding_identificatie"],
        "adresseerbaarObjectIdentificatie": a["identificatie"],
    }


def koz_record(
    identificatie: str,
    aanduiding: str,
    code: str,
    kg_naam: str,
    sectie: str,
    nummer: int,
    grootte: int | None,
    x: float,
    y: float,
    addresses: list[dict],
    rechten: list[dict],
    soort: str = "perceel",
    index: int | None = None,
    grondperceel: str | None = None,
) -> dict:
    """One kadastraal onroerende zaak in the Haal Centraal BRK Bevragen shape (with a fictief flag)."""
    record = {
        "identificatie": identificatie,
        "domein": "NL.IMKAD.KadastraalObject",
        "type": soort,
        "kadastraleAanduiding": aanduiding,
        "aKRKadastraleGemeenteCode": {"code": code, "waarde": code},
        "kadastraleGemeente": {"code": code, "waarde": kg_naam},
        "sectie": sectie,
        "perceelnummer": nummer,
        "plaatscoordinaten": {"type": "Point", "coordinates": [round(x, 3), round(y, 3)]},
        "adressen": [_adres(a) for a in addresses],
        "zakelijkGerechtigden": rechten,
        "fictief": True,
    }
    if grootte is not None:
        record["kadastraleGrootte"] = {
            "waarde": grootte,
            "soortGrootte": {"code": "1", "waarde": "Vastgesteld"},
        }
    if index is not None:
        record["appartementsrechtVolgnummer"] = index
        record["hoofdsplitsingIdentificatie"] = grondperceel
    return record


def perceel_row(
    identificatie: str, code: str, kg_naam: str, sectie: str, nummer: int, grootte: int, x: float, y: float
) -> dict:
    """A feature of the PDOK kadastralekaart 'perceel' layer."""
    return {
        "identificatie": f"NL.IMKAD.KadastraalObject.{identificatie}",
        "AKRKadastraleGemeenteCode": code,
        "kadastraleGemeenteWaarde": kg_naam,
        "sectie": sectie,
        "perceelnummer": nummer,
        "kadastraleGrootteWaarde": grootte,
        "soortGrootteWaarde": "Vastgesteld",
        "perceelnummerPlaatscoordinaatX": round(x, 3),
        "perceelnummerPlaatscoordinaatY": round(y, 3),
    }


__all__ = [
    "BLOOT",
    "EIGENDOM",
    "ERFPACHT",
    "KozSequence",
    "Perceelnummers",
    "koz_record",
    "natural",
    "non_natural",
    "perceel_row",
    "tile",
]
