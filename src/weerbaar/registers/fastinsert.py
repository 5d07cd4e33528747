"""Bulk insert without the ORM's per-value preparation: the importers' hot path.

Values are already cleaned and validated; geometries arrive as WKB (bytes, GEOS objects or an
Arrow binary column). SpatiaLite: one `executemany` per batch, the database building each
geometry (`GeomFromWKB`). PostgreSQL: `COPY ... FROM STDIN` in CSV written by Arrow's CSV
writer, geometries as hex EWKB. Both on the model's own connection and transaction.
"""

from __future__ import annotations

import json
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from queue import Queue
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import shapely
from django.contrib.gis.db.models import GeometryField
from django.contrib.gis.geos import GEOSGeometry
from django.db import connections, models, router
from django.utils import timezone

SRID = 28992


def _geometry_placeholder(connection) -> str:
    # ST_GeomFromWKB on both databases (SpatiaLite's alias of GeomFromWKB), as GeoDjango's FromWKB calls it
    return f"{connection.ops.spatial_function_name('FromWKB')}(%s, {SRID})"


def wkb(value: Any) -> bytes | None:
    """WKB bytes for a GEOS geometry, WKB bytes or None."""
    if value is None:
        return None
    if isinstance(value, GEOSGeometry):
        return bytes(value.wkb)
    return bytes(value)


#: SQLite page cache for a bulk load (KiB). During a first load only the unique indexes
#: (kept inline) are updated row by row; the secondary and spatial indexes are built after
#: it. Measured at scale 1 (bench, SpatiaLite): 256 MB -> 64 MB cost pand/verblijfsobject
#: 1-2 s of 7-16 s and perceel nothing within the noise, and lowered the peak by ~190 MB to
#: 450-550 MB; a fixed size, so it does not grow with the register.
BULK_CACHE_KIB = 65536


def prepare_bulk_load(model: type[models.Model]) -> None:
    """Give the model's connection a page cache that holds its indexes (where it is sized per connection)."""
    connection = connections[router.db_for_write(model)]
    if connection.features.supports_pragma_cache_size:  # type: ignore[attr-defined]
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")


def analyze(model_classes: list[type[models.Model]]) -> None:
    """Refresh the planner statistics after a bulk load, so look-ups pick their own index
    (without them the planner guesses, and may scan a low-selectivity index instead)."""
    for model in model_classes:
        connection = connections[router.db_for_write(model)]
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            if connection.features.supports_pragma_analysis_limit:  # type: ignore[attr-defined]
                cursor.execute("PRAGMA analysis_limit = 10000")
            cursor.execute(f"ANALYZE {table}")


