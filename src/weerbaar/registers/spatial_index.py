"""Deferred spatial indexes for a first bulk load on SpatiaLite.

SpatiaLite maintains its R*Tree indexes with a trigger per inserted row; building the index once
after the load is several times cheaper. Only done when the table is empty at the start (a first
load), inside the import's transaction, so a failed import rolls the index change back too.
PostGIS keeps its GiST index as is (capability: `connection.vendor == "sqlite"`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.gis.db.models import GeometryField
from django.db import connections, models, router


@contextmanager
def deferred_spatial_indexes(model: type[models.Model]) -> Iterator[bool]:
    """Yield True when the model's spatial indexes were dropped and will be rebuilt on exit."""
    connection = connections[router.db_for_write(model)]
    columns = [
        f.column for f in model._meta.concrete_fields if isinstance(f, GeometryField) and f.spatial_index
    ]
    if connection.vendor != "sqlite" or not columns or model._default_manager.exists():
        yield False
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        for column in columns:
            cursor.execute("SELECT DisableSpatialIndex(%s, %s)", [table, column])
            cursor.execute(f'DROP TABLE IF EXISTS "idx_{table}_{column}"')
    yield True
    with connection.cursor() as cursor:
        for column in columns:
            cursor.execute("SELECT CreateSpatialIndex(%s, %s)", [table, column])
