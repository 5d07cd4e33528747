"""The registers' importer plugins: the framework's Importer plus what the registers store.

A register importer names the model it fills (`model`, upserted on `key_field`), the access
level of its rows and the batch size, and `store`s a batch with an upsert that records
mutations. Reading, cleaning, key checks and reports are the framework's
(`weerbaar.importing`); services.register_import runs it all or nothing.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models

from weerbaar.core.access import AccessLevel
from weerbaar.importing import FailurePolicy, FileError, Importer, ImporterRegistry, RowError
from weerbaar.importing.geometry import geometry_wkb as geometry
from weerbaar.importing.geometry import point_wkb

__all__ = [
    "BaseImporter",
    "ColumnarImporter",
    "FileError",
    "RowError",
    "geometry",
    "importers",
    "point_wkb",
    "register",
]

importers = ImporterRegistry("registers")
register = importers.register


class BaseImporter(Importer):
    """Subclasses set `model` and `key_field` and implement `matches`, `rows` and `clean`; a
    columnar one (`columnar = True`) also `chunks`, `clean_chunk` and `row_count`."""

    policy = FailurePolicy.ALL_OR_NOTHING
    key_field: ClassVar[str] = "identificatie"
    #: province-scale files: a set per key (the message names the value, not the earlier row)
    name_first_row: ClassVar[bool] = False
    model: ClassVar[type[models.Model]]
    access_level: ClassVar[str] = AccessLevel.INTERN
    batch_size: ClassVar[int] = 2000
    #: other models `store` writes to (their planner statistics are refreshed after the load)
    also_stores: ClassVar[tuple[type[models.Model], ...]] = ()

    def store(self, batch: list[dict[str, Any]], run: Any, *, record_new: bool) -> tuple[int, int, int]:
        """Upsert the batch on key_field; returns (new, changed, unchanged)."""
        from ..mutations import upsert

        return upsert(
            self.model, self.key_field, batch, run, access_level=self.access_level, record_new=record_new
        )


class ColumnarImporter(BaseImporter):
    """A register importer that also cleans whole chunks, for a first load (see services)."""

    columnar = True
