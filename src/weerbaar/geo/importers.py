"""Reading layer files into features in RD New: the map layers' importer plugin on weerbaar.importing.

Formats: GeoPackage, zipped Shapefile, GeoJSON, GML (through the framework's GDAL reader) and
delimited text with coordinate columns (RD New or WGS84; any delimiter, UTF-8 or Windows-1252,
decimal commas). Every problem names the feature (`object 3 (fid)`, or the line of a CSV: `rij 3
(fid)`): unknown CRS, invalid geometry (repaired with `make_valid` only when the repair keeps
the shape, otherwise refused), mixed geometry types, a repeated id, text that is not in the
declared encoding. A layer keeps its valid features (the framework's keep-valid-rows policy);
a file-level problem or no valid feature at all imports nothing.

The feature id comes from the column given (`id_field`), else from a column named as an
identifier (`ID_FIELDS`); a repeated id there is an error naming both rows, never renamed. A
name-like column (`NAME_FIELDS`: naam, postcode) is taken as id only when it is unique;
otherwise the features keep their own numbers, and the report says why.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from weerbaar.importing import (
    FailurePolicy,
    FileError,
    Importer,
    ImporterRegistry,
    Progress,
    RowError,
    RunRecord,
    checked_rows,
)
from weerbaar.importing.crs import KNOWN_CRS, WGS84, ToRD, epsg, guess_srid
from weerbaar.importing.geometry import FAMILIES, repair
from weerbaar.importing.readers import gdal
from weerbaar.importing.readers.text import DelimitedReader, decimal, encoding_name

ID_FIELDS = ("id", "identificatie", "fid", "code", "statcode", "top10nl_id")
NAME_FIELDS = ("postcode", "naam")
X_COLUMNS = ("x", "x_rd", "rd_x", "lon", "lng", "longitude", "lengtegraad")
Y_COLUMNS = ("y", "y_rd", "rd_y", "lat", "latitude", "breedtegraad")
TEXT_SUFFIXES = {".csv", ".txt"}
#: re-exported for the callers that know the CRSs by this module
__all__ = [
    "KNOWN_CRS",
    "WGS84",
    "ImportFailed",
    "ImportReport",
    "LayerFileImporter",
    "importers",
    "read_features",
]


class ImportFailed(Exception):
    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__("; ".join(report.errors) or "import failed")


@dataclass
class ParsedFeature:
    fid: str
    geometry: BaseGeometry  # in RD New
    properties: dict[str, Any]


@dataclass
class ImportReport:
    """What a layer import found: the run (rows, problems, status) and what the layer file is."""

    run: RunRecord
    format: str = ""
    crs: str = ""
    encoding: str = ""
    geometry_type: str = ""
    imported: int = 0
    repaired: list[str] = field(default_factory=list)
    #: labels of the refused features: "object 3 (Strik): ..." / "rij 4 (A12): ..."
    rejected: list[str] = field(default_factory=list)
    #: fatal problems: nothing is imported
    errors: list[str] = field(default_factory=list)
    #: attributes whose names look like personal data (set by the layer service)
    personal_data: list[str] = field(default_factory=list)

    @property
    def source(self) -> str:
        return self.run.source

    @property
    def read(self) -> int:
        return self.run.report.rows

    @property
    def warnings(self) -> list[str]:
        return self.run.report.warnings

    @property
    def status(self) -> str:
        return str(self.run.status)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "crs": self.crs,
            "encoding": self.encoding,
            "geometry_type": self.geometry_type,
            "read": self.read,
            "imported": self.imported,
            "repaired": self.repaired,
            "rejected": self.rejected,
            "errors": self.errors,
            "warnings": self.warnings,
            "personal_data": self.personal_data,
            "status": self.status,
            "run": self.run.as_dict(),
        }

    def summary(self) -> str:
        lines = [
            f"{self.source}: {self.format}, {self.crs or '?'}, {self.encoding or '?'}, {self.geometry_type or '?'}",
            f"gelezen {self.read}, geïmporteerd {self.imported}, hersteld {len(self.repaired)}, "
            f"geweigerd {self.run.report.refused}",
        ]
        lines += [f"FOUT: {e}" for e in self.errors]
        lines += [f"waarschuwing: {w}" for w in self.warnings]
        lines += [f"hersteld: {r}" for r in self.repaired]
        lines += [f"geweigerd: {r}" for r in self.rejected]
        return "\n".join(lines)


def _json_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _number(text: Any) -> float | None:
    try:
        value = decimal(text)
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None


@dataclass
class _Item:
    """One feature as read, before the checks: its row, id, geometry (in the file's CRS) and attributes."""

    row: int
    fid: str
    geometry: BaseGeometry | None
    properties: dict[str, Any]
    problem: tuple[str, str] | None = None


#: the map layers' importer plugins (one so far: every layer file goes through LayerFileImporter)
importers = ImporterRegistry("geo")


@importers.register("kaartlaag")
class LayerFileImporter(Importer):
    """A layer file into features in RD New (see the module docstring); the options are the
    `import_layer` command's: layer, crs, encoding, id_field, x_field, y_field, geometry_type
    (point|line|polygon), where ({attribute: value})."""

    label = "Kaartlaag (GeoPackage, zip met Shapefile, GeoJSON, GML of CSV met coördinaten)"
    policy = FailurePolicy.KEEP_VALID_ROWS
    key_field = "fid"

    def __init__(
        self,
        *,
        layer: str | None = None,
        crs: str | None = None,
        encoding: str | None = None,
        id_field: str | None = None,
        x_field: str | None = None,
        y_field: str | None = None,
        geometry_type: str | None = None,
        where: dict[str, str] | None = None,
    ) -> None:
        self.layer, self.crs, self.encoding = layer, crs, encoding
        self.id_field, self.x_field, self.y_field = id_field, x_field, y_field
        self.geometry_type, self.where = geometry_type, where
        self.details = ImportReport(run=RunRecord(importer=self.name, source="", policy=self.policy))
        self.row_kind = "object"
        self.fids: dict[int, str] = {}
        self.wanted = ""
        self.to_rd: ToRD | None = None

    def matches(self, path: Path) -> bool:
        return path.suffix.lower() in TEXT_SUFFIXES or path.suffix.lower() in gdal.FORMATS

    def where_is(self, row: int) -> str:
        """'object 3 (Strik)' / 'rij 4 (A12)': how the report names a feature."""
        fid = self.fids.get(row, "")
        return f"{self.row_kind} {row} ({fid})" if fid and fid != str(row) else f"{self.row_kind} {row}"

    # --- reading --------------------------------------------------------------------------------

    def rows(self, path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every feature, once the whole file is read and its CRS and geometry type decided."""
        if path.suffix.lower() in TEXT_SUFFIXES:
            self.row_kind = "rij"
            items, srid = self._text_items(path)
        else:
            items, srid = self._vector_items(path)
        self.details.crs = KNOWN_CRS[srid]
        self.to_rd = ToRD(srid)
        self.wanted = self._family(items)
        self.details.geometry_type = self.wanted
        for item in items:
            self.fids[item.row] = item.fid
            yield item.row, {"item": item}

    def _vector_items(self, path: Path) -> tuple[list[_Item], int]:
        source = gdal.vector_source(path, self.layer)
        self.details.format = source.format
        if source.format == "GeoPackage" and source.layer is None:
            layers = gdal.layer_names(source.path, with_geometry=True)
            if len(layers) > 1:
                raise FileError(
                    f"de GeoPackage heeft meer lagen ({', '.join(layers)}); kies er één", code="layer"
                )
            source = gdal.VectorSource(source.path, source.format, layers[0] if layers else None)
        data = gdal.read_layer(source, encoding=self.encoding)
        self.details.encoding = self.encoding or data.meta.get("encoding") or ""
        srid = epsg(self.crs) or epsg(data.meta.get("crs"))
        if srid is None or srid not in KNOWN_CRS:
            described = self.crs or data.meta.get("crs") or "geen"
            raise FileError(
                f"onbekend coördinatenstelsel ({str(described)[:80]}); gebruik RD New (EPSG:28992) of WGS84 "
                "(EPSG:4326), of geef het stelsel op (--crs)",
                "crs",
                code="crs",
            )
        names = data.fields
        self.details.run.report.columns = names
        items = []
        for i in range(len(data.fids)):
            props = {name: _json_value(data.columns[j][i]) for j, name in enumerate(names)}
            if self.where and any(str(props.get(k)) != v for k, v in self.where.items()):
                continue
            wkb = data.geometries[i]
            geom = shapely.from_wkb(wkb) if wkb is not None else None
            items.append(_Item(i + 1, str(data.fids[i]), geom, props))
        self._take_ids(items, names)
        for item in items:
            for key, value in item.properties.items():
                if isinstance(value, str) and "\ufffd" in value:
                    self.details.run.report.warnings.append(
                        f"{self.where_is(item.row)}: attribuut {key} bevat tekens die niet in de codering "
                        f"{self.details.encoding} staan"
                    )
        return items, srid

    def _text_items(self, path: Path) -> tuple[list[_Item], int]:
        self.details.format = "CSV"
        reader = DelimitedReader(path, encoding=self.encoding, lower=False, strip=False, ragged=True)
        self.details.encoding = self.encoding or encoding_name(reader.encoding)
        fields = reader.header
        self.details.run.report.columns = fields
        lowered = {f.strip().lower(): f for f in fields}
        xcol = self.x_field or next((lowered[c] for c in X_COLUMNS if c in lowered), None)
        ycol = self.y_field or next((lowered[c] for c in Y_COLUMNS if c in lowered), None)
        if not xcol or not ycol:
            raise FileError(
                f"geen coördinaatkolommen gevonden in {', '.join(fields)}; verwacht x/y, lon/lat of geef ze op",
                code="columns",
                missing=["x", "y"],
            )
        items: list[_Item] = []
        for number, row in reader:
            if self.where and any(str(row.get(k)) != v for k, v in self.where.items()):
                continue
            x, y = _number(row.get(xcol, "")), _number(row.get(ycol, ""))
            props = {k: v for k, v in row.items() if k not in (xcol, ycol)}
            item = _Item(number, "", None, props)
            if x is None or y is None:
                item.problem = (xcol, f"coördinaten {row.get(xcol)!r}, {row.get(ycol)!r} zijn geen getallen")
            else:
                item.geometry = shapely.Point(x, y)
            items.append(item)
        self.details.run.report.warnings.extend(reader.warnings)
        self._take_ids(items, [f for f in fields if f not in (xcol, ycol)], numbered=True)
        srid = (
            epsg(self.crs)
            if self.crs
            else guess_srid(
                (i.geometry.x, i.geometry.y) for i in items if isinstance(i.geometry, shapely.Point)
            )
        )
        if srid is None or srid not in KNOWN_CRS:
            raise FileError(
                "onbekend coördinatenstelsel: de coördinaten passen niet in RD New of WGS84 in Nederland; "
                "geef het stelsel op (--crs EPSG:28992 of EPSG:4326)",
                "crs",
                code="crs",
            )
        return items, srid

    def _take_ids(self, items: list[_Item], fields: list[str], *, numbered: bool = False) -> None:
        """Each item's id from the chosen column (or its own number when there is none)."""
        lowered = {f.lower(): f for f in fields}
        column = self.id_field or next((lowered[c] for c in ID_FIELDS if c in lowered), None)
        if column is None:
            for candidate in (lowered[c] for c in NAME_FIELDS if c in lowered):
                values = Counter(str(i.properties.get(candidate)) for i in items)
                if all(n == 1 for n in values.values()):
                    column = candidate
                    break
                repeated = next(v for v, n in values.items() if n > 1)
                rows = [i.row for i in items if str(i.properties.get(candidate)) == repeated][:2]
                self.details.run.report.warnings.append(
                    f"kolom {candidate} is niet uniek ({repeated!r} in {self.row_kind} {rows[0]} en "
                    f"{rows[1]}); de objecten houden hun volgnummer als id"
                )
        for item in items:
            value = item.properties.get(column) if column else None
            given = str(value).strip() if value is not None else ""
            item.fid = given or (str(item.row) if numbered or not item.fid else item.fid)

    def _family(self, items: list[_Item]) -> str:
        """The layer's geometry family: the one asked for, or the one every geometry has."""
        if self.geometry_type:
            return self.geometry_type
        families = Counter(
            FAMILIES.get(i.geometry.geom_type, i.geometry.geom_type)
            for i in items
            if i.geometry is not None and not i.geometry.is_empty
        )
        if len(families) > 1:
            counts = ", ".join(f"{n} × {f}" for f, n in sorted(families.items()))
            raise FileError(
                f"gemengde geometrietypen ({counts}); kies één type (--geometry-type point|line|polygon)",
                "geometry",
                code="geometry",
            )
        return next(iter(families), "")

    # --- checking -------------------------------------------------------------------------------

    def clean(self, raw: dict[str, Any]) -> ParsedFeature:
        item: _Item = raw["item"]
        if item.problem is not None:
            raise RowError([item.problem])
        geom = item.geometry
        if geom is not None and not geom.is_empty and FAMILIES.get(geom.geom_type) != self.wanted:
            raise RowError([("geometry", f"geometrietype {geom.geom_type}, de laag is {self.wanted}")])
        repaired = repair(geom)
        if repaired.geometry is None:
            raise RowError([("geometry", repaired.note)])
        assert self.to_rd is not None  # set by rows()
        try:
            in_rd = self.to_rd(repaired.geometry)
        except Exception as exc:  # a coordinate outside the CRS's domain
            raise RowError([("geometry", f"omzetten naar RD New mislukt ({exc})")]) from exc
        if repaired.note:
            self.details.repaired.append(f"{self.where_is(item.row)}: {repaired.note}")
        return ParsedFeature(item.fid, in_rd, item.properties)

    def key(self, cleaned: ParsedFeature) -> str:
        return cleaned.fid

    def duplicate_message(self, value: Any, first_row: int) -> str:
        return f"dubbele id {value!r}, ook in {self.row_kind} {first_row}"


def read_features(
    path: str | Path, *, progress: Progress | None = None, **options: Any
) -> tuple[list[ParsedFeature], ImportReport]:
    """Read `path` into features in RD New; raise ImportFailed when nothing can be imported."""
    path = Path(path)
    opts = {k: v for k, v in options.items() if v is not None}
    importer = LayerFileImporter(**opts)
    report = importer.details
    report.run.source = path.name
    run = report.run
    features: list[ParsedFeature] = []
    if not path.exists():
        run.report.fail(FileError(f"bestand {path} bestaat niet", code="unreadable"))
    else:
        features = [cleaned for _row, cleaned in checked_rows(importer, path, run.report, progress=progress)]
    if run.report.file_error is None and not features:
        run.report.fail(FileError("geen enkel bruikbaar object in het bestand"))
    if run.report.file_error is not None:
        report.errors.append(run.report.file_error.message)
        features = []
    report.rejected = [f"{importer.where_is(p.row)}: {p.message}" for p in run.report.problems if p.row]
    report.imported = len(features)
    run.finish(stored=len(features))
    if report.errors:
        raise ImportFailed(report)
    return features, report
