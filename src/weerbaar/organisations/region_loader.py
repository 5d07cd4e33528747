"""Load a region (boundaries + organisations + further sections) from files, all or nothing.

A region is described by a manifest (`region.yaml`) next to its files. Every file is read and
checked before anything is written, so a malformed file or one in the wrong CRS changes nothing.
Sections other than boundaries and organisations (e.g. `grants`) belong to other apps: each
registers a loader in `region_sections` from its `ready()`, and it runs in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.contrib.gis.gdal import DataSource, GDALException
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.db import transaction

from weerbaar.core.registry import Registry

from .models import RD_NEW, Area, AreaKind, Organisation, OrganisationKind, Region

#: Bounds of the RD New grid; coordinates outside it mean the file is not really in RD New.
RD_BOUNDS = (-7000.0, 289000.0, 300000.0, 629000.0)


class RegionLoadError(Exception):
    """A problem in one of the region's files; the message names the file and feature."""


#: manifest key -> loader(rows) for a section another app owns (e.g. "grants": privacy);
#: a loader raises ValueError naming the row for data it cannot store
region_sections: Registry[Callable[[list[Any]], Any]] = Registry("region section")


@dataclass
class BoundaryFeature:
    code: str
    name: str
    kind: str
    geometry: MultiPolygon


@dataclass
class RegionData:
    code: str
    name: str
    credit: str
    boundaries: list[BoundaryFeature] = field(default_factory=list)
    organisations: list[dict[str, Any]] = field(default_factory=list)
    #: manifest key -> the rows of a section another app loads (see region_sections)
    sections: dict[str, list[Any]] = field(default_factory=dict)


def _srid_of(layer: Any) -> int | None:
    srs = layer.srs
    if srs is None:
        return None
    try:
        srs.identify_epsg()
    except GDALException:
        return None
    return srs.srid


def read_boundaries(path: Path, *, kind: str, code_field: str, name_field: str) -> list[BoundaryFeature]:
    """Read one boundary file and check CRS, geometry type, validity and the fields we need."""
    if kind not in AreaKind.values:
        raise RegionLoadError(f"{path.name}: unknown boundary kind {kind!r}")
    try:
        source = DataSource(str(path))
    except GDALException as exc:
        raise RegionLoadError(f"{path.name}: not a readable geodata file ({exc})") from exc
    layer = source[0]
    srid = _srid_of(layer)
    if srid != RD_NEW:
        found = f"EPSG:{srid}" if srid else "no CRS (GeoJSON without crs means WGS84)"
        raise RegionLoadError(f"{path.name}: CRS is {found}, expected EPSG:{RD_NEW} (RD New)")
    features = []
    for index, feature in enumerate(layer, start=1):
        label = f"{path.name}, feature {index}"
        fields = set(feature.fields)
        for needed in (code_field, name_field):
            if needed not in fields:
                raise RegionLoadError(f"{label}: field {needed!r} is missing")
        code = str(feature.get(code_field) or "").strip()
        name = str(feature.get(name_field) or "").strip()
        if not code:
            raise RegionLoadError(f"{label}: field {code_field!r} is empty")
        label = f"{path.name}, feature {index} ({code})"
        try:
            geometry = GEOSGeometry(feature.geom.wkb, srid=RD_NEW)
        except (GDALException, ValueError) as exc:
            raise RegionLoadError(f"{label}: broken geometry ({exc})") from exc
        if geometry.geom_type == "Polygon":
            geometry = MultiPolygon(geometry, srid=RD_NEW)
        if geometry.geom_type != "MultiPolygon":
            raise RegionLoadError(f"{label}: geometry is {geometry.geom_type}, expected (Multi)Polygon")
        if geometry.empty:
            raise RegionLoadError(f"{label}: geometry is empty")
        if not geometry.valid:
            raise RegionLoadError(f"{label}: invalid geometry ({geometry.valid_reason})")
        xmin, ymin, xmax, ymax = geometry.extent
        bx0, by0, bx1, by1 = RD_BOUNDS
        if xmin < bx0 or ymin < by0 or xmax > bx1 or ymax > by1:
            raise RegionLoadError(
                f"{label}: coordinates ({xmin:.0f}, {ymin:.0f}) – ({xmax:.0f}, {ymax:.0f}) lie "
                "outside the RD New grid; the file is probably in another CRS"
            )
        assert isinstance(geometry, MultiPolygon)
        features.append(BoundaryFeature(code=code, name=name, kind=kind, geometry=geometry))
    if not features:
        raise RegionLoadError(f"{path.name}: no features")
    return features


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise RegionLoadError(f"{path.name}: cannot read ({exc})") from exc


def _check_organisations(path: Path, rows: Any) -> list[dict[str, Any]]:
    if not isinstance(rows, list):
        raise RegionLoadError(f"{path.name}: expected a list of organisations")
    seen: set[str] = set()
    for index, row in enumerate(rows, start=1):
        label = f"{path.name}, organisation {index}"
        if not isinstance(row, dict):
            raise RegionLoadError(f"{label}: expected a mapping")
        for needed in ("code", "name", "kind"):
            if not row.get(needed):
                raise RegionLoadError(f"{label}: field {needed!r} is missing")
        if row["kind"] not in OrganisationKind.values:
            raise RegionLoadError(f"{label} ({row['code']}): unknown kind {row['kind']!r}")
        if row["code"] in seen:
            raise RegionLoadError(f"{label}: duplicate code {row['code']!r}")
        seen.add(row["code"])
    return rows


