"""Turn plots into BAG objects: panden, verblijfsobjecten, ligplaatsen, standplaatsen, addresses."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from ..identifiers import bag_id, postcode_letters
from .areas import Area
from .geo import rotated_rectangles
from .layout import Plot
from .names import NamePicker
from .reference import Pc4Area

VBO_STATUS = (
    ("Verblijfsobject in gebruik", 0.965),
    ("Verblijfsobject in gebruik (niet ingemeten)", 0.01),
    ("Verblijfsobject gevormd", 0.01),
    ("Verblijfsobject buiten gebruik", 0.007),
    ("Verbouwing verblijfsobject", 0.005),
    ("Verblijfsobject ten onrechte opgevoerd", 0.003),
)
GEBRUIKSDOEL = {
    "woning": "woonfunctie",
    "appartement": "woonfunctie",
    "boerderij": "woonfunctie",
    "winkel": "winkelfunctie",
    "bedrijf": "industriefunctie",
    "chalet": "logiesfunctie",
    "receptie": "bijeenkomstfunctie",
}
OPPERVLAKTE = {
    "woning": (70, 180),
    "appartement": (40, 120),
    "boerderij": (140, 320),
    "winkel": (60, 450),
    "bedrijf": (250, 3500),
    "chalet": (28, 75),
    "receptie": (120, 400),
}


class Sequences:
    """Per municipality and object type counters, so BAG ids are unique and deterministic."""

    def __init__(self) -> None:
        self._next: dict[tuple[str, str], int] = defaultdict(lambda: 1)

    def next(self, gemeentecode: str, object_type: str) -> str:
        key = (gemeentecode, object_type)
        value = self._next[key]
        self._next[key] = value + 1
        return bag_id(gemeentecode, object_type, value)


@dataclass
class Context:
    """State shared across PC4 areas; small (street names, counters), never the objects."""

    sequences: Sequences = field(default_factory=Sequences)
    woonplaats_ids: dict[str, str] = field(default_factory=dict)
    streets: dict[tuple[str, str], str] = field(default_factory=dict)  # (woonplaats, naam) -> id


@dataclass
class Pc4Objects:
    addresses: list[dict] = field(default_factory=list)
    panden: list[dict] = field(default_factory=list)
    lots: list[dict] = field(default_factory=list)  # parcel seeds: x, y, kind, address idx, pand ids
    farms: list[Area] = field(default_factory=list)


def build_pc4(pc4: Pc4Area, plots: list[Plot], ctx: Context, rng: np.random.Generator) -> Pc4Objects:
    """Addresses, buildings and parcel seeds for one PC4 area."""
    names = NamePicker(rng)
    woonplaats = pc4.plaats
    gem = pc4.gemeentecode
    street_names = _name_streets(pc4, plots, ctx, names)
    out = Pc4Objects()
    groups: dict[str, list[int]] = defaultdict(list)
    numbering = _number_plots(plots, street_names)

    for idx, plot in enumerate(plots):
        street = street_names[plot.street_key]
        nummer, letter, toevoeging = numbering[idx]
        lot = {
            "x": plot.x,
            "y": plot.y,
            "kind": plot.kind,
            "addresses": [],
            "panden": [],
            "area": plot.area.identificatie if plot.area else None,
        }
        bouwjaar = _bouwjaar(plot, rng)
        if plot.kind in ("woonboot", "woonwagen"):
            object_type = "02" if plot.kind == "woonboot" else "03"
            geom = rotated_rectangles(
                [plot.x],
                [plot.y],
                [plot.width if plot.kind == "woonboot" else 14.0],
                [5.5 if plot.kind == "woonboot" else 10.0],
                [plot.angle],
            )[0]
            address = _address(
                ctx,
                gem,
                object_type,
                woonplaats,
                street,
                nummer,
                letter,
                toevoeging,
                plot,
                "woonfunctie",
                geom=geom,
            )
            lot["addresses"].append(len(out.addresses))
            groups[street].append(len(out.addresses))
            out.addresses.append(address)
            if plot.kind == "woonwagen":
                out.lots.append(lot)
            continue
        units = _units(plot, nummer, letter, toevoeging, rng)
        depth = {
            "appartement": 13.0,
            "winkel": 15.0,
            "bedrijf": plot.width * 1.3,
            "boerderij": 15.0,
            "chalet": 10.0,
            "receptie": 14.0,
        }.get(plot.kind, float(rng.uniform(8, 11)))
        pand_geom = rotated_rectangles([plot.x], [plot.y], [plot.width], [depth], [plot.angle])[0]
        pand_id = ctx.sequences.next(gem, "10")
        out.panden.append(
            _pand(pand_id, pand_geom, bouwjaar, GEBRUIKSDOEL.get(plot.kind, "woonfunctie"), len(units), plot)
        )
        lot["panden"].append(pand_id)
        for kind, u_nummer, u_letter, u_toev in units:
            doel = GEBRUIKSDOEL.get(kind, "woonfunctie")
            if plot.kind == "chalet" and rng.random() < 0.08:
                doel = "woonfunctie"  # permanently inhabited holiday home
            address = _address(
                ctx,
                gem,
                "01",
                woonplaats,
                street,
                u_nummer,
                u_letter,
                u_toev,
                plot,
                doel,
                pand_id=pand_id,
                bouwjaar=bouwjaar,
                kind=kind,
                rng=rng,
            )
            lot["addresses"].append(len(out.addresses))
            groups[street].append(len(out.addresses))
            out.addresses.append(address)
        if plot.kind == "boerderij":
            lot["x"], lot["y"], erf = _farm_buildings(plot, gem, ctx, out, lot, bouwjaar, rng)
            out.farms.append(
                Area("agrarisch_erf", f"AE{pand_id[-8:]}{gem}", f"Erf {street} {nummer}", gem, erf)
            )
        out.lots.append(lot)
    _assign_postcodes(pc4, out.addresses, groups, plots)
    return out


def _name_streets(pc4, plots, ctx, names) -> dict:
    result: dict = {}
    for plot in plots:
        key = plot.street_key
        if key in result:
            continue
        for attempt in range(40):
            if key[0] == "u":
                naam = names.urban_street()
            elif key[0] == "r":
                near = [p.naam for p in pc4.places] or [pc4.plaats]
                naam = names.rural_road(near[int(names.rng.integers(len(near)))])
            elif key[0] == "b":
                naam = names.business_street()
            elif key[0] == "h":
                naam = plot.area.naam.replace("Industriehaven", "Industriekade").replace(
                    "Jachthaven", "Jachthavenkade"
                )
                naam = naam.split(" ")[0] if attempt == 0 else f"{naam.split(' ')[0]} {attempt}"
            else:
                naam = names.rural_road(pc4.plaats)
            if attempt > 20:
                naam = f"{naam} {attempt - 20}"
            if (pc4.plaats, naam) not in ctx.streets or (key[0] in ("p",) and attempt > 30):
                break
        if (pc4.plaats, naam) not in ctx.streets:
            ctx.streets[(pc4.plaats, naam)] = ctx.sequences.next(pc4.gemeentecode, "30")
        result[key] = naam
    return result


def _number_plots(plots: list[Plot], street_names: dict) -> list[tuple[int, str, str]]:
    """House numbers: odd on one side, even on the other, ascending along the street."""
    numbering: list[tuple[int, str, str]] = [(0, "", "")] * len(plots)
    by_street: dict = defaultdict(list)
    for idx, plot in enumerate(plots):
        by_street[(street_names[plot.street_key], plot.side if plot.street_key[0] != "p" else 0)].append(idx)
    for (_street, side), members in by_street.items():
        members.sort(key=lambda i: plots[i].order)
        if side == 0:  # holiday park: one huisnummer, chalet number as toevoeging
            for rank, i in enumerate(members):
                numbering[i] = (7, "", str(rank + 1))
            continue
        for rank, i in enumerate(members):
            numbering[i] = (2 * rank + (1 if side < 0 else 2), "", "")
    return numbering


def _units(plot, nummer, letter, toevoeging, rng) -> list[tuple[str, int, str, str]]:
    if plot.kind == "appartement":
        count = plot.extra.get("units", 6)
        style = rng.integers(3)
        if style == 0:
            return [("appartement", nummer, "", str(k + 1)) for k in range(count)]
        if style == 1:
            return [("appartement", nummer, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[k % 26], "") for k in range(count)]
        return [("appartement", nummer, "", f"{k // 4}{k % 4 + 1:02d}") for k in range(count)]
    if plot.kind == "winkel" and rng.random() < 0.6:
        return [("winkel", nummer, "", ""), ("woning", nummer, "A", "")]
    if plot.kind == "bedrijf" and rng.random() < 0.15:
        return [("bedrijf", nummer, "ABCDEF"[k], "") for k in range(int(rng.integers(2, 7)))]
    return [(plot.kind, nummer, letter, toevoeging)]


def _bouwjaar(plot: Plot, rng) -> int:
    if plot.kind in ("bedrijf",):
        return int(rng.integers(1965, 2024))
    if plot.kind in ("chalet", "receptie"):
        return int(rng.integers(1970, 2024))
    if plot.extra.get("rural"):
        return int(rng.integers(1850, 2020))
    return int(np.clip(1890 + plot.score * 70 + rng.normal(0, 18), 1500, 2025))


def _address(
    ctx,
    gem,
    object_type,
    woonplaats,
    street,
    nummer,
    letter,
    toevoeging,
    plot,
    doel,
    *,
    geom=None,
    pand_id="",
    bouwjaar=None,
    kind=None,
    rng=None,
) -> dict:
    status, oppervlakte = "Plaats aangewezen", None
    if object_type == "01":
        statuses, weights = zip(*VBO_STATUS, strict=False)
        status = statuses[int(rng.choice(len(statuses), p=weights))]
        low, high = OPPERVLAKTE.get(kind or plot.kind, (60, 160))
        oppervlakte = int(rng.integers(low, high))
    return {
        "object_type": {"01": "verblijfsobject", "02": "ligplaats", "03": "standplaats"}[object_type],
        "identificatie": ctx.sequences.next(gem, object_type),
        "nummeraanduiding_identificatie": ctx.sequences.next(gem, "20"),
        "openbare_ruimte_identificatie": ctx.streets[(woonplaats, street)],
        "openbare_ruimte_naam": street,
        "huisnummer": nummer,
        "huisletter": letter,
        "toevoeging": toevoeging,
        "postcode": "",
        "woonplaats_naam": woonplaats,
        "woonplaats_identificatie": ctx.woonplaats_ids[woonplaats],
        "gemeentecode": gem,
        "gebruiksdoel": doel,
        "oppervlakte": oppervlakte,
        "status": status,
        "pand_identificatie": pand_id,
        "bouwjaar": bouwjaar,
        "x": round(plot.x, 3),
        "y": round(plot.y, 3),
        "kind": kind or plot.kind,
        "area": plot.area.identificatie if plot.area else None,
        "geometry": geom,
    }


def _pand(pand_id, geom, bouwjaar, doel, n_vbo, plot) -> dict:
    status = "Pand in gebruik" if bouwjaar < 2025 else "Bouw gestart"
    return {
        "identificatie": pand_id,
        "bouwjaar": bouwjaar,
        "status": status,
        "gebruiksdoel": doel,
        "aantal_verblijfsobjecten": n_vbo,
        "geometry": geom,
        "kind": plot.kind,
    }


def _farm_buildings(plot, gem, ctx, out, lot, bouwjaar, rng):
    back = -plot.side  # away from the road
    ux, uy = np.cos(plot.angle), np.sin(plot.angle)
    vx, vy = -uy, ux
    n_barns = int(rng.integers(1, 4))
    for b in range(n_barns):
        offset_u = (b - (n_barns - 1) / 2) * 26
        offset_v = back * (42 + rng.uniform(0, 10))
        bx, by = plot.x + offset_u * ux + offset_v * vx, plot.y + offset_u * uy + offset_v * vy
        geom = rotated_rectangles(
            [bx], [by], [float(rng.uniform(16, 22))], [float(rng.uniform(35, 55))], [plot.angle]
        )[0]
        pand_id = ctx.sequences.next(gem, "10")
        out.panden.append(
            _pand(
                pand_id,
                geom,
                int(rng.integers(max(bouwjaar, 1900), 2024)),
                "overige gebruiksfunctie",
                0,
                plot,
            )
        )
        lot["panden"].append(pand_id)
    cx, cy = plot.x + back * 35 * vx, plot.y + back * 35 * vy
    erf = rotated_rectangles([cx], [cy], [max(90.0, n_barns * 26 + 30)], [110.0], [plot.angle])[0]
    return cx, cy, erf


def _assign_postcodes(pc4: Pc4Area, addresses: list[dict], groups: dict, plots) -> None:
    """PC6 = PC4 + letters, handed out per street side in runs, as PostNL does.

    Runs grow (and street sides merge) until the PC4 fits in the 673 letter pairs.
    """
    chunk = max(12, int(np.ceil(len(addresses) / 600)))
    split_sides = True
    while True:
        used = _hand_out_letters(pc4, addresses, groups, chunk, split_sides)
        if used <= 673:
            return
        chunk, split_sides = int(chunk * 1.5) + 1, False


def _hand_out_letters(pc4, addresses, groups, chunk, split_sides) -> int:
    letter_index = 0
    for street in sorted(groups):
        by_side: dict[int, list[int]] = defaultdict(list)
        for i in groups[street]:
            a = addresses[i]
            park = a["area"] and a["kind"] in ("chalet", "receptie")
            by_side[0 if park or not split_sides else a["huisnummer"] % 2 + 1].append(i)
        for side in sorted(by_side):
            ordered = sorted(
                by_side[side],
                key=lambda i: (
                    addresses[i]["huisnummer"],
                    addresses[i]["huisletter"],
                    addresses[i]["toevoeging"],
                ),
            )
            size = len(ordered) if side == 0 and split_sides and len(ordered) <= 1500 else chunk
            previous_number, count = None, 0
            for i in ordered:
                number = addresses[i]["huisnummer"]
                if count >= size and number != previous_number:
                    letter_index += 1
                    count = 0
                addresses[i]["postcode"] = f"{pc4.postcode}{postcode_letters(letter_index)}"
                previous_number = number
                count += 1
            letter_index += 1
    return letter_index
