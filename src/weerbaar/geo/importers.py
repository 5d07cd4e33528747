"""Reading layer files into features in RD New, with a per-feature report.

Formats: GeoPackage, zipped Shapefile, GeoJSON (via GDAL/pyogrio) and CSV with coordinate columns
(RD New or WGS84). Every problem names the feature: unknown CRS, invalid geometry (repaired with
`make_valid` only when the repair keeps the shape, otherwise rejected), mixed geometry types, text
that is not in the declared encoding.
"""

from __future__ import annotations

import csv
import io
import math
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio
import shapely
from django.contrib.gis.gdal import CoordTransform, SpatialReference
from django.contrib.gis.geos import GEOSGeometry
from shapely.geometry.base import BaseGeometry

RD_NEW = 28992
WGS84 = 4326
#: CRSs a file may come in; everything is stored in RD New
KNOWN_CRS = {
    28992: "EPSG:28992 (RD New)",
    4326: "EPSG:4326 (WGS84)",
    4258: "EPSG:4258 (ETRS89)",
    3857: "EPSG:3857",
}
#: relative area change a repair may cause and still count as safe
SAFE_REPAIR_AREA = 0.01
ID_FIELDS = ("id", "identificatie", "fid", "code", "statcode", "top10nl_id", "postcode", "naam")
X_COLUMNS = ("x", "x_rd", "rd_x", "lon", "lng", "longitude", "lengtegraad")
Y_COLUMNS = ("y", "y_rd", "rd_y", "lat", "latitude", "breedtegraad")
FAMILIES = {
    "Point": "point",
    "MultiPoint": "point",
    "LineString": "line",
    "MultiLineString": "line",
    "Polygon": "polygon",
    "MultiPolygon": "polygon",
}


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
    source: str = ""
    format: str = ""
    crs: str = ""
    encoding: str = ""
    geometry_type: str = ""
    read: int = 0
    imported: int = 0
    repaired: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    #: fatal problems: nothing is imported
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    def summary(self) -> str:
        lines = [
            f"{self.source}: {self.format}, {self.crs or '?'}, {self.encoding or '?'}, {self.geometry_type or '?'}",
            f"gelezen {self.read}, geïmporteerd {self.imported}, hersteld {len(self.repaired)}, "
            f"geweigerd {len(self.rejected)}",
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


def _epsg(crs: str | None) -> int | None:
    if not crs:
        return None
    text = crs.strip()
    upper = text.upper()
    if upper in {"OGC:CRS84", "CRS84", "URN:OGC:DEF:CRS:OGC:1.3:CRS84"}:
        return WGS84
    if upper.startswith("EPSG:") and upper[5:].isdigit():
        return int(upper[5:])
    if upper.isdigit():
        return int(upper)
    try:
        srs = SpatialReference(text)
        srs.identify_epsg()
        return int(srs.srid) if srs.srid else None
    except Exception:
        return None


def _feature_name(index: int, fid: str) -> str:
    return f"object {index + 1} ({fid})" if fid and fid != str(index + 1) else f"object {index + 1}"


def _to_rd(geom: BaseGeometry, srid: int, transforms: dict[int, CoordTransform]) -> BaseGeometry:
    if srid == RD_NEW:
        return geom
    if srid not in transforms:
        transforms[srid] = CoordTransform(SpatialReference(srid), SpatialReference(RD_NEW))
    g = GEOSGeometry(memoryview(shapely.to_wkb(geom)), srid=srid)
    g.transform(transforms[srid])
    return shapely.from_wkb(bytes(g.wkb))


def _same_family(geom: BaseGeometry, family: str) -> BaseGeometry | None:
    """Keep only the parts of `geom` in the given family (make_valid can return collections)."""
    if FAMILIES.get(geom.geom_type) == family:
        return geom
    if geom.geom_type == "GeometryCollection":
        parts = [p for p in shapely.get_parts(geom) if FAMILIES.get(p.geom_type) == family]
        if not parts:
            return None
        return shapely.union_all(parts)
    return None


def check_geometry(geom: BaseGeometry | None, name: str, report: ImportReport) -> BaseGeometry | None:
    """The geometry as stored, or None when it must be rejected (the report says why)."""
    if geom is None or geom.is_empty:
        report.rejected.append(f"{name}: geen geometrie")
        return None
    family = FAMILIES.get(geom.geom_type)
    if family is None:
        report.rejected.append(f"{name}: geometrietype {geom.geom_type} wordt niet ondersteund")
        return None
    if geom.is_valid:
        return geom
    reason = shapely.is_valid_reason(geom)
    repaired = _same_family(shapely.make_valid(geom), family)
    if repaired is None or repaired.is_empty:
        report.rejected.append(f"{name}: ongeldige geometrie ({reason}), niet te herstellen")
        return None
    if family == "polygon":
        # the shoelace area of the input: a bow-tie cancels out, a sliver barely changes it
        before = _shoelace_area(geom)
        after = repaired.area
        if before == 0 or abs(after - before) / max(before, after) > SAFE_REPAIR_AREA:
            report.rejected.append(
                f"{name}: ongeldige geometrie ({reason}); herstel zou de oppervlakte wijzigen "
                f"van {before:.0f} naar {after:.0f} en is daarom niet veilig"
            )
            return None
    report.repaired.append(f"{name}: {reason}")
    return repaired


def _ring_area(ring: Any) -> float:
    c = np.asarray(ring.coords)
    return 0.5 * float(np.dot(c[:-1, 0], c[1:, 1]) - np.dot(c[1:, 0], c[:-1, 1]))


def _shoelace_area(geom: BaseGeometry) -> float:
    """The area as the rings describe it, without repair: a bow-tie's two lobes cancel out."""
    total = 0.0
    for polygon in shapely.get_parts(geom):
        total += abs(_ring_area(polygon.exterior)) - sum(abs(_ring_area(r)) for r in polygon.interiors)
    return total


def _prepare(
    items: list[tuple[str, BaseGeometry | None, dict[str, Any]]],
    srid: int,
    report: ImportReport,
    geometry_type: str | None,
) -> list[ParsedFeature]:
    transforms: dict[int, CoordTransform] = {}
    families: dict[str, int] = {}
    for _fid, geom, _props in items:
        if geom is not None and not geom.is_empty:
            family = FAMILIES.get(geom.geom_type, geom.geom_type)
            families[family] = families.get(family, 0) + 1
    wanted = geometry_type
    if wanted is None:
        if len(families) > 1:
            counts = ", ".join(f"{n} × {f}" for f, n in sorted(families.items()))
            report.errors.append(
                f"gemengde geometrietypen ({counts}); kies één type (--geometry-type point|line|polygon)"
            )
            return []
        wanted = next(iter(families), "")
    report.geometry_type = wanted
    features = []
    seen: set[str] = set()
    for index, (fid, geom, props) in enumerate(items):
        name = _feature_name(index, fid)
        if geom is not None and not geom.is_empty and FAMILIES.get(geom.geom_type) != wanted:
            report.rejected.append(f"{name}: geometrietype {geom.geom_type}, de laag is {wanted}")
            continue
        checked = check_geometry(geom, name, report)
        if checked is None:
            continue
        try:
            checked = _to_rd(checked, srid, transforms)
        except Exception as exc:  # a coordinate outside the CRS's domain
            report.rejected.append(f"{name}: omzetten naar RD New mislukt ({exc})")
            continue
        key = fid or str(index + 1)
        if key in seen:
            key = f"{key}-{index + 1}"
        seen.add(key)
        features.append(ParsedFeature(key, checked, props))
    report.imported = len(features)
    if not features and not report.errors:
        report.errors.append("geen enkel bruikbaar object in het bestand")
    return features


def _pick_id_field(fields: list[str], id_field: str | None) -> str | None:
    if id_field:
        return id_field
    lowered = {f.lower(): f for f in fields}
    return next((lowered[c] for c in ID_FIELDS if c in lowered), None)


def _vector_source(path: Path, layer: str | None) -> tuple[str, str, str | None]:
    """(path for GDAL, format name, layer)."""
    suffix = path.suffix.lower()
    if suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            shps = [n for n in archive.namelist() if n.lower().endswith(".shp")]
        if not shps:
            raise ValueError("het zip-bestand bevat geen .shp")
        if len(shps) > 1 and layer is None:
            raise ValueError(f"het zip-bestand bevat meer shapefiles ({', '.join(shps)}); kies er één")
        shp = next((s for s in shps if Path(s).stem == layer), shps[0])
        return f"/vsizip/{path}/{shp}", "Shapefile (zip)", None
    if suffix == ".gpkg":
        return str(path), "GeoPackage", layer
    if suffix in {".geojson", ".json"}:
        return str(path), "GeoJSON", None
    if suffix == ".shp":
        return str(path), "Shapefile", None
    raise ValueError(f"onbekend bestandsformaat {suffix or path.name}")


def read_vector(
    path: Path,
    *,
    layer: str | None = None,
    crs: str | None = None,
    encoding: str | None = None,
    id_field: str | None = None,
    geometry_type: str | None = None,
    where: dict[str, str] | None = None,
    report: ImportReport,
) -> list[ParsedFeature]:
    try:
        source, report.format, layer = _vector_source(path, layer)
    except (ValueError, zipfile.BadZipFile) as exc:
        report.errors.append(str(exc))
        return []
    if report.format == "GeoPackage" and layer is None:
        layers = [name for name, geom_type in pyogrio.list_layers(source) if geom_type]
        if len(layers) > 1:
            report.errors.append(f"de GeoPackage heeft meer lagen ({', '.join(layers)}); kies er één")
            return []
        layer = layers[0] if layers else None
    try:
        meta, fids, geometries, columns = pyogrio.raw.read(
            source, layer=layer, encoding=encoding, return_fids=True, datetime_as_string=True
        )
    except UnicodeDecodeError as exc:
        report.errors.append(f"tekst is niet in de codering {encoding or 'van het bestand'}: {exc}")
        return []
    except Exception as exc:
        report.errors.append(f"bestand niet leesbaar: {exc}")
        return []
    report.encoding = encoding or meta.get("encoding") or ""
    srid = _epsg(crs) or _epsg(meta.get("crs"))
    if srid is None or srid not in KNOWN_CRS:
        described = crs or meta.get("crs") or "geen"
        report.errors.append(
            f"onbekend coördinatenstelsel ({str(described)[:80]}); gebruik RD New (EPSG:28992) of WGS84 "
            "(EPSG:4326), of geef het stelsel op (--crs)"
        )
        return []
    report.crs = KNOWN_CRS[srid]
    names = list(meta["fields"])
    idf = _pick_id_field(names, id_field)
    items = []
    for i in range(len(fids)):
        props = {name: _json_value(columns[j][i]) for j, name in enumerate(names)}
        if where and any(str(props.get(k)) != v for k, v in where.items()):
            continue
        for key, value in props.items():
            if isinstance(value, str) and "\ufffd" in value:
                report.warnings.append(
                    f"{_feature_name(i, str(fids[i]))}: attribuut {key} bevat tekens die niet in de codering "
                    f"{report.encoding} staan"
                )
        wkb = geometries[i]
        geom = shapely.from_wkb(wkb) if wkb is not None else None
        fid = str(props.get(idf)) if idf and props.get(idf) is not None else str(fids[i])
        items.append((fid, geom, props))
    report.read = len(items)
    return _prepare(items, srid, report, geometry_type)


def _decode(raw: bytes, encoding: str | None, report: ImportReport) -> str | None:
    if encoding:
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            report.errors.append(f"het bestand is niet in de codering {encoding}: {exc}")
            return None
        report.encoding = encoding
        return text.lstrip("\ufeff")
    try:
        text = raw.decode("utf-8-sig")
        report.encoding = "UTF-8"
        return text
    except UnicodeDecodeError:
        report.encoding = "cp1252"
        report.warnings.append("het bestand is geen UTF-8; gelezen als Windows-1252 (cp1252)")
        return raw.decode("cp1252", errors="replace")


def _number(text: str) -> float | None:
    text = (text or "").strip().replace(" ", "")
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _guess_srid(points: list[tuple[float, float]]) -> int | None:
    if not points:
        return None
    if all(0 <= x <= 300_000 and 289_000 <= y <= 630_000 for x, y in points):
        return RD_NEW
    if all(2.0 <= x <= 8.0 and 50.0 <= y <= 54.0 for x, y in points):
        return WGS84
    return None


def read_csv(
    path: Path,
    *,
    crs: str | None = None,
    encoding: str | None = None,
    id_field: str | None = None,
    x_field: str | None = None,
    y_field: str | None = None,
    where: dict[str, str] | None = None,
    report: ImportReport,
) -> list[ParsedFeature]:
    report.format = "CSV"
    text = _decode(path.read_bytes(), encoding, report)
    if text is None:
        return []
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    fields = reader.fieldnames or []
    lowered = {f.strip().lower(): f for f in fields}
    xcol = x_field or next((lowered[c] for c in X_COLUMNS if c in lowered), None)
    ycol = y_field or next((lowered[c] for c in Y_COLUMNS if c in lowered), None)
    if not xcol or not ycol:
        report.errors.append(
            f"geen coördinaatkolommen gevonden in {', '.join(fields)}; verwacht x/y, lon/lat of geef ze op"
        )
        return []
    rows = list(reader)
    idf = _pick_id_field([f for f in fields if f not in (xcol, ycol)], id_field)
    items: list[tuple[str, BaseGeometry | None, dict[str, Any]]] = []
    coords = []
    for i, row in enumerate(rows):
        if where and any(str(row.get(k)) != v for k, v in where.items()):
            continue
        x, y = _number(row.get(xcol, "")), _number(row.get(ycol, ""))
        fid = (row.get(idf) or "").strip() if idf else str(i + 1)
        props = {k: v for k, v in row.items() if k not in (xcol, ycol) and k is not None}
        if x is None or y is None:
            report.rejected.append(
                f"rij {i + 2} ({fid}): coördinaten {row.get(xcol)!r}, {row.get(ycol)!r} zijn geen getallen"
            )
            continue
        coords.append((x, y))
        items.append((fid, shapely.Point(x, y), props))
    report.read = len(rows)
    srid = _epsg(crs) if crs else _guess_srid(coords)
    if srid is None or srid not in KNOWN_CRS:
        report.errors.append(
            "onbekend coördinatenstelsel: de coördinaten passen niet in RD New of WGS84 in Nederland; "
            "geef het stelsel op (--crs EPSG:28992 of EPSG:4326)"
        )
        return []
    report.crs = KNOWN_CRS[srid]
    rejected_before = len(report.rejected)
    features = _prepare(items, srid, report, None)
    # name CSV rows by their line number rather than their position among the points
    report.rejected[rejected_before:] = [
        r.replace("object ", "punt ", 1) for r in report.rejected[rejected_before:]
    ]
    return features


def read_features(path: str | Path, **options: Any) -> tuple[list[ParsedFeature], ImportReport]:
    """Read `path` into features in RD New; raise ImportFailed when nothing can be imported."""
    path = Path(path)
    report = ImportReport(source=path.name)
    if not path.exists():
        report.errors.append(f"bestand {path} bestaat niet")
        raise ImportFailed(report)
    opts = {k: v for k, v in options.items() if v is not None}
    if path.suffix.lower() in {".csv", ".txt"}:
        opts.pop("layer", None)
        opts.pop("geometry_type", None)
        features = read_csv(path, report=report, **opts)
    else:
        opts.pop("x_field", None)
        opts.pop("y_field", None)
        features = read_vector(path, report=report, **opts)
    if report.errors:
        raise ImportFailed(report)
    return features, report