def read_region(manifest: Path, overrides: dict[str, Path] | None = None) -> RegionData:
    """Read and check everything a region manifest names. Writes nothing."""
    spec = _read_yaml(manifest)
    if not isinstance(spec, dict) or not spec.get("code") or not spec.get("name"):
        raise RegionLoadError(f"{manifest.name}: needs at least 'code' and 'name'")
    base = manifest.parent
    overrides = overrides or {}
    data = RegionData(code=spec["code"], name=spec["name"], credit=spec.get("credit", ""))
    for entry in spec.get("boundaries", []):
        path = overrides.get(entry["kind"]) or base / entry["file"]
        data.boundaries += read_boundaries(
            path,
            kind=entry["kind"],
            code_field=entry.get("code_field", "code"),
            name_field=entry.get("name_field", "name"),
        )
    codes = [b.code for b in data.boundaries]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise RegionLoadError(f"{manifest.name}: boundary codes occur twice: {', '.join(duplicates)}")
    org_path = overrides.get("organisations") or (
        base / spec["organisations"] if spec.get("organisations") else None
    )
    if org_path:
        data.organisations = _check_organisations(org_path, _read_yaml(org_path))
    for key, filename in spec.items():
        if key in _OWN_KEYS:
            continue
        if key not in region_sections:
            raise RegionLoadError(
                f"{manifest.name}: unknown section {key!r} (known: {sorted(region_sections)})"
            )
        rows = _read_yaml(base / filename)
        if not isinstance(rows, list):
            raise RegionLoadError(f"{filename}: expected a list of {key}")
        data.sections[key] = rows
    return data


_OWN_KEYS = frozenset({"code", "name", "credit", "boundaries", "organisations"})


_KIND_PREFIX = {AreaKind.GEMEENTE: "Gemeente", AreaKind.PROVINCIE: "Provincie"}


def _boundary_organisation(boundary: BoundaryFeature, region: Region) -> dict[str, Any]:
    return {
        "name": f"{_KIND_PREFIX[AreaKind(boundary.kind)]} {boundary.name}",
        "kind": boundary.kind,
        "cbs_code": boundary.code,
        "region": region,
    }


def _boundary_area(
    boundary: BoundaryFeature, region: Region, organisation: Organisation, credit: str
) -> dict[str, Any]:
    return {
        "name": boundary.name,
        "kind": boundary.kind,
        "region": region,
        "organisation": organisation,
        "geometry": boundary.geometry,
        "source": credit,
    }


def _listed_organisation(row: dict[str, Any], region: Region) -> dict[str, Any]:
    return {
        "name": row["name"],
        "kind": row["kind"],
        "country": row.get("country", "NL"),
        "language": row.get("language", "nl"),
        "cbs_code": row.get("cbs_code", ""),
        "website": row.get("website", ""),
        "region": region,
    }


def _first_load(data: RegionData, region: Region) -> bool:
    """Nothing of the region is stored yet: its organisations and areas can go in as one insert
    each (a fresh installation, and every test that loads the region), not one query per row."""
    codes = [b.code for b in data.boundaries] + [row["code"] for row in data.organisations]
    if (
        Organisation.objects.filter(code__in=codes).exists()
        or Area.objects.filter(code__in=[b.code for b in data.boundaries]).exists()
    ):
        return False
    organisations = Organisation.objects.bulk_create(
        [Organisation(code=b.code, **_boundary_organisation(b, region)) for b in data.boundaries]
        + [Organisation(code=row["code"], **_listed_organisation(row, region)) for row in data.organisations]
    )
    if not all(o.pk for o in organisations):  # a backend that returns no keys from a bulk insert
        organisations = list(Organisation.objects.filter(code__in=codes))
    by_code = {o.code: o for o in organisations}
    Area.objects.bulk_create(
        [
            Area(code=b.code, **_boundary_area(b, region, by_code[b.code], data.credit))
            for b in data.boundaries
        ]
    )
    return True


@transaction.atomic
def store_region(data: RegionData) -> Region:
    """Write a checked region: upsert by code, so a second load updates in place."""
    region, created = Region.objects.update_or_create(
        code=data.code, defaults={"name": data.name, "credit": data.credit}
    )
    if not (created and _first_load(data, region)):
        for boundary in data.boundaries:
            org, _ = Organisation.objects.update_or_create(
                code=boundary.code, defaults=_boundary_organisation(boundary, region)
            )
            Area.objects.update_or_create(
                code=boundary.code, defaults=_boundary_area(boundary, region, org, data.credit)
            )
        for row in data.organisations:
            Organisation.objects.update_or_create(
                code=row["code"], defaults=_listed_organisation(row, region)
            )
    for key, rows in data.sections.items():
        region_sections[key](rows)
    return region


def load_region(manifest: Path, overrides: dict[str, Path] | None = None) -> Region:
    return store_region(read_region(manifest, overrides))
