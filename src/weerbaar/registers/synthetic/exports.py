"""The output files of the generator and their real-world layouts.

- bag/bag-light.gpkg: PDOK BAG GeoPackage layers verblijfsobject, pand, ligplaats, standplaats, woonplaats
- bag/bag-adressen.csv: a municipal BAG address export (semicolons, Windows-1252, decimal comma)
- brk/kadastralekaart.gpkg: PDOK kadastrale kaart layer perceel
- brk/kadastralekaart.gml: the same parcels as Kadaster GML 3.2 (read by the brk-perceel-gml importer;
  a directory import takes the GeoPackage and skips it, see services.SUPERSEDED_BY)
- brk/kadastraalonroerendezaken.ndjson: Haal Centraal BRK Bevragen objects with zakelijkGerechtigden
- kvk/basisprofielen.ndjson, kvk/vestigingsprofielen.ndjson: KvK API shapes; kvk/vestigingen.csv
- personen/personen.csv (+ personen-steekproef.xlsx): name parts, date of birth, address
- gebieden/gebieden.gpkg: vakantiepark, bedrijventerrein, haven, agrarisch_erf
"""

from __future__ import annotations

from pathlib import Path

import shapely

from .geo import rd_to_wgs84
from .kvk_format import basisprofiel, csv_rows, vestigingsprofiel
from .messiness import persons_rows
from .writers import DelimitedWriter, GpkgLayer, NdjsonWriter, PerceelGmlWriter

ADDRESS_FIELDS = [
    ("openbare_ruimte_naam", "str"),
    ("huisnummer", "int"),
    ("huisletter", "str"),
    ("toevoeging", "str"),
    ("postcode", "str"),
    ("woonplaats_naam", "str"),
]
VBO_FIELDS = [
    ("identificatie", "str"),
    ("nummeraanduiding_identificatie", "str"),
    ("openbare_ruimte_identificatie", "str"),
    *ADDRESS_FIELDS,
    ("woonplaats_identificatie", "str"),
    ("gebruiksdoel", "str"),
    ("oppervlakte", "int"),
    ("status", "str"),
    ("pand_identificatie", "str"),
    ("bouwjaar", "int"),
]
PLAATS_FIELDS = [
    ("identificatie", "str"),
    ("nummeraanduiding_identificatie", "str"),
    ("openbare_ruimte_identificatie", "str"),
    *ADDRESS_FIELDS,
    ("woonplaats_identificatie", "str"),
    ("status", "str"),
]
PAND_FIELDS = [
    ("identificatie", "str"),
    ("bouwjaar", "int"),
    ("status", "str"),
    ("gebruiksdoel", "str"),
    ("aantal_verblijfsobjecten", "int"),
]
PERCEEL_FIELDS = [
    ("identificatie", "str"),
    ("AKRKadastraleGemeenteCode", "str"),
    ("kadastraleGemeenteWaarde", "str"),
    ("sectie", "str"),
    ("perceelnummer", "int"),
    ("kadastraleGrootteWaarde", "int"),
    ("soortGrootteWaarde", "str"),
    ("perceelnummerPlaatscoordinaatX", "float"),
    ("perceelnummerPlaatscoordinaatY", "float"),
]
AREA_FIELDS = [
    ("identificatie", "str"),
    ("naam", "str"),
    ("gemeentecode", "str"),
    ("bron", "str"),
    ("oppervlakte_ha", "float"),
]
BAG_CSV_HEADER = [
    "openbareruimte",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
    "postcode",
    "woonplaats",
    "gemeente",
    "object_id",
    "object_type",
    "nummeraanduiding",
    "gebruiksdoel",
    "oppervlakte",
    "status",
    "pand_id",
    "bouwjaar",
    "x",
    "y",
    "lon",
    "lat",
    "hoofdadres",
]
PERSON_HEADER = [
    "persoon_id",
    "voornamen",
    "voorvoegsel",
    "geslachtsnaam",
    "geslacht",
    "geboortedatum",
    "straat",
    "huisnummer",
    "huisletter",
    "toevoeging",
    "postcode",
    "woonplaats",
    "adres_soort",
    "fictief",
]


