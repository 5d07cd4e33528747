"""Upsert with history: a re-imported object is updated in place and its changes recorded."""

from __future__ import annotations

from typing import Any

import shapely
from django.contrib.gis.db.models import GeometryField
from django.contrib.gis.db.models.functions import AsWKB
from django.db import models

from .fastinsert import insert_rows, update_rows, wkb
from .models import Mutatie


def _same_wkb(old: Any, new: Any) -> bool:
    if old is None or new is None:
        return old is None and new is None
    old, new = bytes(old), wkb(new)
    if old == new:
        return True
    return bool(shapely.equals_exact(shapely.from_wkb(old), shapely.from_wkb(new), 0.001))


def _show_wkb(value: Any) -> str | None:
    return None if value is None else shapely.from_wkb(wkb(value)).wkt[:200]


def _show(value: Any) -> Any:
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

    New rows go in through the fast insert path, changed rows through one UPDATE by primary key
    each (fastinsert.update_rows); a changed row gets a Mutatie with the old and new value of
    every changed field.
    """
    # 'nieuw' mutations only for a re-import of the same register, not for its first load
    record_new = record_new and run.reimport
    keys = [row[key_field] for row in batch]
    geometry_fields = {f.name for f in model._meta.concrete_fields if isinstance(f, GeometryField)}
    fields = list(batch[0]) if batch else []  # one importer's rows all have the same keys
    plain = [f for f in fields if f not in geometry_fields]
    # compare on plain values and WKB read by the database: no model or GEOS objects per row
    annotations = {f"_wkb_{g}": AsWKB(g) for g in fields if g in geometry_fields}
    existing = {
        r[key_field]: r
        for r in model._default_manager.filter(**{f"{key_field}__in": keys}).values(
            "pk", "access_level", *plain, **annotations
        )
    }
    to_create, mutations = [], []
    changes: dict[int, dict[str, Any]] = {}
    unchanged = 0
    register = model._meta.label_lower
    for row in batch:
        old_row = existing.get(row[key_field])
        if old_row is None:
            to_create.append({**row, "access_level": access_level})
            if record_new:
                mutations.append(
                    _mutation(register, row[key_field], Mutatie.Soort.NIEUW, {}, run, access_level)
                )
            continue
        diff, values = {}, {}
        for field, value in row.items():
            if field in geometry_fields:
                old = old_row[f"_wkb_{field}"]
                if not _same_wkb(old, value):
                    diff[field] = [_show_wkb(old), _show_wkb(value)]
                    values[field] = value
            else:
                new = value.pk if isinstance(value, models.Model) else value
                if old_row[field] != new:
                    diff[field] = [_show(old_row[field]), _show(new)]
                    values[field] = value
        if diff:
            changes[old_row["pk"]] = values
            mutations.append(
                _mutation(
                    register, row[key_field], Mutatie.Soort.GEWIJZIGD, diff, run, old_row["access_level"]
                )
            )
        else:
            unchanged += 1
    insert_rows(model, to_create)
    update_rows(model, changes)  # by primary key, without reading the rows again
    insert_rows(Mutatie, mutations)
    return len(to_create), len(changes), unchanged


def _mutation(register: str, identificatie: str, soort: str, diff: dict, run: Any, access_level: str) -> dict:
    return {
        "register": register,
        "identificatie": identificatie,
        "soort": soort,
        "wijzigingen": diff,
        "import_run": run,
        "access_level": access_level,
    }
