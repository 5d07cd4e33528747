"""Shipped layers: the registry entries from data/layers/layers.yaml and their public data."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TextIO

import yaml
from django.conf import settings

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


def _file_for(entry: dict[str, Any]) -> tuple[Path | None, dict[str, Any]]:
    options: dict[str, Any] = {"id_field": entry.get("id_field"), "where": entry.get("where")}
    if entry.get("synthetic"):
        options["layer"] = entry["synthetic"]
        return synthetic_areas(), options
    name = entry.get("file")
    if not name:
        return None, options
    if name.startswith("region:"):
        return Path(settings.DATA_DIR) / "regions" / "overijssel" / name.split(":", 1)[1], options
    return layers_dir() / name, options


def load_public_layers(stdout: TextIO, *, only: set[str] | None = None) -> list[Layer]:
    """Define every shipped layer and import its data when the layer has none yet (idempotent)."""
    loaded = []
    for entry in definitions():
        code = entry["code"]
        if only and code not in only:
            continue
        definition = {k: v for k, v in entry.items() if k not in LOADER_KEYS and k != "code"}
        layer = layer_define(actor=None, code=code, **definition)
        loaded.append(layer)
        path, options = _file_for(entry)
        if path is None or layer.current_version_id:
            continue
        if not path.exists():
            stdout.write(f"kaartlaag {code}: {path.name} ontbreekt, overgeslagen\n")
            continue
        try:
            version, report = layer_import(actor=None, layer=layer, path=path, **options)
        except ImportFailed as failed:
            stdout.write(f"kaartlaag {code}: import mislukt\n{failed.report.summary()}\n")
            continue
        stdout.write(f"kaartlaag {code}: v{version.number}, {report.imported} objecten\n")
    return loaded
