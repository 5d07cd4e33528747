"""BAG: the PDOK GeoPackage (verblijfsobject, ligplaats, standplaats, pand, woonplaats) and CSV exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import shapely

from weerbaar.core.access import AccessLevel
from weerbaar.importing.readers.gdal import (
    FeatureChunk,
    feature_chunks,
    feature_count,
    feature_rows,
    layer_names,
)
from weerbaar.importing.readers.text import decimal, delimited_rows, head_line

from ... import identifiers
from ...models import AdresseerbaarObject, Nevenadres, Pand, Woonplaats
from .. import columns as col
from ..base import BaseImporter, ColumnarImporter, RowError, geometry, point_wkb, register

#: the registers are in RD New only; a file in another CRS is refused whole
RD_CRS = ("EPSG:28992",)
ADDRESS_REQUIRED = {
    "identificatie",
    "openbare_ruimte_naam",
    "huisnummer",
    "huisletter",
    "toevoeging",
    "postcode",
    "woonplaats_naam",
}


def _int(value: Any, field: str, problems: list, *, required: bool = False) -> int | None:
    if value is None or value == "":
        if required:
            problems.append((field, "ontbreekt"))
        return None
    try:
        return int(decimal(value))
    except (TypeError, ValueError):
        problems.append((field, f"{value!r} is geen getal"))
        return None


def clean_address(
    raw: dict[str, Any], problems: list, *, soort: str, type_code: tuple[str, ...]
) -> dict[str, Any]:
    """The nummeraanduiding part shared by all address-bearing BAG objects."""
    ident = str(raw.get("identificatie") or "")
    if not any(identifiers.is_bag_id(ident, t) for t in type_code):
        problems.append(
            ("identificatie", f"{ident!r} is geen BAG-identificatie van objecttype {'/'.join(type_code)}")
        )
    num = str(raw.get("nummeraanduiding_identificatie") or raw.get("nummeraanduiding") or "")
    if not identifiers.is_bag_id(num, "20"):
        problems.append(("nummeraanduiding_identificatie", f"{num!r} is geen nummeraanduiding-identificatie"))
    postcode = identifiers.normalise_postcode(raw.get("postcode"))
    if not identifiers.is_postcode(postcode):
        problems.append(("postcode", f"{raw.get('postcode')!r} is geen geldige postcode"))
    huisnummer = _int(raw.get("huisnummer"), "huisnummer", problems, required=True)
    huisletter = str(raw.get("huisletter") or "").strip().upper()
    toevoeging = str(raw.get("toevoeging") or raw.get("huisnummertoevoeging") or "").strip().upper()
    if len(huisletter) > 1:
        problems.append(("huisletter", f"{huisletter!r} is meer dan één letter"))
    if len(toevoeging) > 4:
        problems.append(("toevoeging", f"{toevoeging!r} is langer dan 4 tekens"))
    return {
        "identificatie": ident,
        "soort": soort,
        "nummeraanduiding_identificatie": num,
        "openbare_ruimte_identificatie": str(raw.get("openbare_ruimte_identificatie") or ""),
        "openbare_ruimte_naam": str(
            raw.get("openbare_ruimte_naam") or raw.get("openbareruimte") or ""
        ).strip(),
        "huisnummer": huisnummer,
        "huisletter": huisletter,
        "toevoeging": toevoeging,
        "postcode": postcode,
        "woonplaats_naam": str(raw.get("woonplaats_naam") or raw.get("woonplaats") or "").strip(),
        "adres_sleutel": identifiers.address_key(postcode, huisnummer, huisletter, toevoeging),
        "postcode_huisnummer": f"{postcode}|{huisnummer}",
    }


def address_columns(chunk: FeatureChunk, *, soort: str, type_code: str) -> tuple[dict[str, Any], np.ndarray]:
    """clean_address for a whole chunk: the values and the rows to hand to the per-row clean."""
    n = len(chunk)
    ident = col.text(chunk, "identificatie")
    num = col.first_text(chunk, "nummeraanduiding_identificatie", "nummeraanduiding")
    postcode_column = chunk.columns.get("postcode")
    postcode, odd_postcode = identifiers.normalise_postcode_array(col.text(chunk, "postcode"))
    if postcode_column is not None and not col.is_text(postcode_column):
        odd_postcode[:] = True  # a postcode that is no text: clean reports it
    huisnummer, suspect = col.integers(chunk, "huisnummer", required=True)
    huisletter, odd_letter = col.upper_stripped(col.text(chunk, "huisletter"))
    toevoeging, odd_toevoeging = col.upper_stripped(
        col.first_text(chunk, "toevoeging", "huisnummertoevoeging")
    )
    straat, odd_straat = col.stripped(col.first_text(chunk, "openbare_ruimte_naam", "openbareruimte"))
    woonplaats, odd_woonplaats = col.stripped(col.first_text(chunk, "woonplaats_naam", "woonplaats"))
    suspect = (
        suspect
        | odd_postcode
        | odd_letter
        | odd_toevoeging
        | odd_straat
        | odd_woonplaats
        | ~identifiers.is_bag_id_array(ident, type_code)
        | ~identifiers.is_bag_id_array(num, "20")
        | ~identifiers.is_postcode_array(postcode)
        | (col.lengths(huisletter) > 1)
        | (col.lengths(toevoeging) > 4)
    )
    values = {
        "identificatie": ident,
        "soort": col.constant(soort, n),
        "nummeraanduiding_identificatie": num,
        "openbare_ruimte_identificatie": col.text(chunk, "openbare_ruimte_identificatie"),
        "openbare_ruimte_naam": straat,
        "huisnummer": huisnummer,
        "huisletter": huisletter,
        "toevoeging": toevoeging,
        "postcode": postcode,
        "woonplaats_naam": woonplaats,
        "adres_sleutel": identifiers.address_key_array(postcode, huisnummer, huisletter, toevoeging),
        "postcode_huisnummer": pc.binary_join_element_wise(
            postcode, pc.fill_null(pc.cast(huisnummer, pa.string()), "None"), "|"
        ),
    }
    return values, suspect


def _inner_point(polygon_wkb: bytes) -> bytes:
    point = shapely.from_wkb(polygon_wkb).point_on_surface()
    return point_wkb(point.x, point.y)


class _BagGpkg(ColumnarImporter):
    layer = ""
    access_level = AccessLevel.OPENBAAR
    required: frozenset[str] = frozenset({"identificatie"})

    def matches(self, path: Path) -> bool:
        return path.suffix.lower() == ".gpkg" and self.layer in layer_names(path)

    def rows(self, path: Path):
        return feature_rows(path, self.layer, self.required, crs=RD_CRS)

    def chunks(self, path: Path):
        return feature_chunks(path, self.layer, self.required, self.chunk_size, crs=RD_CRS)

    def row_count(self, path: Path) -> int:
        return feature_count(path, self.layer)


@register("bag-verblijfsobject")
class VerblijfsobjectImporter(_BagGpkg):
    label = "BAG verblijfsobjecten (PDOK GeoPackage)"
    model = AdresseerbaarObject
    layer = "verblijfsobject"
    required = frozenset(ADDRESS_REQUIRED | {"nummeraanduiding_identificatie"})

    def clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        problems: list[tuple[str, str]] = []
        values = clean_address(raw, problems, soort="verblijfsobject", type_code=("01",))
        point = geometry(raw.get("geometry"), ("Point",), problems, raw.get("__checked__"))
        values.update(
            gebruiksdoel=str(raw.get("gebruiksdoel") or ""),
            status=str(raw.get("status") or ""),
            oppervlakte=_int(raw.get("oppervlakte"), "oppervlakte", problems),
            bouwjaar=_int(raw.get("bouwjaar"), "bouwjaar", problems),
            pand_identificatie=str(raw.get("pand_identificatie") or ""),
            geometrie=point,
            vlak=None,
        )
        if problems:
            raise RowError(problems)
        return values

    def clean_chunk(self, chunk: FeatureChunk):
        values, suspect = address_columns(chunk, soort="verblijfsobject", type_code="01")
        oppervlakte, bad_oppervlakte = col.integers(chunk, "oppervlakte")
        bouwjaar, bad_bouwjaar = col.integers(chunk, "bouwjaar")
        values.update(
            gebruiksdoel=col.text(chunk, "gebruiksdoel"),
            status=col.text(chunk, "status"),
            oppervlakte=oppervlakte,
            bouwjaar=bouwjaar,
            pand_identificatie=col.text(chunk, "pand_identificatie"),
            geometrie=col.geometry_wkb(chunk),
            vlak=col.constant(None, len(chunk)),
        )
        return values, suspect | bad_oppervlakte | bad_bouwjaar | ~col.geometry_ok(chunk, ("Point",))

    def extra_keys(self, cleaned):
        return [
            ("nummeraanduiding_identificatie", cleaned["nummeraanduiding_identificatie"]),
            ("adres", cleaned["adres_sleutel"]),
        ]


class _PlaatsImporter(_BagGpkg):
    model = AdresseerbaarObject
    type_code = ""
    required = frozenset(ADDRESS_REQUIRED)

    def clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        problems: list[tuple[str, str]] = []
        values = clean_address(raw, problems, soort=self.layer, type_code=(self.type_code,))
        vlak = geometry(raw.get("geometry"), ("Polygon",), problems, raw.get("__checked__"))
        if problems:
            raise RowError(problems)
        values.update(
            status=str(raw.get("status") or ""), gebruiksdoel="", vlak=vlak, geometrie=_inner_point(vlak)
        )
        return values

    def clean_chunk(self, chunk: FeatureChunk):
        values, suspect = address_columns(chunk, soort=self.layer, type_code=self.type_code)
        ok = col.geometry_ok(chunk, ("Polygon",))
        shapes = np.where(ok, chunk.shapes, None)  # only valid polygons get an inner point
        values.update(
            status=col.text(chunk, "status"),
            gebruiksdoel=col.constant("", len(chunk)),
            vlak=col.geometry_wkb(chunk),
            geometrie=col.inner_points(shapes),
        )
        return values, suspect | ~ok

    def extra_keys(self, cleaned):
        return [("adres", cleaned["adres_sleutel"])]


@register("bag-ligplaats")
class LigplaatsImporter(_PlaatsImporter):
    label = "BAG ligplaatsen (PDOK GeoPackage)"
    layer, type_code = "ligplaats", "02"


@register("bag-standplaats")
class StandplaatsImporter(_PlaatsImporter):
    label = "BAG standplaatsen (PDOK GeoPackage)"
    layer, type_code = "standplaats", "03"


@register("bag-pand")
class PandImporter(_BagGpkg):
    label = "BAG panden (PDOK GeoPackage)"
    model = Pand
    layer = "pand"

    def clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        problems: list[tuple[str, str]] = []
        ident = str(raw.get("identificatie") or "")
        if not identifiers.is_bag_id(ident, "10"):
            problems.append(("identificatie", f"{ident!r} is geen pand-identificatie"))
        geom = geometry(raw.get("geometry"), ("Polygon",), problems, raw.get("__checked__"))
        bouwjaar = _int(raw.get("bouwjaar"), "bouwjaar", problems)
        if problems:
            raise RowError(problems)
        return {
            "identificatie": ident,
            "bouwjaar": bouwjaar,
            "status": str(raw.get("status") or ""),
            "gebruiksdoel": str(raw.get("gebruiksdoel") or ""),
            "geometrie": geom,
        }

    def clean_chunk(self, chunk: FeatureChunk):
        ident = col.text(chunk, "identificatie")
        bouwjaar, suspect = col.integers(chunk, "bouwjaar")
        good_id = identifiers.is_bag_id_array(ident, "10")
        values = {
            "identificatie": ident,
            "bouwjaar": bouwjaar,
            "status": col.text(chunk, "status"),
            "gebruiksdoel": col.text(chunk, "gebruiksdoel"),
            "geometrie": col.geometry_wkb(chunk),
        }
        return values, suspect | ~good_id | ~col.geometry_ok(chunk, ("Polygon",))


@register("bag-woonplaats")
class WoonplaatsImporter(_BagGpkg):
    label = "BAG woonplaatsen (PDOK GeoPackage)"
    model = Woonplaats
    layer = "woonplaats"
    required = frozenset({"identificatie", "woonplaats"})

    def clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        problems: list[tuple[str, str]] = []
        ident = str(raw.get("identificatie") or "")
        if not identifiers.WOONPLAATS_ID_RE.match(ident):
            problems.append(("identificatie", f"{ident!r} is geen woonplaatscode van 4 cijfers"))
        geom = geometry(raw.get("geometry"), ("MultiPolygon", "Polygon"), problems, raw.get("__checked__"))
        if problems:
            raise RowError(problems)
        shape = shapely.from_wkb(geom)
        if shape.geom_type == "Polygon":
            geom = shapely.to_wkb(shapely.MultiPolygon([shape]))
        return {
            "identificatie": ident,
            "naam": str(raw.get("woonplaats")),
            "status": str(raw.get("status") or ""),
            "geometrie": geom,
        }

    def clean_chunk(self, chunk: FeatureChunk):
        ident = col.text(chunk, "identificatie")
        # a Polygon is stored as a MultiPolygon by clean; those rows (rare) take that path
        good = col.matches(identifiers.WOONPLAATS_ID_RE, ident) & col.geometry_ok(chunk, ("MultiPolygon",))
        values = {
            "identificatie": ident,
            "naam": [str(v) for v in chunk.plain("woonplaats")],
            "status": col.text(chunk, "status"),
            "geometrie": col.geometry_wkb(chunk),
        }
        return values, ~good


@register("bag-csv")
class BagCsvImporter(BaseImporter):
    """A municipal BAG address export: object_id, nummeraanduiding, address, x/y (decimal comma)."""

    label = "BAG adressen (CSV-export)"
    model = AdresseerbaarObject
    access_level = AccessLevel.OPENBAAR
    required = frozenset(
        {"openbareruimte", "huisnummer", "postcode", "woonplaats", "object_id", "nummeraanduiding", "x", "y"}
    )

    def matches(self, path: Path) -> bool:
        head = _export_header(path)
        return "object_id" in head and "nummeraanduiding" in head

    def rows(self, path: Path):
        """The hoofdadressen: rows whose `hoofdadres` column (when there is one) is not N."""
        for number, raw in delimited_rows(path, set(self.required)):
            if hoofdadres(raw) is not False:
                yield number, raw

    def clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        problems: list[tuple[str, str]] = []
        if hoofdadres(raw) is None:
            problems.append(("hoofdadres", f"{raw.get('hoofdadres')!r} is geen J of N"))
        soort, code = object_soort(raw)
        raw = {**raw, "identificatie": raw.get("object_id")}
        values = clean_address(raw, problems, soort=soort, type_code=(code,))
        x = y = None
        for field in ("x", "y"):
            try:
                value = decimal(raw.get(field))
                if value is None:
                    problems.append((field, "ontbreekt"))
                x, y = (value, y) if field == "x" else (x, value)
            except ValueError:
                problems.append((field, f"{raw.get(field)!r} is geen getal"))
        if x is not None and y is not None and not (0 < x < 300000 and 289000 < y < 629000):
            problems.append(
                ("x", f"({x}, {y}) ligt niet in Nederland in RD New; verkeerd coördinaatsysteem?")
            )
        values.update(
            gebruiksdoel=raw.get("gebruiksdoel", ""),
            status=raw.get("status", ""),
            oppervlakte=_int(raw.get("oppervlakte"), "oppervlakte", problems),
            bouwjaar=_int(raw.get("bouwjaar"), "bouwjaar", problems),
            pand_identificatie=raw.get("pand_id", ""),
        )
        if problems:
            raise RowError(problems)
        values["geometrie"] = point_wkb(x, y)
        return values

    def extra_keys(self, cleaned):
        return [
            ("nummeraanduiding", cleaned["nummeraanduiding_identificatie"]),
            ("adres", cleaned["adres_sleutel"]),
        ]


def _export_header(path: Path) -> str:
    """The first line of a delimited address export, lower case ("" for another kind of file)."""
    if path.suffix.lower() not in {".csv", ".txt"}:
        return ""
    return head_line(path)


#: values of the `hoofdadres` column of an address export
_JA, _NEE = {"j", "ja", "y", "yes", "true", "1", "hoofdadres"}, {"n", "nee", "no", "false", "0", "nevenadres"}


def hoofdadres(raw: dict[str, Any]) -> bool | None:
    """True for a hoofdadres (also when the export has no such column), False for a nevenadres,
    None for a value that is neither."""
    value = str(raw.get("hoofdadres", "J") or "J").strip().lower()
    return True if value in _JA else False if value in _NEE else None


def object_soort(raw: dict[str, Any]) -> tuple[str, str]:
    """(soort, BAG object type) from an export's object_type column (VBO when absent)."""
    return {
        "VBO": ("verblijfsobject", "01"),
        "LIG": ("ligplaats", "02"),
        "STA": ("standplaats", "03"),
    }.get(str(raw.get("object_type") or "VBO").upper(), ("verblijfsobject", "01"))


