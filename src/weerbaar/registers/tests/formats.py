"""Small files in the real formats, written per test (so bad variants are one argument away)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyogrio.raw
import shapely

VBO_FIELDS = [
    "identificatie",
    "nummeraanduiding_identificatie",
    "openbare_ruimte_naam",
    "huisnummer",
    "huisletter",
    "toevoeging",
    "postcode",
    "woonplaats_naam",
    "gebruiksdoel",
    "oppervlakte",
    "status",
    "pand_identificatie",
    "bouwjaar",
]


def vbo_row(n: int, **overrides) -> dict:
    row = {
        "identificatie": f"01930100000000{n:02d}",
        "nummeraanduiding_identificatie": f"01932000000000{n:02d}",
        "openbare_ruimte_naam": "Diezerstraat",
        "huisnummer": 10 + n,
        "huisletter": "",
        "toevoeging": "",
        "postcode": "8011RJ",
        "woonplaats_naam": "Zwolle",
        "gebruiksdoel": "woonfunctie",
        "oppervlakte": 80,
        "status": "Verblijfsobject in gebruik",
        "pand_identificatie": f"01931000000000{n:02d}",
        "bouwjaar": 1900,
        "x": 203000.0 + n,
        "y": 502000.0 + n,
    }
    row.update(overrides)
    return row


def write_gpkg(
    path: Path,
    layer: str,
    rows: list[dict],
    geometries: list,
    *,
    crs: str = "EPSG:28992",
    geometry_type: str = "Point",
    fields: list[str] | None = None,
) -> Path:
    fields = fields or [k for k in rows[0] if k not in ("x", "y")]
    data = [
        np.array([r.get(f) for r in rows], dtype=object if isinstance(rows[0].get(f), str) else None)
        for f in fields
    ]
    pyogrio.raw.write(
        path,
        shapely.to_wkb(np.array(geometries, dtype=object)),
        data,
        fields,
        layer=layer,
        driver="GPKG",
        crs=crs,
        geometry_type=geometry_type,
        append=path.exists(),
    )
    return path


def write_vbo_gpkg(path: Path, rows: list[dict], **kwargs) -> Path:
    return write_gpkg(
        path,
        "verblijfsobject",
        rows,
        [shapely.Point(r["x"], r["y"]) for r in rows],
        fields=VBO_FIELDS,
        **kwargs,
    )


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_ndjson(path: Path, documents: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents), encoding="utf-8")
    return path


def koz(aanduiding: str, rechten: list[dict], **extra) -> dict:
    return {
        "identificatie": extra.pop("identificatie", aanduiding.replace(" ", "")),
        "domein": "NL.IMKAD.KadastraalObject",
        "type": extra.pop("type", "perceel"),
        "kadastraleAanduiding": aanduiding,
        "kadastraleGemeente": {"code": aanduiding[:5], "waarde": "Zwolle"},
        "plaatscoordinaten": {"type": "Point", "coordinates": [203000.0, 502000.0]},
        "kadastraleGrootte": {"waarde": 250},
        "zakelijkGerechtigden": rechten,
        "fictief": True,
        **extra,
    }


def natuurlijk(
    ident: str,
    voornamen: str,
    voorvoegsel: str,
    geslachtsnaam: str,
    datum: str = "1970-05-01",
    soort: str = "Eigendom (recht van)",
    teller: int = 1,
    noemer: int = 1,
) -> dict:
    return {
        "type": soort,
        "aandeel": {"teller": teller, "noemer": noemer},
        "persoon": {
            "type": "natuurlijk_persoon",
            "identificatie": ident,
            "naam": {"voornamen": voornamen, "voorvoegsel": voorvoegsel, "geslachtsnaam": geslachtsnaam},
            "geboorte": {"datum": datum},
            "fictief": True,
        },
    }


def basisprofiel(kvk: str, naam: str, rsin: str = "", officers: tuple = ()) -> dict:
    eigenaar = {"rechtsvorm": "Besloten Vennootschap" if rsin else "Eenmanszaak"}
    if rsin:
        eigenaar["rsin"] = rsin
    return {
        "kvkNummer": kvk,
        "naam": naam,
        "formeleRegistratiedatum": "20100102",
        "materieleRegistratie": {"datumAanvang": "20100102", "datumEinde": None},
        "sbiActiviteiten": [
            {"sbiCode": "4941", "sbiOmschrijving": "Goederenvervoer over de weg", "indHoofdactiviteit": "Ja"}
        ],
        "_embedded": {"eigenaar": eigenaar},
        "functionarissen": [
            {
                "functie": "Bestuurder",
                "datumAanvang": "20100102",
                "persoon": {
                    "persoon_id": pid,
                    "voornamen": vn,
                    "voorvoegsel": vv,
                    "geslachtsnaam": gn,
                    "geboortedatum": "1965-03-04",
                    "fictief": True,
                },
            }
            for pid, vn, vv, gn in officers
        ],
        "fictief": True,
    }


def vestigingsprofiel(nummer: str, kvk: str, postcode: str = "8011RJ", huisnummer: int = 11) -> dict:
    return {
        "vestigingsnummer": nummer,
        "kvkNummer": kvk,
        "eersteHandelsnaam": "Transport Zwolle",
        "indHoofdvestiging": "Ja",
        "materieleRegistratie": {"datumAanvang": "20100102"},
        "totaalWerkzamePersonen": 4,
        "adressen": [
            {
                "type": "bezoekadres",
                "straatnaam": "Diezerstraat",
                "huisnummer": huisnummer,
                "postcode": postcode,
                "plaats": "Zwolle",
                "geoData": {
                    "addresseerbaarObjectId": "0193010000000001",
                    "rijksdriehoekX": 203000.0,
                    "rijksdriehoekY": 502000.0,
                },
            }
        ],
    }


def perceel_gml_feature(
    lokaal_id: str,
    code: str = "ZWL00",
    sectie: str = "K",
    nummer: str = "1234",
    grootte: str = "100",
    ring: list[tuple[float, float]] | None = None,
    srs: str = "urn:ogc:def:crs:EPSG::28992",
) -> str:
    """One Perceel as the Kadaster delivers the kadastrale kaart in GML (GML 3.2, nested types)."""
    ring = ring or [
        (203000.0, 503000.0),
        (203010.0, 503000.0),
        (203010.0, 503010.0),
        (203000.0, 503010.0),
        (203000.0, 503000.0),
    ]
    pos = " ".join(f"{x} {y}" for x, y in ring)
    return f"""  <brk_krt:perceelMember>
    <brk_krt:Perceel gml:id="NL.IMKAD.KadastraalObject.{lokaal_id}">
      <brk_krt:identificatie>
        <brk_krt:NEN3610ID>
          <brk_krt:namespace>NL.IMKAD.KadastraalObject</brk_krt:namespace>
          <brk_krt:lokaalID>{lokaal_id}</brk_krt:lokaalID>
        </brk_krt:NEN3610ID>
      </brk_krt:identificatie>
      <brk_krt:kadastraleAanduiding>
        <brk_krt:TypeKadastraleAanduiding>
          <brk_krt:kadastraleGemeente>
            <brk_krt:KadastraleGemeenteKeuze>
              <brk_krt:AKRKadastraleGemeenteCode>{code}</brk_krt:AKRKadastraleGemeenteCode>
            </brk_krt:KadastraleGemeenteKeuze>
          </brk_krt:kadastraleGemeente>
          <brk_krt:sectie>{sectie}</brk_krt:sectie>
          <brk_krt:perceelnummer>{nummer}</brk_krt:perceelnummer>
        </brk_krt:TypeKadastraleAanduiding>
      </brk_krt:kadastraleAanduiding>
      <brk_krt:begrenzingPerceel>
        <gml:Polygon srsName="{srs}" gml:id="vlak.{lokaal_id}">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2" count="{len(ring)}">{pos}</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </brk_krt:begrenzingPerceel>
      <brk_krt:kadastraleGrootte>
        <brk_krt:TypeOppervlak><brk_krt:waarde>{grootte}</brk_krt:waarde></brk_krt:TypeOppervlak>
      </brk_krt:kadastraleGrootte>
      <brk_krt:perceelnummerRotatie>0</brk_krt:perceelnummerRotatie>
      <brk_krt:plaatscoordinaten>
        <gml:Point srsName="{srs}" gml:id="punt.{lokaal_id}"><gml:pos>{ring[0][0] + 1} {ring[0][1] + 1}</gml:pos></gml:Point>
      </brk_krt:plaatscoordinaten>
    </brk_krt:Perceel>
  </brk_krt:perceelMember>
"""


def write_perceel_gml(path: Path, features: list[str]) -> Path:
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<brk_krt:KadastraleKaartCollection xmlns:brk_krt="http://www.kadaster.nl/schemas/brkkadastralekaart/v20160101"'
        ' xmlns:gml="http://www.opengis.net/gml/3.2" gml:id="IMKAD.NL.0">\n'
        + "".join(features)
        + "</brk_krt:KadastraleKaartCollection>\n",
        encoding="utf-8",
    )
    return path
