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
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
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

    `columns` are Arrow arrays as GDAL hands them over (strings stay in Arrow memory, no
    Python object per value); `geoms` the WKB column (Arrow binary, null when missing),
    `shapes` the geometries parsed once (None when missing or unreadable), `valid` their
    validity. `plain(name)` gives a column as Python values and `row(i)` the same dict
    gpkg_rows yields, for the per-row `clean`.
    """

    def __init__(self, fids, columns: dict[str, pa.Array], geoms: pa.Array) -> None:
        self.fids = fids
        self.columns = columns
        self.geoms = geoms
        self.shapes = shapely.from_wkb(geoms.to_numpy(zero_copy_only=False), on_invalid="ignore")
        self.valid = shapely.is_valid(self.shapes)
        self._plain: dict[str, list[Any]] = {}

    def __len__(self) -> int:
        return len(self.fids)

    def plain(self, name: str) -> list[Any]:
        """The column as plain Python values (null and NaN as None); a missing column is all None."""
        if name not in self._plain:
            values = self.columns.get(name)
            self._plain[name] = [None] * len(self) if values is None else _column(values)
        return self._plain[name]

    def row(self, i: int) -> dict[str, Any]:
        row = {name: self.plain(name)[i] for name in self.columns}
        shape = self.shapes[i]
        row["geometry"] = self.geoms[i].as_py()
        reason = "" if self.valid[i] or shape is None else shapely.is_valid_reason(shape)
        row["__checked__"] = (geometry_type(shape), reason)
        return row


def geometry_type(shape: Any) -> str:
    """'Polygon', 'Point', ...; ' Z' added for 3D (the columns are 2D); 'onleesbaar' for None."""
    if shape is None:
        return "onleesbaar"
    return f"{shape.geom_type} Z" if shapely.has_z(shape) else str(shape.geom_type)


def gpkg_chunks(path: Path, layer: str, required: set[str], size: int = CHUNK) -> Iterator[GpkgChunk]:
    """Features of one layer in chunks of `size`, in file order; the layer must be in RD New and have `required` fields."""
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

    def chunk(batch: pa.RecordBatch, fid: str, geometry: str) -> GpkgChunk:
        names = [name for name in batch.schema.names if name not in (fid, geometry)]
        columns = {name: batch.column(name) for name in names}
        return GpkgChunk(batch.column(fid).to_numpy(), columns, batch.column(geometry))

    # one pass over the layer as an Arrow stream; the next chunk is read (GDAL) and parsed
    # (GEOS, without the GIL) in a thread while the caller works on this one
    with _arrow_stream(path, layer, size) as (meta, reader):
        fid, geometry = meta.get("fid_column") or "OGC_FID", meta.get("geometry_name") or "wkb_geometry"

        def next_chunk() -> GpkgChunk | None:
            try:
                return chunk(reader.read_next_batch(), fid, geometry)
            except StopIteration:
                return None

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gpkg-read") as pool:
            pending = pool.submit(next_chunk)
            while (current := pending.result()) is not None:
                pending = pool.submit(next_chunk)
                yield current


@contextmanager
def _arrow_stream(path: Path, layer: str, size: int) -> Iterator[tuple[dict[str, Any], pa.RecordBatchReader]]:
    """pyogrio's Arrow stream of the layer (batches of `size`, fid included); FileError when unreadable."""
    stream = pyogrio.raw.open_arrow(path, layer=layer, batch_size=size, return_fids=True, use_pyarrow=True)
    try:
        opened = stream.__enter__()
    except Exception as exc:
        raise FileError(f"laag {layer!r} is onleesbaar: {exc}") from exc
    try:
        yield opened
    finally:
        stream.__exit__(None, None, None)


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


def _column(values: pa.Array) -> list[Any]:
    """An Arrow column as plain Python values, NaN in a real column as None (missing)."""
    plain = values.to_pylist()
    if pa.types.is_floating(values.type):
        return [None if v != v else v for v in plain]
    return plain


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
