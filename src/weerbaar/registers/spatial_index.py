"""Deferred indexes for a first bulk load (the target table is empty).

Building an index once over a loaded table is several times cheaper than updating it row by
row. Only done when the table is empty at the start, inside the import's transaction, so a
failed import rolls the index changes back too.

- SpatiaLite maintains its R*Tree indexes with a trigger per inserted row and every secondary
  B-tree index row by row: the triggers and the secondary indexes are dropped, and after the
  load the indexes are built again and the R*Trees filled at once (bulk_fill_rtree, as GDAL
  does). Indexes that enforce uniqueness stay (SQLite keeps them inline in the table). Like
  ogr2ogr, the per-row geometry-constraint and timestamp triggers are dropped during the load
  and restored after (the importers check geometry type and dimension themselves; the SRID
  is set on insert).
- PostgreSQL: the indexes that back no constraint (GiST, plain B-trees) and the unique
  constraints no foreign key uses are dropped and built again after the load, as ogr2ogr builds
  its GiST index after loading; adding a unique constraint back checks every row. The primary
  key stays.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from django.contrib.gis.db.models import GeometryField
from django.db import connections, models, router


@contextmanager
def deferred_spatial_indexes(model: type[models.Model]) -> Iterator[bool]:
    """Yield True when the model's spatial and secondary indexes were dropped for the load."""
    connection = connections[router.db_for_write(model)]
    features = connection.features
    if not (features.spatial_index_is_rtree or features.spatial_index_is_gist):
        yield False
        return
    if model._default_manager.exists():
        yield False
        return
    if features.spatial_index_is_gist:
        with _postgresql(connection, model._meta.db_table):
            yield True
        return
    columns = [
        f.column for f in model._meta.concrete_fields if isinstance(f, GeometryField) and f.spatial_index
    ]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        secondary = _drop_sqlite(cursor, "INDEX", table, "sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%'")
        cursor.execute(
            "SELECT f_geometry_column FROM geometry_columns "
            "WHERE f_table_name = %s AND spatial_index_enabled = 1",
            [table.lower()],
        )
        indexed = [column for (column,) in cursor.fetchall() if column in columns]
        # the per-row triggers: R*Tree insert (gii_), geometry-constraint check (ggi_) and
        # timestamp (tmi_); ogr2ogr drops the last two during a load as well
        triggers = _drop_sqlite(cursor, "TRIGGER", table, "substr(name, 1, 4) IN ('gii_', 'ggi_', 'tmi_')")
    yield True
    with connection.cursor() as cursor:
        for _name, sql in secondary:
            cursor.execute(sql)
        for column in indexed:
            bulk_fill_rtree(cursor, table, column)
        for _name, sql in triggers:
            cursor.execute(sql)


def _drop_sqlite(cursor, kind: str, table: str, condition: str) -> list[tuple[str, str]]:
    """Drop the table's indexes or triggers (`kind`) matching `condition`; returns (name, sql) of each."""
    cursor.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = %s AND tbl_name = %s AND {condition}",  # noqa: S608
        [kind.lower(), table],
    )
    dropped = cursor.fetchall()
    for name, _sql in dropped:
        cursor.execute(f'DROP {kind} "{name}"')
    return dropped


@contextmanager
def _postgresql(connection, table: str) -> Iterator[None]:
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)",
            [connection.ops.quote_name(table)],
        )
        secondary = cursor.fetchall()
        for name, _sql in secondary:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        # unique constraints no foreign key depends on: one index build after the load instead
        # of a B-tree insert per row during COPY; adding them back checks every row again
        cursor.execute(
            "SELECT k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k "
            "WHERE k.conrelid = %s::regclass AND k.contype = 'u' "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = k.conindid)",
            [quoted],
        )
        unique = cursor.fetchall()
        for name, _definition in unique:
            cursor.execute(f"ALTER TABLE {quoted} DROP CONSTRAINT {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        if (
            secondary or unique
        ):  # check deferred foreign keys now: CREATE INDEX refuses pending trigger events
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name, definition in unique:
            cursor.execute(
                f"ALTER TABLE {quoted} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"
            )
        for _name, sql in secondary:
            cursor.execute(sql)


#: bytes per R*Tree cell: rowid or child node number (int64) and 4 float32 bounds, big endian
_CELL = np.dtype([("id", ">i8"), ("box", ">f4", (4,))])


