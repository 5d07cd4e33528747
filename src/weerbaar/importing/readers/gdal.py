"""Everything GDAL reads, through pyogrio: GeoPackage, zipped Shapefile (with its .cpg and .prj),
GeoJSON, GML, Shapefile.

Two ways of reading a layer:

- `feature_chunks`: the layer as GDAL's Arrow stream in chunks (text stays in Arrow memory, no
  Python object per value; geometries parsed and validated once per chunk with shapely; the
  next chunk is read and parsed in a thread while the caller works on this one). The columnar
  fast path and, one row at a time (`feature_rows`), the per-row importers of large layers.
- `read_layer`: the whole layer at once with its metadata, for the layer files a person
  uploads (a few thousand features) whose CRS and geometry types are decided over all of them.
"""

from __future__ import annotations

import zipfile
from collections.abc import Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyogrio
import pyogrio.raw
import shapely

from ..crs import describe
from ..problems import FileError

#: features per chunk of the Arrow stream unless the importer asks for another size
CHUNK = 10_000
#: formats by file suffix (a .zip holds a Shapefile)
FORMATS = {
    ".gpkg": "GeoPackage",
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".shp": "Shapefile",
    ".zip": "Shapefile (zip)",
    ".gml": "GML",
}


@dataclass(frozen=True)
class VectorSource:
    """What to hand GDAL for a file: the path (a /vsizip/ path inside a zip), its format and layer."""

    path: str
    format: str
    layer: str | None


def vector_source(path: Path, layer: str | None = None) -> VectorSource:
    """The GDAL source of a layer file; FileError for an unknown format or a zip without one Shapefile."""
    suffix = path.suffix.lower()
    if suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                shps = [n for n in archive.namelist() if n.lower().endswith(".shp")]
        except zipfile.BadZipFile as exc:
            raise FileError(f"geen geldig zip-bestand: {exc}", code="unreadable") from exc
        if not shps:
            raise FileError("het zip-bestand bevat geen .shp", code="layer")
        if len(shps) > 1 and layer is None:
            raise FileError(
                f"het zip-bestand bevat meer shapefiles ({', '.join(shps)}); kies er één", code="layer"
            )
        shp = next((s for s in shps if Path(s).stem == layer), shps[0])
        return VectorSource(f"/vsizip/{path}/{shp}", FORMATS[suffix], None)
    if suffix not in FORMATS:
        raise FileError(f"onbekend bestandsformaat {suffix or path.name}", code="unreadable")
    return VectorSource(str(path), FORMATS[suffix], layer if suffix in {".gpkg", ".gml"} else None)


def layer_names(path: Path | str, *, with_geometry: bool = False) -> list[str]:
    """The layers of a file (only those with geometry, if asked); none when GDAL cannot open it."""
    try:
        return [str(name) for name, geometry in pyogrio.list_layers(path) if geometry or not with_geometry]
    except Exception:
        return []


def geometry_type(shape: Any) -> str:
    """'Polygon', 'Point', ...; ' Z' added for 3D (the stored columns are 2D); 'onleesbaar' for None."""
    if shape is None:
        return "onleesbaar"
    return f"{shape.geom_type} Z" if shapely.has_z(shape) else str(shape.geom_type)


class FeatureChunk:
    """Features of one chunk of a layer, column by column: what the columnar importers read.

    `columns` are Arrow arrays as GDAL hands them over (strings stay in Arrow memory, no
    Python object per value); `geoms` the WKB column (Arrow binary, null when missing),
    `shapes` the geometries parsed once (None when missing or unreadable), `valid` their
    validity. `plain(name)` gives a column as Python values and `row(i)` the dict
    `feature_rows` yields, for the per-row `clean`.
    """

    def __init__(self, fids: np.ndarray, columns: dict[str, pa.Array], geoms: pa.Array) -> None:
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
        """Feature i as {column: value, "geometry": WKB, "__checked__": (type, invalidity reason)}."""
        row = {name: self.plain(name)[i] for name in self.columns}
        shape = self.shapes[i]
        row["geometry"] = self.geoms[i].as_py()
        reason = "" if self.valid[i] or shape is None else shapely.is_valid_reason(shape)
        row["__checked__"] = (geometry_type(shape), reason)
        return row


def _column(values: pa.Array) -> list[Any]:
    """An Arrow column as plain Python values, NaN in a real column as None (missing)."""
    plain: list[Any] = values.to_pylist()
    if pa.types.is_floating(values.type):
        return [None if v != v else v for v in plain]
    return plain


def layer_info(
    path: Path | str,
    layer: str | None,
    *,
    required: Collection[str] = (),
    crs: Collection[str] | None = None,
    open_options: dict[str, str] | None = None,
) -> dict[str, Any]:
    """pyogrio's description of the layer; FileError when it is missing or unreadable, is in
    another CRS than one of `crs` (when given), or lacks `required` fields."""
    try:
        info: dict[str, Any] = pyogrio.read_info(path, layer=layer, **(open_options or {}))
    except Exception as exc:
        raise FileError(f"laag {layer!r} ontbreekt of is onleesbaar: {exc}", code="layer") from exc
    _check_layer(info, required, crs)
    return info


