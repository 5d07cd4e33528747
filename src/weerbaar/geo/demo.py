"""Shipped layers: the registry entries from data/layers/layers.yaml and their public data."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import shapely.geometry
import yaml
from django.conf import settings

from weerbaar.core.context import ProcessingContext
from weerbaar.privacy.context import command_context

from .importers import ImportFailed
from .models import Layer
from .services import layer_define, layer_import

LOADER_KEYS = {"file", "synthetic", "id_field", "where", "layer", "crs"}


def layers_dir() -> Path:
    return Path(settings.DATA_DIR) / "layers"


def synthetic_areas() -> Path:
    """The register generator's areas GeoPackage, if one was generated."""
    base = Path(os.environ.get("WEERBAAR_SYNTHETIC_DIR", Path(settings.VAR_DIR) / "registers"))
    return base / "gebieden" / "gebieden.gpkg"


def definitions() -> list[dict[str, Any]]:
    with (layers_dir() / "layers.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _generated_areas(kind: str, scratch: Path) -> Path:
    """The generator's areas of one kind (seed 1, as `generate_registers` makes them) as GeoJSON in
    RD New, when no generated GeoPackage is around."""
    # imported here: the generator package costs ~0.2 s to import, in every process at start-up
    from weerbaar.registers.synthetic.areas import generate_areas
    from weerbaar.registers.synthetic.reference import load_region

    cache = scratch / "areas.json"
    if not cache.exists():
        areas = generate_areas(load_region(), np.random.default_rng([1, 0]))
        cache.write_text(
            json.dumps(
                [
                    {
                        "kind": a.kind,
                        "geometry": shapely.geometry.mapping(a.geometry),
                        "properties": {
                            "identificatie": a.identificatie,
                            "naam": a.naam,
                            "gemeentecode": a.gemeentecode,
                            "bron": a.bron,
                            "oppervlakte_ha": round(a.geometry.area / 10000, 2),
                            "fictief": "ja",
                        },
                    }
                    for a in areas
                ]
            ),
            encoding="utf-8",
        )
    features = [
        {"type": "Feature", "geometry": a["geometry"], "properties": a["properties"]}
        for a in json.loads(cache.read_text(encoding="utf-8"))
        if a["kind"] == kind
    ]
    path = scratch / f"{kind}.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
                "features": features,
            }
        ),
        encoding="utf-8",
    )
    return path


def _file_for(entry: dict[str, Any], scratch: Path) -> tuple[Path | None, dict[str, Any]]:
    options: dict[str, Any] = {"id_field": entry.get("id_field"), "where": entry.get("where")}
    if entry.get("synthetic"):
        if synthetic_areas().exists():
            options["layer"] = entry["synthetic"]
            return synthetic_areas(), options
        return _generated_areas(entry["synthetic"], scratch), options
    name = entry.get("file")
    if not name:
        return None, options
    if name.startswith("region:"):
        return Path(settings.DATA_DIR) / "regions" / "overijssel" / name.split(":", 1)[1], options
    return layers_dir() / name, options


def load_public_layers(
    stdout: TextIO, *, only: set[str] | None = None, ctx: ProcessingContext | None = None
) -> list[Layer]:
    """Define every shipped layer and import its data when the layer has none yet (idempotent).
    Run by the platform itself (`ctx`: the demo loader's command unless given)."""
    ctx = ctx or command_context(command="load_demo_data")
    loaded = []
    with tempfile.TemporaryDirectory() as scratch:
        for entry in definitions():
            layer = _load_entry(ctx, entry, stdout, only, Path(scratch))
            if layer is not None:
                loaded.append(layer)
    return loaded


def _load_entry(
    ctx: ProcessingContext, entry: dict[str, Any], stdout: TextIO, only: set[str] | None, scratch: Path
) -> Layer | None:
    code = entry["code"]
    if only and code not in only:
        return None
    definition = {k: v for k, v in entry.items() if k not in LOADER_KEYS and k != "code"}
    layer = layer_define(ctx=ctx, code=code, **definition)
    if layer.published:
        return layer
    path, options = _file_for(entry, scratch)
    if path is None or not path.exists():
        stdout.write(f"kaartlaag {code}: geen gegevens, overgeslagen\n")
        return layer
    try:
        version, report = layer_import(actor=None, layer=layer, path=path, **options)
    except ImportFailed as failed:
        stdout.write(f"kaartlaag {code}: import mislukt\n{failed.report.summary()}\n")
        return layer
    stdout.write(f"kaartlaag {code}: v{version.number}, {report.imported} objecten\n")
    return layer