def analyze_during_load(model_classes: list[type[models.Model]]) -> None:
    """Refresh statistics inside a long load where the planner needs them (PostgreSQL): freshly
    loaded tables look empty to it until analysed, and the per-batch look-ups then turn into
    sequential scans."""
    features = [connections[router.db_for_write(m)].features for m in model_classes]
    if all(f.needs_analyze_during_load for f in features):  # type: ignore[attr-defined]
        analyze(model_classes)


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """INSERT the rows (dicts keyed by field name or attname); missing fields take their default."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(
        _geometry_placeholder(connection) if isinstance(f, GeometryField) else "%s" for f in fields
    )
    table = connection.ops.quote_name(model._meta.db_table)
    converters = [_converter(f, connection, now) for f in fields]
    if connection.features.supports_copy_from_stdin:  # type: ignore[attr-defined]
        _copy(connection, table, columns, fields, converters, rows)
        return
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 (names from model meta)
    params = [[convert(row) for convert in converters] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def update_rows(model: type[models.Model], changes: dict[Any, dict[str, Any]]) -> None:
    """UPDATE rows by primary key: {pk: {field name: new value}}.

    One `executemany` per set of changed fields, so the cost is linear in the rows (Django's
    bulk_update builds a CASE WHEN per field that grows with rows x batch). Geometries are WKB
    (bytes or GEOS), built by the database as in insert_rows; auto_now fields are not touched
    unless named, as with bulk_update.
    """
    if not changes:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    key = quote(model._meta.pk.column)
    groups: dict[tuple[str, ...], list[tuple[Any, dict[str, Any]]]] = {}
    for pk, values in changes.items():
        groups.setdefault(tuple(sorted(values)), []).append((pk, values))
    with connection.cursor() as cursor:
        for names, rows in groups.items():
            fields: list[Any] = [model._meta.get_field(name) for name in names]
            assignments = ", ".join(
                f"{quote(f.column)} = "
                + (_geometry_placeholder(connection) if isinstance(f, GeometryField) else "%s")
                for f in fields
            )
            sql = f"UPDATE {table} SET {assignments} WHERE {key} = %s"  # noqa: S608 (names from model meta)
            cursor.executemany(
                sql,
                [[_db_value(f, values[f.name], connection) for f in fields] + [pk] for pk, values in rows],
            )


def _db_value(field: Any, value: Any, connection: Any) -> Any:
    if isinstance(field, GeometryField):
        return wkb(value)
    if isinstance(value, models.Model):
        value = value.pk
    return field.get_db_prep_save(value, connection)


def _copy(connection, table: str, columns: str, fields, converters, rows) -> None:
    """PostgreSQL: one COPY ... FROM STDIN of the rows (see copy_csv)."""
    data = [[convert(row) for row in rows] for convert in converters]
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT csv)") as copy,
    ):
        copy.write(copy_csv(fields, data))


def ewkb_hex(value: bytes) -> str:
    """Little-endian 2D ISO WKB -> hex EWKB with SRID 28992 (what PostGIS parses in COPY)."""
    if value[0] != 1:
        value = shapely.to_wkb(shapely.from_wkb(value), byte_order=1)
    geometry_type = struct.unpack_from("<I", value, 1)[0]
    return (value[:1] + struct.pack("<II", geometry_type | 0x20000000, SRID) + value[5:]).hex()


#: hex EWKB header (byte order, type with the SRID flag, SRID) per 2D ISO WKB geometry type
_EWKB_HEADER = {t: "01" + struct.pack("<II", t | 0x20000000, SRID).hex() for t in range(1, 8)}
_EWKB_HEADER_LIST = [None, *(_EWKB_HEADER[t] for t in range(1, 8))]  # by type number


def _converter(field: models.Field, connection, now):
    name, attname = field.name, field.attname
    if isinstance(field, GeometryField):
        return lambda row: wkb(row.get(name))
    if isinstance(field, models.ForeignKey):

        def foreign(row):
            if attname in row:
                return row[attname]
            related = row.get(name)
            return related.pk if related is not None else None

        return foreign
    if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
        return lambda row: connection.ops.adapt_datetimefield_value(now)
    default = field.get_default() if field.has_default() else None
    if isinstance(field, models.JSONField):
        return lambda row: json.dumps(row.get(name, default))
    if isinstance(field, models.DateTimeField):
        return lambda row: connection.ops.adapt_datetimefield_value(row.get(name, default))
    if isinstance(field, models.DateField):
        return lambda row: connection.ops.adapt_datefield_value(row.get(name, default))
    if field.null:
        return lambda row: row.get(name, default)
    empty = "" if isinstance(field, models.CharField) else default
    return lambda row: row.get(name, default) if row.get(name) is not None else empty


@contextmanager
def column_loader(model: type[models.Model]) -> Iterator[Callable[[dict[str, list[Any]]], None]]:
    """A function that inserts rows given column by column (the columnar importers' first load).

    Each call gets a dict of field name -> equally long lists of cleaned values; a field left
    out takes its default. Geometries are WKB bytes (2D, little endian, as GDAL reads them).
    SQLite: one executemany per call. PostgreSQL: one COPY for the whole load, fed by a writer
    thread, so the server stores rows while the next chunk is read and checked.
    """
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    now = timezone.now()

    def columns_of(values: dict[str, Any]) -> list[Any]:
        n = len(next(iter(values.values()), []))
        data: list[Any] = []
        for field in fields:
            column = values.get(field.name)
            if column is None:
                data.append([_converter(field, connection, now)({})] * n)
            elif isinstance(column, pa.Array | pa.ChunkedArray):
                if isinstance(field, models.CharField) and not field.null:
                    column = column.fill_null("")
                data.append(column)
            elif isinstance(field, models.CharField) and not field.null and None in column:
                data.append(["" if v is None else v for v in column])
            else:
                data.append(column)
        return data

    if connection.features.supports_copy_from_stdin:  # type: ignore[attr-defined]
        copy_sql = f"COPY {table} ({names}) FROM STDIN (FORMAT csv)"
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(copy_sql) as copy,
            _writer_thread(copy.write) as write,
        ):
            yield lambda values: write(copy_csv(fields, columns_of(values)))
        return
    placeholders = ", ".join(
        _geometry_placeholder(connection) if isinstance(f, GeometryField) else "%s" for f in fields
    )
    sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608 (names from model meta)
    with connection.cursor() as cursor:
        yield lambda values: cursor.executemany(
            sql, list(zip(*map(_as_list, columns_of(values)), strict=True))
        )


def _as_list(column: Any) -> list[Any]:
    return column.to_pylist() if isinstance(column, pa.Array | pa.ChunkedArray) else column


#: COPY blocks waiting for the writer thread: at most this many chunks of COPY text in memory
#: besides the one being built (psycopg's QueuedLibpqWriter queues up to 1024 x 128 KB, and
#: held some 400 MB more at scale 1 once the server kept up less well than the reader)
COPY_QUEUE_CHUNKS = 2


@contextmanager
def _writer_thread(write: Callable[[bytes], None]) -> Iterator[Callable[[bytes], None]]:
    """`write` called in a thread of its own, fed through a short queue; its error is raised here."""
    queue: Queue[bytes | None] = Queue(maxsize=COPY_QUEUE_CHUNKS)
    failed: list[BaseException] = []

    def work() -> None:
        while (data := queue.get()) is not None:
            if not failed:
                try:
                    write(data)
                except BaseException as exc:  # handed to the loading thread
                    failed.append(exc)

    def put(data: bytes) -> None:
        if failed:
            raise failed[0]
        queue.put(data)

    thread = threading.Thread(target=work, name="copy-writer", daemon=True)
    thread.start()
    try:
        yield put
    finally:
        queue.put(None)
        thread.join()
    if failed:
        raise failed[0]


def insert_columns(model: type[models.Model], columns: dict[str, list[Any]]) -> None:
    """INSERT rows given column by column (see column_loader)."""
    with column_loader(model) as load:
        load(columns)


def copy_csv(fields, data: list[list[Any]]) -> bytes:
    """Rows in COPY's CSV format, written by Arrow's CSV writer (C++) column by column.

    Arrow quotes every string and writes a missing value as nothing, which is exactly
    PostgreSQL's CSV rule: `""` is an empty string, an empty field is NULL. Geometries
    become hex EWKB (see ewkb_hex_array); integers stay numbers; anything else (dates,
    booleans, JSON text) is written as its str(), which PostgreSQL parses.
    """
    if not data or not data[0]:
        return b""
    arrays = []
    for field, values in zip(fields, data, strict=True):
        if isinstance(field, GeometryField):
            arrays.append(ewkb_hex_array(values))
            continue
        if isinstance(values, pa.Array | pa.ChunkedArray):
            arrays.append(values)
            continue
        types = set(map(type, values))
        if types <= {str, type(None)}:
            arrays.append(pa.array(values, pa.string()))
        elif types <= {int, type(None)}:
            arrays.append(pa.array(values, pa.int64()))
        else:
            arrays.append(pa.array([None if v is None else str(v) for v in values], pa.string()))
    table = pa.Table.from_arrays(arrays, names=[f.column for f in fields])
    sink = pa.BufferOutputStream()
    pa_csv.write_csv(table, sink, _CSV_OPTIONS)
    return sink.getvalue().to_pybytes()


_CSV_OPTIONS = pa_csv.WriteOptions(include_header=False, batch_size=8192)


def ewkb_hex_array(values: pa.Array | list[Any]) -> pa.Array:
    """ewkb_hex for a column of WKB (None stays null), as an Arrow string array.

    The column's WKB bytes are hexed at once; Arrow then cuts them into rows, drops each row's
    5-byte ISO header and puts the EWKB header (type with the SRID flag, SRID) in its place,
    without a Python object per row. Anything but 2D little-endian WKB goes through ewkb_hex.
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not isinstance(values, pa.Array):
        values = pa.array([None if v is None else wkb(v) for v in values], pa.binary())
    values = values.cast(pa.large_binary())
    n = len(values)
    offsets = np.frombuffer(values.buffers()[1], np.int64, n + 1, values.offset * 8)
    data = np.frombuffer(values.buffers()[2] or b"\0", np.uint8)
    valid = pc.is_valid(values).to_numpy(zero_copy_only=False)
    starts = offsets[:-1][valid]
    lengths = np.diff(offsets)[valid]
    header_ok = (lengths >= 5) & (starts + 5 <= len(data))
    if header_ok.all() and len(starts):
        header = data[starts[:, None] + np.arange(5)]
        header_ok = (
            (header[:, 0] == 1) & (header[:, 1] > 0) & (header[:, 1] < 8) & (header[:, 2:] == 0).all(axis=1)
        )
    if not header_ok.all():
        return pa.array([None if v is None else ewkb_hex(v) for v in values.to_pylist()], pa.string())
    hexed = pa.LargeStringArray.from_buffers(
        n,
        pa.py_buffer((offsets - offsets[0]) * 2),
        pa.py_buffer(data[offsets[0] : offsets[-1]].tobytes().hex().encode()),
    )
    types = np.ones(n, dtype=np.uint8)
    types[valid] = data[starts + 1] if len(starts) else 1
    headers = pa.array(_EWKB_HEADER_LIST, pa.large_string()).take(pa.array(types))
    rows = pc.binary_join_element_wise(
        headers, pc.utf8_slice_codeunits(hexed, 10), pa.scalar("", pa.large_string())
    )
    return pc.if_else(pa.array(valid), rows, pa.scalar(None, pa.large_string()))