@register("bag-nevenadres")
class NevenadresCsvImporter(BaseImporter):
    """The nevenadressen of a municipal BAG address export: its rows with hoofdadres = N.

    The same file's hoofdadressen are bag-csv's (or come from the GeoPackage, which has no
    nevenadressen); a nevenadres names its object by object_id and has no position of its own.
    """

    label = "BAG nevenadressen (CSV-export met kolom hoofdadres)"
    model = Nevenadres
    key_field = "nummeraanduiding_identificatie"
    access_level = AccessLevel.OPENBAAR
    required = frozenset(
        {
            "openbareruimte",
            "huisnummer",
            "postcode",
            "woonplaats",
            "object_id",
            "nummeraanduiding",
            "hoofdadres",
        }
    )

    def matches(self, path: Path) -> bool:
        head = _export_header(path)
        return "object_id" in head and "nummeraanduiding" in head and "hoofdadres" in head

    def rows(self, path: Path):
        for number, raw in delimited_rows(path, set(self.required)):
            if "__error__" in raw or hoofdadres(raw) is False:  # bag-csv reports other values
                yield number, raw

    def clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        problems: list[tuple[str, str]] = []
        soort, code = object_soort(raw)
        values = clean_address(
            {**raw, "identificatie": raw.get("object_id")}, problems, soort=soort, type_code=(code,)
        )
        if problems:
            raise RowError([("object_id" if f == "identificatie" else f, m) for f, m in problems])
        object_id = values.pop("identificatie")
        return {**values, "adresseerbaar_object_identificatie": object_id}

    def extra_keys(self, cleaned):
        return [("adres", cleaned["adres_sleutel"])]
