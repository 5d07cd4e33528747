"""Streaming writers: GeoPackage layers in chunks, delimited text, newline-delimited JSON."""

from __future__ import annotations

import csv
import json
from pathlib import Path

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