class Exports:
    def __init__(self, out_dir: Path):
        for sub in ("bag", "brk", "kvk", "personen", "gebieden"):
            (out_dir / sub).mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        bag = out_dir / "bag" / "bag-light.gpkg"
        gebieden = out_dir / "gebieden" / "gebieden.gpkg"
        kaart = out_dir / "brk" / "kadastralekaart.gpkg"
        for path in (bag, gebieden, kaart):
            path.unlink(missing_ok=True)
        self.layers = {
            "verblijfsobject": GpkgLayer(bag, "verblijfsobject", VBO_FIELDS, "Point"),
            "pand": GpkgLayer(bag, "pand", PAND_FIELDS, "Polygon"),
            "ligplaats": GpkgLayer(bag, "ligplaats", PLAATS_FIELDS, "Polygon"),
            "standplaats": GpkgLayer(bag, "standplaats", PLAATS_FIELDS, "Polygon"),
            "woonplaats": GpkgLayer(
                bag,
                "woonplaats",
                [("identificatie", "str"), ("woonplaats", "str"), ("status", "str")],
                "MultiPolygon",
            ),
            "perceel": GpkgLayer(kaart, "perceel", PERCEEL_FIELDS, "Polygon"),
        }
        for kind in ("vakantiepark", "bedrijventerrein", "haven", "agrarisch_erf"):
            self.layers[kind] = GpkgLayer(gebieden, kind, AREA_FIELDS, "Polygon")
        self.bag_csv = DelimitedWriter(
            out_dir / "bag" / "bag-adressen.csv",
            BAG_CSV_HEADER,
            delimiter=";",
            encoding="cp1252",
            decimal_comma=True,
        )
        self.perceel_gml = PerceelGmlWriter(out_dir / "brk" / "kadastralekaart.gml")
        self.koz_json = NdjsonWriter(out_dir / "brk" / "kadastraalonroerendezaken.ndjson")
        self.basis_json = NdjsonWriter(out_dir / "kvk" / "basisprofielen.ndjson")
        self.vestiging_json = NdjsonWriter(out_dir / "kvk" / "vestigingsprofielen.ndjson")
        self.kvk_csv = DelimitedWriter(
            out_dir / "kvk" / "vestigingen.csv", list(csv_rows.HEADER), delimiter=","
        )
        self.person_csv = DelimitedWriter(out_dir / "personen" / "personen.csv", PERSON_HEADER, delimiter=";")
        self.xlsx_rows: list[list] = []

    def bag(self, objects, nevenadressen: list[dict] = ()) -> None:  # type: ignore[assignment]
        for address in objects.addresses:
            layer = address["object_type"]
            if layer == "verblijfsobject":
                self.layers[layer].add(address, shapely.Point(address["x"], address["y"]))
            else:
                self.layers[layer].add(address, address["geometry"])
            self.bag_csv.add(
                {
                    **_csv_address(address, address["identificatie"], layer, hoofdadres=True),
                    "gebruiksdoel": address["gebruiksdoel"],
                    "oppervlakte": address["oppervlakte"],
                    "status": address["status"],
                    "pand_id": address["pand_identificatie"],
                    "bouwjaar": address["bouwjaar"],
                }
            )
        for neven in nevenadressen:  # the export lists them with their object's position
            self.bag_csv.add(_csv_address(neven, neven["object_id"], neven["object_type"], hoofdadres=False))
        for pand in objects.panden:
            self.layers["pand"].add(pand, pand["geometry"])

    def perceel(self, row: dict, polygon) -> None:
        self.layers["perceel"].add(row, polygon)
        self.perceel_gml.add(row, polygon)

    def koz(self, record: dict) -> None:
        self.koz_json.add(record)

    def area(self, area) -> None:
        row = {
            "identificatie": area.identificatie,
            "naam": area.naam,
            "gemeentecode": area.gemeentecode,
            "bron": area.bron,
            "oppervlakte_ha": round(area.geometry.area / 1e4, 2),
        }
        geom = area.geometry if area.geometry.geom_type == "Polygon" else shapely.convex_hull(area.geometry)
        self.layers[area.kind].add(row, geom)

    def persons(self, persons, addresses, elsewhere, rng) -> None:
        for row in persons_rows(persons, addresses, elsewhere, rng):
            self.person_csv.add(row)
            if len(self.xlsx_rows) < 1000:
                self.xlsx_rows.append([row.get(h, "") for h in PERSON_HEADER])

    def companies(self, companies, rng) -> None:
        for company in companies:
            self.basis_json.add(basisprofiel(company))
            for vestiging in company["vestigingen"]:
                self.vestiging_json.add(vestigingsprofiel(company, vestiging))
            for row in csv_rows.rows(company, rng):
                self.kvk_csv.add(row)

    def woonplaatsen(self, region, ids: dict[str, str]) -> None:
        by_name: dict[str, list] = {}
        for pc4 in region.pc4s:
            by_name.setdefault(pc4.plaats, []).append(pc4.geometry)
        for naam in sorted(by_name):
            geom = shapely.union_all(by_name[naam])
            geom = (
                geom
                if geom.geom_type == "MultiPolygon"
                else shapely.MultiPolygon([g for g in shapely.get_parts(geom) if g.geom_type == "Polygon"])
            )
            self.layers["woonplaats"].add(
                {"identificatie": ids[naam], "woonplaats": naam, "status": "Woonplaats aangewezen"}, geom
            )

    def close(self) -> dict:
        for layer in self.layers.values():
            layer.flush()
        for writer in (
            self.perceel_gml,
            self.bag_csv,
            self.koz_json,
            self.basis_json,
            self.vestiging_json,
            self.kvk_csv,
            self.person_csv,
        ):
            writer.close()
        self._xlsx()
        counts = {name: layer.count for name, layer in self.layers.items()}
        counts.update(
            {
                "perceel_gml": self.perceel_gml.count,
                "bag_csv": self.bag_csv.count,
                "kadastraal_onroerende_zaken": self.koz_json.count,
                "kvk_basisprofielen": self.basis_json.count,
                "kvk_vestigingen": self.vestiging_json.count,
                "kvk_csv_rijen": self.kvk_csv.count,
                "personen_rijen": self.person_csv.count,
            }
        )
        return counts

    def _xlsx(self) -> None:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("personen")
        sheet.append(PERSON_HEADER)
        for row in self.xlsx_rows:
            sheet.append(row)
        workbook.save(self.out_dir / "personen" / "personen-steekproef.xlsx")

    def files(self) -> list[str]:
        return sorted(str(p.relative_to(self.out_dir)) for p in self.out_dir.rglob("*") if p.is_file())


def _csv_address(address: dict, object_id: str, layer: str, *, hoofdadres: bool) -> dict:
    """The address columns of a row of the municipal BAG export (a hoofdadres or a nevenadres)."""
    lon, lat = rd_to_wgs84(address["x"], address["y"])
    return {
        "openbareruimte": address["openbare_ruimte_naam"],
        "huisnummer": address["huisnummer"],
        "huisletter": address["huisletter"],
        "huisnummertoevoeging": address["toevoeging"],
        "postcode": address["postcode"],
        "woonplaats": address["woonplaats_naam"],
        "gemeente": address["gemeentecode"],
        "object_id": object_id,
        "object_type": {"verblijfsobject": "VBO", "ligplaats": "LIG", "standplaats": "STA"}[layer],
        "nummeraanduiding": address["nummeraanduiding_identificatie"],
        "x": float(address["x"]),
        "y": float(address["y"]),
        "lon": float(lon),
        "lat": float(lat),
        "hoofdadres": "J" if hoofdadres else "N",
    }
