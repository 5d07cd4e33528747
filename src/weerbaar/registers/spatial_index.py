"""Deferred indexes for a first bulk load (the target table is empty).

Building an index once over a loaded table is several times cheaper than updating it row by
row. Only done when the table is empty at the start, inside the import's transaction, so a
failed import rolls the index changes back too.

- SpatiaLite maintains its R*Tree indexes with a trigger per inserted row and every secondary
  B-tree index row by row: both are dropped and built again after the load. Indexes that
  enforce uniqueness stay (SQLite keeps them inline in the table). Like ogr2ogr, the per-row
  geometry-constraint and timestamp triggers are dropped during the load and restored after
  (the importers check geometry type and dimension themselves; the SRID is set on insert).
- PostgreSQL: the indexes that back no constraint (GiST, plain and `_like` B-trees) are dropped
  and built again after the load, as ogr2ogr builds its GiST index after loading; the primary
  key and unique constraints stay and are checked while loading.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.gis.db.models import GeometryField
from django.db import connections, models, router


@contextmanager
def deferred_spatial_indexes(model: type[models.Model]) -> Iterator[bool]:
    """Yield True when the model's spatial and secondary indexes were dropped for the load."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor not in ("sqlite", "postgresql") or model._default_manager.exists():
        yield False
        return
    if connection.vendor == "postgresql":
        with _postgresql(connection, model._meta.db_table):
            yield True
        return
    columns = [
        f.column for f in model._meta.concrete_fields if isinstance(f, GeometryField) and f.spatial_index
    ]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL "
            "AND sql NOT LIKE 'CREATE UNIQUE%%'",
            [table],
        )
        secondary = cursor.fetchall()
        for name, _sql in secondary:
            cursor.execute(f'DROP INDEX "{name}"')
        for column in columns:
            cursor.execute("SELECT DisableSpatialIndex(%s, %s)", [table, column])
            cursor.execute(f'DROP TABLE IF EXISTS "idx_{table}_{column}"')
        # as ogr2ogr does: no per-row geometry-constraint check (ggi_) or timestamp (tmi_)
        # (dropped after DisableSpatialIndex, which writes the triggers anew)
        # trigger during the load; the importers check type and dimension, the SRID is set
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s "
            "AND substr(name, 1, 4) IN ('ggi_', 'tmi_')",
            [table],
        )
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
    yield True
    with connection.cursor() as cursor:
        for _name, sql in secondary:
            cursor.execute(sql)
        for column in columns:
            cursor.execute("SELECT CreateSpatialIndex(%s, %s)", [table, column])
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
        present = {name for (name,) in cursor.fetchall()}
        for name, sql in triggers:
            if name not in present:  # CreateSpatialIndex writes them anew when there is an index
                cursor.execute(sql)


@contextmanager
def _postgresql(connection, table: str) -> Iterator[None]:
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
    yield
    with connection.cursor() as cursor:
        if secondary:  # check deferred foreign keys now: CREATE INDEX refuses pending trigger events
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _name, sql in secondary:
            cursor.execute(sql)
