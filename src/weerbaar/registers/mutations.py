"""Upsert with history: a re-imported object is updated in place and its changes recorded."""

from __future__ import annotations

from typing import Any

from django.contrib.gis.geos import GEOSGeometry
from django.db import models

from .models import Mutatie


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, GEOSGeometry) or isinstance(new, GEOSGeometry):
        if old is None or new is None:
            return old is new
        return old.equals_exact(new, 0.001)
    return old == new


def _show(value: Any) -> Any:
    if isinstance(value, GEOSGeometry):
        return value.wkt[:200]
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
    """Create or update the rows of one batch on key_field; returns (new, changed, unchanged)."""
    keys = [row[key_field] for row in batch]
    existing = model._default_manager.in_bulk(keys, field_name=key_field)
    to_create, to_update, mutations = [], [], []
    changed_fields: set[str] = set()
    unchanged = 0
    register = model._meta.label_lower
    for row in batch:
        obj = existing.get(row[key_field])
        if obj is None:
            obj = model(**row, access_level=access_level)
            to_create.append(obj)
            if record_new:
                mutations.append(
                    Mutatie(
                        register=register,
                        identificatie=row[key_field],
                        soort=Mutatie.Soort.NIEUW,
                        wijzigingen={},
                        import_run=run,
                        access_level=access_level,
                    )
                )
            continue
        diff = {}
        for field, value in row.items():
            old = getattr(obj, field)
            if not _same(old, value):
                diff[field] = [_show(old), _show(value)]
                setattr(obj, field, value)
        if diff:
            to_update.append(obj)
            changed_fields.update(diff)
            mutations.append(
                Mutatie(
                    register=register,
                    identificatie=row[key_field],
                    soort=Mutatie.Soort.GEWIJZIGD,
                    wijzigingen=diff,
                    import_run=run,
                    access_level=obj.access_level,
                )
            )
        else:
            unchanged += 1
    if to_create:
        model._default_manager.bulk_create(to_create, batch_size=500)
    if to_update:
        model._default_manager.bulk_update(to_update, sorted(changed_fields), batch_size=500)
    if mutations:
        Mutatie.objects.bulk_create(mutations, batch_size=500)
    return len(to_create), len(to_update), unchanged