def _check_layer(info: dict[str, Any], required: Collection[str], crs: Collection[str] | None) -> None:
    found = info.get("crs") or ""
    if crs is not None and found not in crs:
        expected = " of ".join(describe(code) for code in sorted(crs))
        raise FileError(
            f"coördinaatsysteem is {found or 'onbekend'}, verwacht {expected}", "crs", code="crs", crs=found
        )
    missing = set(required) - {str(name) for name in info["fields"]}
    if missing:
        raise FileError(
            f"kolommen ontbreken: {', '.join(sorted(missing))}", code="columns", missing=sorted(missing)
        )


def feature_count(path: Path | str, layer: str | None, open_options: dict[str, str] | None = None) -> int:
    """The number of features the layer announces (for progress), 0 when unknown."""
    try:
        return int(pyogrio.read_info(path, layer=layer, **(open_options or {}))["features"])
    except Exception:
        return 0


def feature_chunks(
    path: Path | str,
    layer: str | None,
    required: Collection[str] = (),
    size: int = CHUNK,
    *,
    crs: Collection[str] | None = None,
    open_options: dict[str, str] | None = None,
) -> Iterator[FeatureChunk]:
    """Features of one layer in chunks of `size`, in file order (checked as `layer_info` checks,
    on the stream's own description: a GML file is scanned once, not twice)."""

    def chunk(batch: pa.RecordBatch, fid: str, geometry: str) -> FeatureChunk:
        names = [name for name in batch.schema.names if name not in (fid, geometry)]
        columns = {name: batch.column(name) for name in names}
        return FeatureChunk(batch.column(fid).to_numpy(), columns, batch.column(geometry))

    with _arrow_stream(path, layer, size, open_options or {}) as (meta, reader):
        _check_layer(meta, required, crs)
        fid, geometry = meta.get("fid_column") or "OGC_FID", meta.get("geometry_name") or "wkb_geometry"

        def next_chunk() -> FeatureChunk | None:
            try:
                return chunk(reader.read_next_batch(), fid, geometry)
            except StopIteration:
                return None

        # the next chunk is read (GDAL) and parsed (GEOS, without the GIL) while the caller works
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gdal-read") as pool:
            pending = pool.submit(next_chunk)
            while (current := pending.result()) is not None:
                pending = pool.submit(next_chunk)
                yield current


@contextmanager
def _arrow_stream(
    path: Path | str, layer: str | None, size: int, open_options: dict[str, str]
) -> Iterator[tuple[dict[str, Any], pa.RecordBatchReader]]:
    """pyogrio's Arrow stream of the layer (batches of `size`, fid included); FileError when unreadable."""
    stream = pyogrio.raw.open_arrow(
        path, layer=layer, batch_size=size, return_fids=True, use_pyarrow=True, **open_options
    )
    try:
        opened = stream.__enter__()
    except Exception as exc:
        raise FileError(f"laag {layer!r} ontbreekt of is onleesbaar: {exc}", code="layer") from exc
    try:
        yield opened
    finally:
        stream.__exit__(None, None, None)


def feature_rows(
    path: Path | str,
    layer: str | None,
    required: Collection[str] = (),
    *,
    crs: Collection[str] | None = None,
    open_options: dict[str, str] | None = None,
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Features of one layer as (fid, dict) rows, for the per-row importers (see FeatureChunk.row)."""
    for chunk in feature_chunks(path, layer, required, crs=crs, open_options=open_options):
        for i, fid in enumerate(chunk.fids.tolist()):
            yield int(fid), chunk.row(i)


@dataclass
class LayerData:
    """A whole layer: GDAL's metadata, feature ids, WKB geometries and the attribute columns."""

    meta: dict[str, Any]
    fids: np.ndarray
    geometries: np.ndarray
    columns: list[np.ndarray]

    @property
    def fields(self) -> list[str]:
        return [str(name) for name in self.meta["fields"]]


def read_layer(source: VectorSource, *, encoding: str | None = None) -> LayerData:
    """The whole layer into memory; FileError when GDAL cannot read it or the text is not in `encoding`."""
    try:
        meta, fids, geometries, columns = pyogrio.raw.read(
            source.path, layer=source.layer, encoding=encoding, return_fids=True, datetime_as_string=True
        )
    except UnicodeDecodeError as exc:
        raise FileError(
            f"tekst is niet in de codering {encoding or 'van het bestand'}: {exc}", code="encoding"
        ) from exc
    except Exception as exc:
        raise FileError(f"bestand niet leesbaar: {exc}", code="unreadable") from exc
    return LayerData(meta, fids, geometries, columns)
