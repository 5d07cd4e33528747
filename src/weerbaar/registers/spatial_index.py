"""Deferred indexes for a first bulk load on SpatiaLite.

SpatiaLite maintains its R*Tree indexes with a trigger per inserted row, and every secondary
B-tree index is updated row by row; building them once after the load is several times
cheaper. Only done when the table is empty at the start (a first load), inside the import's
transaction, so a failed import rolls the index changes back too. Indexes that enforce
uniqueness stay (SQLite keeps them inline in the table). PostGIS keeps its indexes as they are
(capability: `connection.vendor == "sqlite"`).
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
    columns = [
        f.column for f in model._meta.concrete_fields if isinstance(f, GeometryField) and f.spatial_index
    ]
    if connection.vendor != "sqlite" or model._default_manager.exists():
        yield False
        return
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
    yield True
    with connection.cursor() as cursor:
        for _name, sql in secondary:
            cursor.execute(sql)
        for column in columns:
            cursor.execute("SELECT CreateSpatialIndex(%s, %s)", [table, column])
