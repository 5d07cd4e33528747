"""Writes on factsheets. Each is typed, keyword-only, takes the processing context, checks the
policy (not for the platform itself: the starter catalog), keeps a version, updates the
factsheet's search document in the same transaction and writes its audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from weerbaar.audit.recording import Action, Record, audited
from weerbaar.contacts.selectors import contact_keys
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import organisation_id_of, policy_for
from weerbaar.organisations.models import Organisation
from weerbaar.search.services import search_index_update

from ..models import Distribution, Factsheet, FactsheetVersion, Theme
from ..search import KIND

OBJECT_TYPE = "factsheet"


@dataclass
class DistributionInput:
    kind: str
    format: str
    title_nl: str
    title_de: str = ""
    title_en: str = ""
    url: str = ""
    layer: str = ""


@dataclass
class FactsheetInput:
    """Everything a factsheet holds, with references already resolved to objects."""

    identifier: str
    title_nl: str
    description_nl: str
    owner: Organisation
    maintainer: Organisation
    access_level: str
    donl_theme: str
    frequency: str
    spatial: str
    access_procedure_nl: str
    reviewed_on: dt.date
    themes: list[Theme] = field(default_factory=list)
    title_de: str = ""
    title_en: str = ""
    description_de: str = ""
    description_en: str = ""
    publisher: Organisation | None = None
    keywords: list[str] = field(default_factory=list)
    personal_data: bool = False
    personal_data_categories: list[str] = field(default_factory=list)
    legal_bases: list[Any] = field(default_factory=list)
    access_procedure_de: str = ""
    access_procedure_en: str = ""
    #: a contact entry (contacts.Contact), as the contacts app's selectors return it
    contact: Any = None
    reviewer: Any = None
    temporal_start: dt.date | None = None
    temporal_end: dt.date | None = None
    distributions: list[DistributionInput] = field(default_factory=list)


_RELATIONS = {"themes", "legal_bases", "distributions"}
_CONTACTS = ("contact", "reviewer")
_SCALARS = [f.name for f in fields(FactsheetInput) if f.name not in _RELATIONS]


def factsheet_snapshot(factsheet: Factsheet, *, keys: Mapping[int, str]) -> dict[str, Any]:
    """A JSON-able picture of a factsheet, for its version history; `keys` maps the ids of its
    contact entries to their keys (`contacts.selectors.contact_keys`)."""
    data: dict[str, Any] = {}
    for name in _SCALARS:
        if name in _CONTACTS:
            entry = getattr(factsheet, f"{name}_id")
            data[name] = keys.get(entry) if entry is not None else None
            continue
        value = getattr(factsheet, name)
        if isinstance(value, Organisation):
            value = value.code
        elif isinstance(value, dt.date):
            value = value.isoformat()
        data[name] = value
    data["themes"] = sorted(t.code for t in factsheet.themes.all())
    data["legal_bases"] = sorted(b.code for b in factsheet.legal_bases.all())
    data["distributions"] = [
        {"kind": d.kind, "format": d.format, "title_nl": d.title_nl, "url": d.url, "layer": d.layer}
        for d in factsheet.distributions.all()
    ]
    return data


def _snapshot(factsheet: Factsheet) -> dict[str, Any]:
    return factsheet_snapshot(factsheet, keys=contact_keys(ids=[factsheet.contact_id, factsheet.reviewer_id]))


def _apply(factsheet: Factsheet, data: FactsheetInput) -> None:
    for name in _SCALARS:
        setattr(factsheet, name, getattr(data, name))
    factsheet.full_clean(exclude=["version"])
    factsheet.save()
    factsheet.themes.set(data.themes)
    factsheet.legal_bases.set(data.legal_bases)
    factsheet.distributions.all().delete()
    Distribution.objects.bulk_create(
        Distribution(factsheet=factsheet, position=i, **vars(d)) for i, d in enumerate(data.distributions)
    )


def _record_version(
    factsheet: Factsheet, *, ctx: ProcessingContext, before: dict[str, Any] | None, note: str
) -> list[str]:
    after = _snapshot(factsheet)
    changed = sorted(k for k in after if before is None or before.get(k) != after.get(k))
    FactsheetVersion.objects.create(
        factsheet=factsheet,
        version=factsheet.version,
        snapshot=after,
        changed_fields=changed,
        changed_by_id=ctx.actor.pk if ctx.actor is not None else None,
        note=note,
    )
    return changed


def _require(allowed: bool, record: Record, message: str, *, object_id: str = "") -> None:
    if not allowed:
        record.refused(reason=message, object_id=object_id)
        raise PermissionDenied(message)


def _index(factsheet: Factsheet) -> None:
    """The factsheet's search document, from the stored rows (themes, distributions, owner)."""
    search_index_update(
        kind=KIND,
        obj=Factsheet.objects.select_related("owner")
        .prefetch_related("themes", "themes__parent", "distributions")
        .get(pk=factsheet.pk),
    )


