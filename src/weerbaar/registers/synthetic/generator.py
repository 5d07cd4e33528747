"""generate(): a fictitious Overijssel in the real register formats, one PC4 area at a time.

Memory stays bounded at any scale: each PC4 is planned, written and dropped before the next;
only counters, street names and small reservoirs travel between areas.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import shapely

from .areas import generate_areas
from .buildings import Context, build_pc4
from .companies import CompanyFactory, KvkNumbers
from .exports import Exports
from .kadaster import Perceelnummers, assign_kadastrale_gemeenten
from .layout import plan_pc4
from .nevenadressen import nevenadressen
from .ownership import Organisations, field_owners, owners_for_lot, register_companies, residents_by_address
from .parcels import KozSequence, koz_record, perceel_row, tile
from .persons import PersonSequence, Reservoir, address_summary, households_for
from .reference import Region, load_region

GENERATOR_VERSION = "2"  # 2: nevenadressen in the BAG address export
LAND_PARCELS_AT_SCALE_1 = 200_000
Progress = Callable[[str, int, int], None]


def generate(
    scale: float, seed: int, out_dir: Path, progress: Progress | None = None, region: Region | None = None
) -> dict:
    """Write the synthetic registers for scale (1 = the real province) and seed into out_dir."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    out_dir = Path(out_dir)
    region = region or load_region()
    areas = generate_areas(region, np.random.default_rng([seed, 0]))
    exports = Exports(out_dir)
    ctx = Context()
    for i, plaats in enumerate(sorted({p.plaats for p in region.pc4s})):
        ctx.woonplaats_ids[plaats] = f"{1100 + i * 7:04d}"
    kg_of = assign_kadastrale_gemeenten(region.pc4s)
    perceelnummers, koz_seq, person_seq = Perceelnummers(), KozSequence(), PersonSequence()
    rng_global = np.random.default_rng([seed, 1])
    factory = CompanyFactory(KvkNumbers(), rng_global)
    orgs = Organisations(factory, region.gemeenten)
    elsewhere = Reservoir(5000, np.random.default_rng([seed, 2]))
    total_area = sum(p.geometry.area for p in region.pc4s)
    land_spacing = max(60.0, float(np.sqrt(total_area / (LAND_PARCELS_AT_SCALE_1 * scale))))
    area_geoms = np.array([a.geometry for a in areas])
    tree = shapely.STRtree(area_geoms)

    for number, pc4 in enumerate(region.pc4s, start=1):
        rng = np.random.default_rng([seed, int(pc4.postcode)])
        here = [areas[i] for i in sorted(tree.query(pc4.geometry, predicate="intersects"))]
        plots = plan_pc4(pc4, here, scale, rng)
        objects = build_pc4(pc4, plots, ctx, rng)
        neven = nevenadressen(objects.addresses, ctx, np.random.default_rng([seed, int(pc4.postcode), 20]))
        persons = households_for(objects.addresses, person_seq, rng)
        residents = residents_by_address(persons)
        companies = register_companies(objects.addresses, residents, factory, elsewhere, rng)
        companies_at: dict[int, list[dict]] = {}
        for company in companies:
            companies_at.setdefault(company["_address_index"], []).append(company)
        new_orgs: list[dict] = []
        _parcels(
            pc4,
            objects,
            residents,
            companies_at,
            orgs,
            elsewhere,
            kg_of[pc4.postcode],
            perceelnummers,
            koz_seq,
            land_spacing,
            exports,
            rng,
            new_orgs,
            factory,
        )
        exports.bag(objects, neven)
        exports.persons(persons, objects.addresses, elsewhere, rng)
        exports.companies(companies + new_orgs, rng)
        for farm in objects.farms:
            exports.area(farm)
        elsewhere.offer(
            [
                {**p, "_address": address_summary(objects.addresses[p["address"]])}
                for p in persons
                if p["rol"] == "volwassene"
            ]
        )
        if progress:
            progress("pc4", number, len(region.pc4s))

    for area in areas:
        exports.area(area)
    exports.woonplaatsen(region, ctx.woonplaats_ids)
    counts = exports.close()
    metadata = {
        "fictief": True,
        "beschrijving": "Synthetisch Overijssel: alle personen, bedrijven, adressen en percelen zijn fictief.",
        "scale": scale,
        "seed": seed,
        "generator_version": GENERATOR_VERSION,
        "gegenereerd_op": dt.date.today().isoformat(),
        "crs": "EPSG:28992",
        "counts": counts,
        "bronnen": [
            "CBS PC4 2021 (CC BY 4.0)",
            "Kadaster/PDOK BRT TOP10NL plaatsen (CC BY 4.0)",
            "CBS Gebiedsindelingen 2026 (CC BY 4.0)",
        ],
        "bestanden": exports.files(),
    }
    (out_dir / "metadata.json").write_text(
        json.dumps(metadata, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    return metadata


def _parcels(
    pc4,
    objects,
    residents,
    companies_at,
    orgs,
    elsewhere,
    kg,
    perceelnummers,
    koz_seq,
    land_spacing,
    exports,
    rng,
    new_orgs,
    factory,
) -> None:
    code, kg_naam = kg
    lots = objects.lots
    lot_xy = np.array([(lot["x"], lot["y"]) for lot in lots], dtype=float).reshape(-1, 2)
    polygons, fields = tile(pc4.geometry, lot_xy, land_spacing, rng)
    farms = [(lot, objects.addresses[lot["addresses"][0]]) for lot in lots if lot["kind"] == "boerderij"]
    farms_xy = np.array([(lot["x"], lot["y"]) for lot, _ in farms], dtype=float).reshape(-1, 2)
    farm_people = [
        ([p for p in residents.get(lot["addresses"][0], []) if p["rol"] == "volwassene"], address)
        for lot, address in farms
    ]
    first_address = (
        objects.addresses[0]
        if objects.addresses
        else {
            "openbare_ruimte_naam": "",
            "huisnummer": None,
            "huisletter": "",
            "toevoeging": "",
            "postcode": "",
            "woonplaats_naam": pc4.plaats,
            "nummeraanduiding_identificatie": "",
            "identificatie": "",
            "x": 0.0,
            "y": 0.0,
            "gemeentecode": pc4.gemeentecode,
            "kind": "land",
        }
    )
    perceelnummers.new_sectie(code)
    for k, polygon in enumerate(polygons):
        if polygon is None or polygon.is_empty:
            continue
        point = polygon.representative_point()
        identificatie = koz_seq.next()
        aanduiding, sectie, nummer = perceelnummers.aanduiding(code, rng)
        grootte = max(1, round(polygon.area))
        if k < len(lots):
            lot = lots[k]
            addresses = [objects.addresses[i] for i in lot["addresses"]]
            rights = owners_for_lot(
                lot,
                objects.addresses,
                residents,
                companies_at,
                orgs,
                elsewhere,
                pc4.gemeentecode,
                rng,
                new_orgs,
            )
        else:
            lot, addresses = None, []
            rights = [
                field_owners(
                    fields[k - len(lots)],
                    farms_xy,
                    farm_people,
                    orgs,
                    elsewhere,
                    pc4.gemeentecode,
                    first_address,
                    rng,
                    new_orgs,
                )
            ]
        exports.perceel(
            perceel_row(identificatie, code, kg_naam, sectie, nummer, grootte, point.x, point.y), polygon
        )
        if lot is not None and lot["kind"] == "appartement":
            vve = factory.create(
                "vve",
                addresses[0],
                [],
                label=f"{addresses[0]['openbare_ruimte_naam']} {addresses[0]['huisnummer']}",
            )
            new_orgs.append(vve)
            exports.koz(
                koz_record(
                    identificatie,
                    aanduiding,
                    code,
                    kg_naam,
                    sectie,
                    nummer,
                    grootte,
                    point.x,
                    point.y,
                    [],
                    [_vve_right(vve)],
                )
            )
            complex_aanduiding, _s, complex_nummer = perceelnummers.aanduiding(code, rng)
            for index, (address, unit_rights) in enumerate(zip(addresses, rights, strict=False), start=1):
                exports.koz(
                    koz_record(
                        koz_seq.next(),
                        f"{complex_aanduiding} A{index}",
                        code,
                        kg_naam,
                        sectie,
                        complex_nummer,
                        None,
                        point.x,
                        point.y,
                        [address],
                        unit_rights,
                        soort="appartementsrecht",
                        index=index,
                        grondperceel=identificatie,
                    )
                )
        else:
            exports.koz(
                koz_record(
                    identificatie,
                    aanduiding,
                    code,
                    kg_naam,
                    sectie,
                    nummer,
                    grootte,
                    point.x,
                    point.y,
                    addresses,
                    rights[0] if rights else [],
                )
            )


def _vve_right(vve: dict) -> dict:
    from .parcels import non_natural

    return non_natural(vve)
