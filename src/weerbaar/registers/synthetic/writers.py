"""Streaming writers: GeoPackage layers in chunks, delimited text, newline-delimited JSON, GML."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pyogrio.raw
import shapely

FICTIEF_METADATA = {
    "FICTIEF": "ja",
    "DESCRIPTION": "Synthetisch Overijssel (Weerbaar): alle personen, bedrijven en objecten zijn fictief.",
}


class GpkgLayer:
    """Buffers features and appends them to a GeoPackage layer every `chunk` rows."""

    def __init__(
        self,
        path: Path,
        layer: str,
        fields: list[tuple[str, str]],
        geometry_type: str,
        chunk: int = 20000,
        metadata: dict | None = None,
    ):
        self.path, self.layer, self.fields, self.geometry_type, self.chunk = (
            path,
            layer,
            fields,
            geometry_type,
            chunk,
        )
        self.metadata = {**FICTIEF_METADATA, **(metadata or {})}
        self.rows: list[dict] = []
        self.geoms: list = []
        self.count = 0
        self._started = False

    def add(self, row: dict, geometry) -> None:
        self.rows.append(row)
        self.geoms.append(geometry)
        if len(self.rows) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        if not self.rows and self._started:
            return
        field_data, masks = [], []
        for name, kind in self.fields:
            values = [r.get(name) for r in self.rows]
            mask = np.array([v is None or (v == "" and kind != "str") for v in values], dtype=bool)
            if kind == "int":
                field_data.append(
                    np.array([0 if m else int(v) for v, m in zip(values, mask, strict=False)], dtype=np.int64)
                )
            elif kind == "float":
                field_data.append(
                    np.array(
                        [np.nan if m else float(v) for v, m in zip(values, mask, strict=False)], dtype=float
                    )
                )
            else:
                field_data.append(np.array(["" if v is None else str(v) for v in values], dtype=object))
                mask = np.zeros(len(values), dtype=bool)
            masks.append(mask)
        geometry = (
            shapely.to_wkb(np.array(self.geoms, dtype=object)) if self.geoms else np.array([], dtype=object)
        )
        pyogrio.raw.write(
            self.path,
            geometry,
            field_data,
            [n for n, _ in self.fields],
            field_mask=masks,
            layer=self.layer,
            driver="GPKG",
            geometry_type=self.geometry_type,
            crs="EPSG:28992",
            encoding="UTF-8",
            append=self._started,
            layer_metadata=None if self._started else self.metadata,
            dataset_metadata=None if self._started or self.path.exists() else FICTIEF_METADATA,
        )
        self._started = True
        self.count += len(self.rows)
        self.rows, self.geoms = [], []


class DelimitedWriter:
    """CSV as municipalities export it: delimiter, encoding and decimal comma configurable."""

    def __init__(
        self,
        path: Path,
        header: list[str],
        *,
        delimiter: str = ";",
        encoding: str = "utf-8",
        decimal_comma: bool = False,
    ):
        self.fh = open(path, "w", encoding=encoding, errors="replace", newline="")  # noqa: SIM115 (closed in close())
        self.writer = csv.writer(self.fh, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
        self.header, self.decimal_comma, self.count = header, decimal_comma, 0
        self.writer.writerow(header)

    def add(self, row: dict) -> None:
        values = []
        for name in self.header:
            value = row.get(name)
            if value is None:
                value = ""
            elif isinstance(value, float):
                value = f"{value:.6f}".rstrip("0").rstrip(".")
                if self.decimal_comma:
                    value = value.replace(".", ",")
            elif isinstance(value, bool):
                value = "ja" if value else "nee"
            values.append(value)
        self.writer.writerow(values)
        self.count += 1

    def close(self) -> None:
        self.fh.close()


class NdjsonWriter:
    """One JSON document per line, so readers can stream without loading the file."""

    def __init__(self, path: Path):
        self.fh = open(path, "w", encoding="utf-8")  # noqa: SIM115 (closed in close())
        self.count = 0

    def add(self, document: dict) -> None:
        self.fh.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")))
        self.fh.write("\n")
        self.count += 1

    def close(self) -> None:
        self.fh.close()


GML_SRS = "urn:ogc:def:crs:EPSG::28992"


class PerceelGmlWriter:
    """The kadastrale kaart as the Kadaster delivers it in GML 3.2: one nested brk_krt:Perceel per
    parcel (what importers/gml.py reads), written feature by feature so memory stays bounded."""

    def __init__(self, path: Path):
        self.fh = open(path, "w", encoding="utf-8")  # noqa: SIM115 (closed in close())
        self.count = 0
        self.fh.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            "<!-- Synthetisch Overijssel (Weerbaar): alle percelen zijn fictief. -->\n"
            '<brk_krt:KadastraleKaartCollection xmlns:brk_krt="http://www.kadaster.nl/schemas/brkkadastralekaart/v20160101"'
            ' xmlns:gml="http://www.opengis.net/gml/3.2" gml:id="IMKAD.NL.0">\n'
        )

    @staticmethod
    def _ring(ring) -> str:
        xy = shapely.get_coordinates(ring)
        pos = " ".join(f"{x:.3f} {y:.3f}" for x, y in xy)
        return (
            f'<gml:LinearRing><gml:posList srsDimension="2" count="{len(xy)}">{pos}</gml:posList>'
            "</gml:LinearRing>"
        )

    def add(self, row: dict, polygon) -> None:
        """`row` is a perceel_row (the GeoPackage feature); `polygon` the parcel outline.

        One feature per line, without indentation: at scale 1 that saves a third of the file.
        """
        lokaal = str(row["identificatie"]).rsplit(".", 1)[-1]
        rings = f"<gml:exterior>{self._ring(polygon.exterior)}</gml:exterior>" + "".join(
            f"<gml:interior>{self._ring(hole)}</gml:interior>" for hole in polygon.interiors
        )
        x, y = row["perceelnummerPlaatscoordinaatX"], row["perceelnummerPlaatscoordinaatY"]
        code, naam = escape(row["AKRKadastraleGemeenteCode"]), escape(row["kadastraleGemeenteWaarde"])
        gemeente = (
            "<brk_krt:kadastraleGemeente><brk_krt:KadastraleGemeenteKeuze>"
            f"<brk_krt:AKRKadastraleGemeenteCode>{code}</brk_krt:AKRKadastraleGemeenteCode>"
            f"<brk_krt:kadastraleGemeente><brk_krt:waarde>{naam}</brk_krt:waarde></brk_krt:kadastraleGemeente>"
            "</brk_krt:KadastraleGemeenteKeuze></brk_krt:kadastraleGemeente>"
        )
        self.fh.write(
            "<brk_krt:perceelMember>"
            f'<brk_krt:Perceel gml:id="NL.IMKAD.KadastraalObject.{lokaal}">'
            "<brk_krt:identificatie><brk_krt:NEN3610ID>"
            "<brk_krt:namespace>NL.IMKAD.KadastraalObject</brk_krt:namespace>"
            f"<brk_krt:lokaalID>{lokaal}</brk_krt:lokaalID>"
            "</brk_krt:NEN3610ID></brk_krt:identificatie>"
            f"<brk_krt:kadastraleAanduiding><brk_krt:TypeKadastraleAanduiding>{gemeente}"
            f"<brk_krt:sectie>{escape(row['sectie'])}</brk_krt:sectie>"
            f"<brk_krt:perceelnummer>{row['perceelnummer']}</brk_krt:perceelnummer>"
            "</brk_krt:TypeKadastraleAanduiding></brk_krt:kadastraleAanduiding>"
            f'<brk_krt:begrenzingPerceel><gml:Polygon srsName="{GML_SRS}" gml:id="vlak.{lokaal}">'
            f"{rings}</gml:Polygon></brk_krt:begrenzingPerceel>"
            "<brk_krt:kadastraleGrootte><brk_krt:TypeOppervlak>"
            f"<brk_krt:waarde>{row['kadastraleGrootteWaarde']}</brk_krt:waarde>"
            "</brk_krt:TypeOppervlak></brk_krt:kadastraleGrootte>"
            "<brk_krt:perceelnummerRotatie>0</brk_krt:perceelnummerRotatie>"
            f'<brk_krt:plaatscoordinaten><gml:Point srsName="{GML_SRS}" gml:id="punt.{lokaal}">'
            f"<gml:pos>{x:.3f} {y:.3f}</gml:pos></gml:Point></brk_krt:plaatscoordinaten>"
            "</brk_krt:Perceel></brk_krt:perceelMember>\n"
        )
        self.count += 1

    def close(self) -> None:
        self.fh.write("</brk_krt:KadastraleKaartCollection>\n")
        self.fh.close()