@transaction.atomic
def factsheet_create(*, ctx: ProcessingContext, data: FactsheetInput, note: str = "") -> Factsheet:
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.CREATE) as record:
        if not ctx.system:
            _require(policy_for(Factsheet).can_create(ctx), record, "only editors create factsheets")
            _require(
                data.maintainer.pk == organisation_id_of(ctx),
                record,
                "a factsheet is maintained by your own organisation",
            )
        factsheet = Factsheet(version=1)
        _apply(factsheet, data)
        _record_version(factsheet, ctx=ctx, before=None, note=note)
        _index(factsheet)
        record.disclosed(object_id=factsheet.identifier)
    return factsheet


@transaction.atomic
def factsheet_update(
    *, ctx: ProcessingContext, factsheet: Factsheet, data: FactsheetInput, note: str = ""
) -> Factsheet:
    """Change a factsheet; only its maintaining organisation may. Keeps the previous version."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.UPDATE) as record:
        factsheet = Factsheet.objects.select_for_update().get(pk=factsheet.pk)
        if not ctx.system:
            _require(
                policy_for(Factsheet).can_change(ctx, factsheet),
                record,
                "only the maintaining organisation edits",
                object_id=factsheet.identifier,
            )
            _require(
                data.maintainer.pk == factsheet.maintainer_id,
                record,
                "the maintainer cannot be changed here",
                object_id=factsheet.identifier,
            )
        before = _snapshot(factsheet)
        _apply(factsheet, data)
        if _snapshot(factsheet) == before:
            return factsheet
        factsheet.version += 1
        factsheet.save(update_fields=["version", "modified_at"])
        changed = _record_version(factsheet, ctx=ctx, before=before, note=note)
        _index(factsheet)
        record.disclosed(
            object_id=factsheet.identifier, detail={"version": factsheet.version, "fields": changed}
        )
    return factsheet


@transaction.atomic
def factsheet_mark_reviewed(
    *, ctx: ProcessingContext, factsheet: Factsheet, reviewer: Any = None
) -> Factsheet:
    """The maintainer confirms the factsheet is still right: it is no longer stale."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.UPDATE) as record:
        _require(
            policy_for(Factsheet).can_change(ctx, factsheet),
            record,
            "only the maintaining organisation reviews",
            object_id=factsheet.identifier,
        )
        before = _snapshot(factsheet)
        factsheet.reviewed_on = timezone.localdate()
        if reviewer is not None:
            factsheet.reviewer = reviewer
        factsheet.version += 1
        factsheet.save(update_fields=["reviewed_on", "reviewer", "version", "modified_at"])
        _record_version(factsheet, ctx=ctx, before=before, note="beoordeeld")
        _index(factsheet)
        record.disclosed(
            object_id=factsheet.identifier, detail={"reviewed_on": factsheet.reviewed_on.isoformat()}
        )
    return factsheet
