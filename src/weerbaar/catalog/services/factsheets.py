"""Writes on factsheets. Each is typed, keyword-only, checks the policy, keeps a version and
writes an audit entry. `actor=None` means the platform itself (loading the starter catalog)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from django.db import transaction
from django.utils import timezone

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.contacts.models import Contact
from weerbaar.core.policies import policy_for, require
from weerbaar.organisations.models import Organisation

from .models import Distribution, Factsheet, FactsheetVersion, Theme


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
    contact: Any = None
    reviewer: Any = None
    temporal_start: dt.date | None = None
    temporal_end: dt.date | None = None
    distributions: list[DistributionInput] = field(default_factory=list)


_RELATIONS = {"themes", "legal_bases", "distributions"}
_SCALARS = [f.name for f in fields(FactsheetInput) if f.name not in _RELATIONS]


def factsheet_snapshot(factsheet: Factsheet) -> dict[str, Any]:
    """A JSON-able picture of a factsheet, for its version history and the CSV export."""
    data: dict[str, Any] = {}
    for name in _SCALARS:
        value = getattr(factsheet, name)
        if isinstance(value, Organisation):
            value = value.code
        elif isinstance(value, Contact):
            value = value.key
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
    factsheet: Factsheet, *, actor: Any, before: dict[str, Any] | None, note: str
) -> list[str]:
    after = factsheet_snapshot(factsheet)
    changed = sorted(k for k in after if before is None or before.get(k) != after.get(k))
    FactsheetVersion.objects.create(
        factsheet=factsheet,
        version=factsheet.version,
        snapshot=after,
        changed_fields=changed,
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )
    return changed


@transaction.atomic
def factsheet_create(*, actor: Any, data: FactsheetInput, note: str = "") -> Factsheet:
    if actor is not None:
        require(policy_for(Factsheet).can_create(actor), "only editors create factsheets")
        require(
            data.maintainer.pk == actor.organisation_id, "a factsheet is maintained by your own organisation"
        )
    factsheet = Factsheet(version=1)
    _apply(factsheet, data)
    _record_version(factsheet, actor=actor, before=None, note=note)
    audit_log(actor=actor, action=Action.CREATE, object_type="factsheet", object_id=factsheet.identifier)
    return factsheet


@transaction.atomic
def factsheet_update(*, actor: Any, factsheet: Factsheet, data: FactsheetInput, note: str = "") -> Factsheet:
    """Change a factsheet; only its maintaining organisation may. Keeps the previous version."""
    factsheet = Factsheet.objects.select_for_update().get(pk=factsheet.pk)
    if actor is not None:
        require(policy_for(Factsheet).can_change(actor, factsheet), "only the maintaining organisation edits")
        require(data.maintainer.pk == factsheet.maintainer_id, "the maintainer cannot be changed here")
    before = factsheet_snapshot(factsheet)
    _apply(factsheet, data)
    after = factsheet_snapshot(factsheet)
    if after == before:
        return factsheet
    factsheet.version += 1
    factsheet.save(update_fields=["version", "modified_at"])
    changed = _record_version(factsheet, actor=actor, before=before, note=note)
    audit_log(
        actor=actor,
        action=Action.UPDATE,
        object_type="factsheet",
        object_id=factsheet.identifier,
        detail={"version": factsheet.version, "fields": changed},
    )
    return factsheet


@transaction.atomic
def factsheet_mark_reviewed(*, actor: Any, factsheet: Factsheet, reviewer: Any = None) -> Factsheet:
    """The maintainer confirms the factsheet is still right: it is no longer stale."""
    require(policy_for(Factsheet).can_change(actor, factsheet), "only the maintaining organisation reviews")
    before = factsheet_snapshot(factsheet)
    factsheet.reviewed_on = timezone.localdate()
    if reviewer is not None:
        factsheet.reviewer = reviewer
    factsheet.version += 1
    factsheet.save(update_fields=["reviewed_on", "reviewer", "version", "modified_at"])
    _record_version(factsheet, actor=actor, before=before, note="beoordeeld")
    audit_log(
        actor=actor,
        action=Action.UPDATE,
        object_type="factsheet",
        object_id=factsheet.identifier,
        detail={"reviewed_on": factsheet.reviewed_on.isoformat()},
    )
    return factsheet
