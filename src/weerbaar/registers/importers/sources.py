"""Streaming readers for the file formats partners send: GeoPackage, delimited text, NDJSON, XLSX.

Delimited text is read the way municipal exports really are: UTF-8 (with or without BOM) or
Windows-1252, semicolon or comma separated, decimal commas in numbers.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyogrio
import pyogrio.raw
import shapely

from .base import FileError

RD_CRS = {"EPSG:28992"}
CHUNK = 10000


def gpkg_layers(path: Path) -> set[str]:
    try:
        return {str(name) for name, _type in pyogrio.list_layers(path)}
    except Exception:
        return set()


class GpkgChunk:
    """Features of one chunk of a layer, column by column: what the columnar importers read.

    `columns` are GDAL's numpy arrays (strings as object arrays, NaN for a missing real);
    `shapes` are the geometries parsed once (None when missing or unreadable), `valid` their
    validity. `row(i)` is the same dict gpkg_rows yields, for the per-row `clean`.
    """

    def __init__(self, fids, names: list[str], field_data, geoms, shapes, valid) -> None:
        self.fids = fids
        self.columns = dict(zip(names, field_data, strict=True))
        self.geoms = geoms
        self.shapes = shapes
        self.valid = valid
        self._plain: dict[str, list[Any]] = {}

    def __len__(self) -> int:
        return len(self.fids)

    def plain(self, name: str) -> list[Any]:
        """The column as plain Python values (NaN as None); a missing column is all None."""
        if name not in self._plain:
            values = self.columns.get(name)
            self._plain[name] = [None] * len(self) if values is None else _column(values)
        return self._plain[name]

    def row(self, i: int) -> dict[str, Any]:
        row = {name: self.plain(name)[i] for name in self.columns}
        shape = self.shapes[i]
        row["geometry"] = self.geoms[i]
        reason = "" if self.valid[i] or shape is None else shapely.is_valid_reason(shape)
        row["__checked__"] = (geometry_type(shape), reason)
        return row


def geometry_type(shape: Any) -> str:
    """'Polygon', 'Point', ...; ' Z' added for 3D (the columns are 2D); 'onleesbaar' for None."""
    if shape is None:
        return "onleesbaar"
    return f"{shape.geom_type} Z" if shapely.has_z(shape) else str(shape.geom_type)


def gpkg_chunks(path: Path, layer: str, required: set[str], size: int = CHUNK) -> Iterator[GpkgChunk]:
    """Features of one layer in chunks by fid; the layer must be in RD New and have `required` fields."""
    try:
        info = pyogrio.read_info(path, layer=layer)
    except Exception as exc:
        raise FileError(f"laag {layer!r} ontbreekt of is onleesbaar: {exc}") from exc
    crs = info.get("crs") or ""
    if crs not in RD_CRS:
        raise FileError(f"coördinaatsysteem is {crs or 'onbekend'}, verwacht EPSG:28992 (RD New)", "crs")
    fields = set(info["fields"])
    missing = required - fields
    if missing:
        raise FileError(f"kolommen ontbreken: {', '.join(sorted(missing))}")

    def read(last_fid: int) -> GpkgChunk | None:
        meta, fids, geoms, field_data = pyogrio.raw.read(
            path, layer=layer, where=f"fid > {last_fid}", max_features=size, return_fids=True
        )
        if len(fids) == 0:
            return None
        shapes = shapely.from_wkb(geoms, on_invalid="ignore")
        return GpkgChunk(fids, list(meta["fields"]), field_data, geoms, shapes, shapely.is_valid(shapes))

    # the next chunk is read (GDAL) and parsed (GEOS, without the GIL) in a thread while the
    # caller works on this one: one chunk more in memory
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gpkg-read") as pool:
        pending = pool.submit(read, -1)
        while (chunk := pending.result()) is not None:
            pending = pool.submit(read, int(chunk.fids[-1]))
            yield chunk


def gpkg_feature_count(path: Path, layer: str) -> int:
    try:
        return int(pyogrio.read_info(path, layer=layer)["features"])
    except Exception:
        return 0


def gpkg_rows(path: Path, layer: str, required: set[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Features of one layer as (fid, dict) rows, for the per-row importers (see gpkg_chunks)."""
    for chunk in gpkg_chunks(path, layer, required):
        for i, fid in enumerate(chunk.fids):
            yield int(fid), chunk.row(i)


_TEXT_TYPES = {str, type(None)}


def _column(values) -> list[Any]:
    """A numpy column as plain Python values, NaN (GDAL's null for reals) as None."""
    if values.dtype.kind == "f":
        return [None if v != v else v for v in values.tolist()]
    if values.dtype.kind == "O":
        plain = values.tolist()
        if set(map(type, plain)) <= _TEXT_TYPES:  # GDAL's text columns
            return plain
        return [_plain(v) for v in plain]
    return values.tolist()


def _plain(value: Any) -> Any:
    if hasattr(value, "item") and not isinstance(value, bytes | str):
        value = value.item()
    if isinstance(value, float) and value != value:  # NaN = missing
        return None
    return value


def detect_encoding(path: Path) -> str:
    """utf-8-sig when the whole file decodes as UTF-8, else cp1252 (Windows exports)."""
    incremental = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as fh:
        try:
            while chunk := fh.read(1 << 20):
                incremental.decode(chunk)
            incremental.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def delimited_rows(path: Path, required: set[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows of a CSV export as dicts keyed by lower-case header; row numbers count the header as 1."""
    encoding = detect_encoding(path)
    with open(path, encoding=encoding, newline="") as fh:
        header_line = fh.readline()
        if not header_line:
            raise FileError("bestand is leeg")
        delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
        if "\t" in header_line and header_line.count("\t") > header_line.count(delimiter):
            delimiter = "\t"
        header = [h.strip().lower() for h in next(csv.reader([header_line], delimiter=delimiter))]
        missing = required - set(header)
        if missing:
            raise FileError(
                f"kolommen ontbreken: {', '.join(sorted(missing))} (scheidingsteken {delimiter!r})"
            )
        for number, values in enumerate(csv.reader(fh, delimiter=delimiter), start=2):
            if not values or values == [""]:
                continue
            if len(values) != len(header):
                yield number, {"__error__": f"{len(values)} velden, verwacht {len(header)}"}
                continue
            yield number, {h: v.strip() for h, v in zip(header, values, strict=False)}


def ndjson_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    encoding = detect_encoding(path)
    with open(path, encoding=encoding) as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                document = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, {"__error__": f"geen geldige JSON: {exc.msg}"}
                continue
            yield number, document if isinstance(document, dict) else {"__error__": "geen JSON-object"}


def xlsx_rows(path: Path, required: set[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h or "").strip().lower() for h in next(rows, ())]
    missing = required - set(header)
    if missing:
        raise FileError(f"kolommen ontbreken: {', '.join(sorted(missing))}")
    for number, values in enumerate(rows, start=2):
        if all(v in (None, "") for v in values):
            continue
        yield number, {h: ("" if v is None else v) for h, v in zip(header, values, strict=False)}
    workbook.close()


def decimal(value: Any) -> float | None:
    """'208221,182' or '208221.182' or '1.234,5' -> float; '' -> None; raises ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(" ", "")
    if "," in text and "." in text:
        text = (
            text.replace(".", "").replace(",", ".")
            if text.rfind(",") > text.rfind(".")
            else text.replace(",", "")
        )
    elif "," in text:
        text = text.replace(",", ".")
    return float(text)