def bulk_fill_rtree(cursor, table: str, column: str) -> None:
    """Fill SpatiaLite's (empty) R*Tree `idx_<table>_<column>` at once, sort-tile-recursive.

    What GDAL does for its own SQLite R*Trees: the node, parent and rowid tables are written
    directly instead of inserting 600,000 rows one by one through the rtree module (several
    seconds per index). Bounds are rounded outwards to float32 as the module does.
    """
    index = f"idx_{table}_{column}"  # names from model meta throughout (noqa: S608 below)
    cursor.execute(f'SELECT length(data) FROM "{index}_node" WHERE nodeno = 1')  # noqa: S608
    node_size = cursor.fetchone()[0]
    fanout = (node_size - 4) // _CELL.itemsize
    cursor.execute(
        f'SELECT id, MbrMinX("{column}"), MbrMaxX("{column}"), MbrMinY("{column}"), '  # noqa: S608
        f'MbrMaxY("{column}") FROM "{table}" WHERE "{column}" IS NOT NULL'
    )
    parts = []
    while batch := cursor.fetchmany(100_000):  # as arrays: 5 floats a row, not 5 Python objects
        parts.append(np.array(batch, dtype=np.float64))
    rows = np.concatenate(parts) if parts else np.empty((0, 5))
    if not len(rows):
        return
    ids = rows[:, 0].astype(np.int64)
    low = rows[:, [1, 3]].astype(np.float32)
    low = np.where(low > rows[:, [1, 3]], np.nextafter(low, np.float32(-np.inf)), low)
    high = rows[:, [2, 4]].astype(np.float32)
    high = np.where(high < rows[:, [2, 4]], np.nextafter(high, np.float32(np.inf)), high)
    boxes = np.column_stack([low[:, 0], high[:, 0], low[:, 1], high[:, 1]])  # minx maxx miny maxy
    order = _str_order(boxes, fanout)
    ids, boxes = ids[order], boxes[order]
    levels = []  # per level, bottom up: (cell ids, cell boxes) grouped by `fanout`
    while True:
        levels.append((ids, boxes))
        if len(ids) <= fanout:
            break
        groups = np.arange(0, len(ids), fanout)
        boxes = np.column_stack(
            [
                np.minimum.reduceat(boxes[:, 0], groups),
                np.maximum.reduceat(boxes[:, 1], groups),
                np.minimum.reduceat(boxes[:, 2], groups),
                np.maximum.reduceat(boxes[:, 3], groups),
            ]
        )
        ids = np.zeros(len(groups), dtype=np.int64)  # node numbers, assigned below
    # number the nodes top down: root = 1
    counts = [max(1, -(-len(level_ids) // fanout)) for level_ids, _ in levels]
    first = {}
    next_number = 1
    for depth in range(len(levels) - 1, -1, -1):
        first[depth] = next_number
        next_number += counts[depth]
    nodes, parents = [], []
    for depth, (cell_ids, cell_boxes) in enumerate(levels):
        if depth > 0:  # the cells of this level point at the nodes of the level below
            cell_ids = np.arange(first[depth - 1], first[depth - 1] + counts[depth - 1], dtype=np.int64)
        cells = np.empty(len(cell_ids), dtype=_CELL)
        cells["id"], cells["box"] = cell_ids, cell_boxes
        for n in range(counts[depth]):
            number = first[depth] + n
            part = cells[n * fanout : (n + 1) * fanout]
            header = struct.pack(">HH", len(levels) - 1 if number == 1 else 0, len(part))
            nodes.append((number, (header + part.tobytes()).ljust(node_size, b"\0")))
            if depth > 0:
                parents.extend((int(child), number) for child in part["id"])
    cursor.execute(f'DELETE FROM "{index}_node"')  # noqa: S608
    cursor.executemany(f'INSERT INTO "{index}_node" (nodeno, data) VALUES (%s, %s)', nodes)  # noqa: S608
    cursor.executemany(f'INSERT INTO "{index}_parent" (nodeno, parentnode) VALUES (%s, %s)', parents)  # noqa: S608
    leaf_ids = levels[0][0]
    leaf_of = first[0] + np.arange(len(leaf_ids)) // fanout
    rowids = zip(leaf_ids.tolist(), leaf_of.tolist(), strict=True)  # streamed, not a list of tuples
    cursor.executemany(f'INSERT INTO "{index}_rowid" (rowid, nodeno) VALUES (%s, %s)', rowids)  # noqa: S608


def _str_order(boxes: np.ndarray, fanout: int) -> np.ndarray:
    """Sort-tile-recursive order: vertical slices by centre x, each sorted by centre y."""
    x = (boxes[:, 0] + boxes[:, 1]) / 2
    y = (boxes[:, 2] + boxes[:, 3]) / 2
    leaves = -(-len(boxes) // fanout)
    per_slice = fanout * int(np.ceil(np.sqrt(leaves)))
    by_x = np.argsort(x, kind="stable")
    slices = np.arange(len(boxes)) // per_slice
    return by_x[np.lexsort((y[by_x], slices))]
