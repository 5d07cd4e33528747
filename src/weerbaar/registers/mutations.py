"""Upsert with history: a re-imported object is updated in place and its changes recorded."""

from __future__ import annotations

from typing import Any

from django.contrib.gis.db.models import GeometryField
from django.contrib.gis.geos import GEOSGeometry
from django.db import models

from .fastinsert import insert_rows
from .models import Mutatie


def _geos(value: Any) -> GEOSGeometry | None:
    if value is None or isinstance(value, GEOSGeometry):
        return value
    return GEOSGeometry(memoryview(bytes(value)), srid=28992)


def _same(old: Any, new: Any, geometry: bool) -> bool:
    if not geometry:
        return old == new
    if old is None or new is None:
        return old is None and new is None
    if isinstance(new, bytes | bytearray | memoryview) and bytes(old.wkb) == bytes(new):
        return True
    return old.equals_exact(_geos(new), 0.001)


def _show(value: Any, geometry: bool = False) -> Any:
    if geometry and value is not None:
        return _geos(value).wkt[:200]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def upsert(
    model: type[models.Model],
    key_field: str,
    batch: list[dict[str, Any]],
    run: Any,
    *,
    access_level: str,
    record_new: bool,
) -> tuple[int, int, int]:
    """Create or update the rows of one batch on key_field; returns (new, changed, unchanged).

    New rows go in through the fast insert path; changed rows are updated through the ORM and
    get a Mutatie with the old and new value of every changed field.
    """
    # 'nieuw' mutations only make sense once a register holds data: not on its first load
    had_rows = run.__dict__.setdefault("_had_rows", {})
    if model not in had_rows:
        had_rows[model] = model._default_manager.exists()
    record_new = record_new and had_rows[model]
    keys = [row[key_field] for row in batch]
    existing = model._default_manager.in_bulk(keys, field_name=key_field)
    geometry_fields = {f.name for f in model._meta.concrete_fields if isinstance(f, GeometryField)}
    to_create, to_update, mutations = [], [], []
    changed_fields: set[str] = set()
    unchanged = 0
    register = model._meta.label_lower
    for row in batch:
        obj = existing.get(row[key_field])
        if obj is None:
            to_create.append({**row, "access_level": access_level})
            if record_new:
                mutations.append(
                    _mutation(register, row[key_field], Mutatie.Soort.NIEUW, {}, run, access_level)
                )
            continue
        diff = {}
        for field, value in row.items():
            is_geometry = field in geometry_fields
            old = getattr(obj, field)
            if not _same(old, value, is_geometry):
                diff[field] = [_show(old, is_geometry), _show(value, is_geometry)]
                setattr(obj, field, _geos(value) if is_geometry else value)
        if diff:
            to_update.append(obj)
            changed_fields.update(diff)
            mutations.append(
                _mutation(register, row[key_field], Mutatie.Soort.GEWIJZIGD, diff, run, obj.access_level)
            )
        else:
            unchanged += 1
    insert_rows(model, to_create)
    if to_update:
        model._default_manager.bulk_update(to_update, sorted(changed_fields), batch_size=500)
    insert_rows(Mutatie, mutations)
    return len(to_create), len(to_update), unchanged


def _mutation(register: str, identificatie: str, soort: str, diff: dict, run: Any, access_level: str) -> dict:
    return {
        "register": register,
        "identificatie": identificatie,
        "soort": soort,
        "wijzigingen": diff,
        "import_run": run,
        "access_level": access_level,
    }
