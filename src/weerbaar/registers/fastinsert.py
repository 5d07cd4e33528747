"""Bulk insert without the ORM's per-value preparation: the importers' hot path.

Values are already cleaned and validated; geometries arrive as WKB bytes (or GEOS objects) and
are built by the database (`GeomFromWKB` on SpatiaLite, `ST_GeomFromWKB` on PostGIS). Rows go
in with one `executemany` per batch on the model's own connection and transaction.
"""

from __future__ import annotations

import json
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from queue import Queue
from typing import Any

import shapely
from django.contrib.gis.db.models import GeometryField
from django.contrib.gis.geos import GEOSGeometry
from django.db import connections, models, router
from django.utils import timezone

SRID = 28992


def _geometry_placeholder(connection) -> str:
    if connection.vendor == "postgresql":
        return f"ST_GeomFromWKB(%s, {SRID})"
    return f"GeomFromWKB(%s, {SRID})"


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
    """Give the model's connection a page cache that holds its indexes (SQLite only)."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")


def analyze(model_classes: list[type[models.Model]]) -> None:
    """Refresh the planner statistics after a bulk load, so look-ups pick their own index
    (without them SQLite may scan the low-selectivity access_level index instead)."""
    for model in model_classes:
        connection = connections[router.db_for_write(model)]
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA analysis_limit = 10000")
            cursor.execute(f"ANALYZE {table}")


def analyze_during_load(model_classes: list[type[models.Model]]) -> None:
    """PostgreSQL: refresh statistics inside a long load. Freshly loaded tables look empty to
    the planner until analysed, and the per-batch look-ups then turn into sequential scans."""
    if all(connections[router.db_for_write(m)].vendor == "postgresql" for m in model_classes):
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
    if connection.vendor == "postgresql":
        _copy(connection, table, columns, fields, converters, rows)
        return
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 (names from model meta)
    params = [[convert(row) for convert in converters] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _copy(connection, table: str, columns: str, fields, converters, rows) -> None:
    """PostgreSQL: COPY ... FROM STDIN; geometries travel as hex EWKB (WKB plus the SRID)."""
    geometry = [isinstance(f, GeometryField) for f in fields]
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            values = [convert(row) for convert in converters]
            for i, is_geometry in enumerate(geometry):
                if is_geometry and values[i] is not None:
                    values[i] = ewkb_hex(values[i])
            copy.write_row(values)


def ewkb_hex(value: bytes) -> str:
    """Little-endian 2D ISO WKB -> hex EWKB with SRID 28992 (what PostGIS parses in COPY)."""
    if value[0] != 1:
        value = shapely.to_wkb(shapely.from_wkb(value), byte_order=1)
    geometry_type = struct.unpack_from("<I", value, 1)[0]
    return (value[:1] + struct.pack("<II", geometry_type | 0x20000000, SRID) + value[5:]).hex()


#: hex EWKB header (byte order, type with the SRID flag, SRID) per 2D ISO WKB geometry type
_EWKB_HEADER = {t: "01" + struct.pack("<II", t | 0x20000000, SRID).hex() for t in range(1, 8)}


def ewkb_hex_column(values: list[Any]) -> list[str]:
    """ewkb_hex for a column ("\\N" for None): one hex() over the whole column, then sliced."""
    present = [v for v in values if v is not None]
    if not all(v[0] == 1 and v[2:5] == b"\0\0\0" and 0 < v[1] < 8 for v in present):
        return ["\\N" if v is None else ewkb_hex(v) for v in values]
    hexed = b"".join(present).hex()
    result, end = [], 0
    for v in values:
        if v is None:
            result.append("\\N")
            continue
        start, end = end, end + 2 * len(v)
        result.append(_EWKB_HEADER[v[1]] + hexed[start + 10 : end])
    return result


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


#: characters COPY's text format escapes (backslash first)
_COPY_ESCAPES = (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"))


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

    def columns_of(values: dict[str, list[Any]]) -> list[list[Any]]:
        n = len(next(iter(values.values()), []))
        data: list[list[Any]] = []
        for field in fields:
            column = values.get(field.name)
            if column is None:
                data.append([_converter(field, connection, now)({})] * n)
            elif isinstance(field, models.CharField) and not field.null and None in column:
                data.append(["" if v is None else v for v in column])
            else:
                data.append(column)
        return data

    if connection.vendor == "postgresql":
        copy_sql = f"COPY {table} ({names}) FROM STDIN"
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(copy_sql) as copy,
            _writer_thread(copy.write) as write,
        ):
            yield lambda values: write(_copy_text(fields, columns_of(values)).encode())
        return
    placeholders = ", ".join(
        _geometry_placeholder(connection) if isinstance(f, GeometryField) else "%s" for f in fields
    )
    sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608 (names from model meta)
    with connection.cursor() as cursor:
        yield lambda values: cursor.executemany(sql, list(zip(*columns_of(values), strict=True)))


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


def _copy_text(fields, data: list[list[Any]]) -> str:
    """Rows in COPY's text format, built column by column."""
    text_columns = []
    for field, values in zip(fields, data, strict=True):
        types = set(map(type, values))
        if isinstance(field, GeometryField):
            text_columns.append(ewkb_hex_column(values))
        elif types <= {str}:
            joined = "".join(values)
            if any(c in joined for c, _ in _COPY_ESCAPES):
                values = [_copy_escape(v) for v in values]
            text_columns.append(values)
        elif types <= {int, type(None)}:
            text_columns.append(["\\N" if v is None else str(v) for v in values])
        else:
            text_columns.append(["\\N" if v is None else _copy_escape(str(v)) for v in values])
    if not text_columns or not text_columns[0]:
        return ""
    return "\n".join(map("\t".join, zip(*text_columns, strict=True))) + "\n"


def _copy_escape(value: str) -> str:
    for char, escaped in _COPY_ESCAPES:
        if char in value:
            value = value.replace(char, escaped)
    return value
