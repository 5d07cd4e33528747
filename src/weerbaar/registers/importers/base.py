"""The importer plugin contract and registry.

An importer reads one file streaming, cleans each row into model values (or reports what is
wrong with which field), and stores batches with an upsert that records mutations. The
service (services.register_import) runs it twice: first validate everything, then store
everything in one transaction, so a file is imported whole or not at all.

A ColumnarImporter can also clean a whole chunk of rows column by column; the service uses
that for a first load (empty table): one pass that checks and inserts chunk by chunk inside
the transaction and rolls back when any row is wrong. Rows the column checks do not vouch
for go through the same per-row `clean`, so there is one source of values and messages.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import shapely
from django.db import models

from weerbaar.core.access import AccessLevel
from weerbaar.core.registry import Registry

importers: Registry[type[BaseImporter]] = Registry("importer")


def register(name: str):  # type: ignore[no-untyped-def]
    """Class decorator: `@register("bag-pand") class PandImporter(BaseImporter)`; sets `name`."""

    def decorator(importer_class: type[BaseImporter]) -> type[BaseImporter]:
        importer_class.name = name
        return importers.register(name)(importer_class)

    return decorator


class FileError(Exception):
    """The whole file is unusable (wrong CRS, missing layer or columns, unreadable)."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


class RowError(Exception):
    """One row is wrong; `problems` lists (field, message) pairs."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(f"{f}: {m}" for f, m in problems))
        self.problems = problems


class BaseImporter:
    """Subclasses set `name`, `model`, `key_field` and implement `matches`, `rows` and `clean`."""

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""
    model: ClassVar[type[models.Model]]
    key_field: ClassVar[str] = "identificatie"
    access_level: ClassVar[str] = AccessLevel.INTERN
    batch_size: ClassVar[int] = 2000
    #: other models `store` writes to (their planner statistics are refreshed after the load)
    also_stores: ClassVar[tuple[type[models.Model], ...]] = ()
    #: True when the importer also cleans whole chunks (ColumnarImporter) for a first load
    columnar: ClassVar[bool] = False

    def matches(self, path: Path) -> bool:
        """True when this importer reads the given file."""
        return False

    def rows(self, path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
        """(row number, raw values) pairs, streaming; raise FileError for file-level problems."""
        raise NotImplementedError

    def clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        """Model values for one row; raise RowError naming the fields that are wrong."""
        raise NotImplementedError

    def key(self, cleaned: dict[str, Any]) -> str:
        return str(cleaned[self.key_field])

    def extra_keys(self, cleaned: dict[str, Any]) -> list[tuple[str, str]]:
        """Other unique values in the row, as (field, value), checked for duplicates too.

        Written as look-ups on `cleaned`, so the columnar path can pass the dict of columns and
        gets (field, column) pairs back."""
        return []

    def store(self, batch: list[dict[str, Any]], run: Any, *, record_new: bool) -> tuple[int, int, int]:
        """Upsert the batch on key_field; returns (new, changed, unchanged)."""
        from ..mutations import upsert

        return upsert(
            self.model, self.key_field, batch, run, access_level=self.access_level, record_new=record_new
        )


class ColumnarImporter(BaseImporter):
    """An importer that can also clean whole chunks at once (used for first loads)."""

    columnar = True
    #: rows per chunk: large enough for vectorised work, small enough for memory
    chunk_size: ClassVar[int] = 50_000

    def chunks(self, path: Path) -> Iterator[Any]:
        """Chunks of raw rows with `fids` (row numbers), `row(i)` (the dict `rows` yields) and
        `len()`; raise FileError for file-level problems."""
        raise NotImplementedError

    def row_count(self, path: Path) -> int:
        """The number of rows the file announces (for progress), 0 when unknown."""
        return 0

    def clean_chunk(self, chunk: Any) -> tuple[dict[str, Any], Any]:
        """Model values column by column (every field `clean` returns, same values; an Arrow
        array or a list per field) and a boolean array marking the rows these column checks
        do not vouch for: the service runs `clean` on each of those, for its values or for its
        error report."""
        raise NotImplementedError


def importer_for(path: Path) -> BaseImporter | None:
    """The first registered importer that recognises the file."""
    for _name, importer_class in importers.items():
        importer = importer_class()
        if importer.matches(path):
            return importer
    return None


def geometry(
    value: Any,
    expected: tuple[str, ...],
    problems: list[tuple[str, str]],
    checked: tuple[str, str] | None = None,
) -> bytes | None:
    """WKB of a valid geometry of one of the expected types, or a problem report.

    `checked` is (geometry type, invalidity reason) when the reader already validated a whole
    chunk at once (sources.gpkg_rows); otherwise the geometry is checked here.
    """
    if value is None:
        problems.append(("geometry", "geometrie ontbreekt"))
        return None
    if checked is None:
        try:
            geom = (
                shapely.from_wkb(value) if isinstance(value, bytes | bytearray) else shapely.from_wkt(value)
            )
        except shapely.errors.ShapelyError:
            problems.append(("geometry", "geometrie is onleesbaar"))
            return None
        reason = "" if shapely.is_valid(geom) else shapely.is_valid_reason(geom)
        checked = (geom.geom_type + (" Z" if shapely.has_z(geom) else ""), reason)
        value = shapely.to_wkb(geom)
    geom_type, reason = checked
    if geom_type not in expected:
        problems.append(("geometry", f"verwacht {'/'.join(expected)}, gevonden {geom_type}"))
        return None
    if reason:
        problems.append(("geometry", f"ongeldige geometrie: {reason}"))
        return None
    return bytes(value)


def point_wkb(x: float, y: float) -> bytes:
    """WKB of a 2D point (little endian), without building a geometry object."""
    return struct.pack("<BIdd", 1, 1, x, y)
