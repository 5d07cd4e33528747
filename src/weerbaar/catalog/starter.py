"""The starter catalog: factsheets from YAML, with the vocabularies and contact entries they name.

`read_starter` reads and cross-checks the files and writes nothing; `store_starter` writes them,
idempotently: the vocabularies (`weerbaar.themes`) and the contact entries (`weerbaar.contacts`)
through their own apps, then factsheets — created when missing and refreshed only while nobody
has edited them (version 1). The checklist's rules load with the checklist (its own demo loader).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from weerbaar.contacts.services import StarterError as ContactsStarterError
from weerbaar.contacts.services import contacts_starter_check, contacts_starter_read, contacts_starter_store
from weerbaar.core.context import ProcessingContext
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.models import LegalBasis
from weerbaar.themes.starter import VocabularyError, theme_codes, vocabularies_read, vocabularies_store

from .models import Factsheet, Theme
from .services import DistributionInput, FactsheetInput, factsheet_create, factsheet_update

FACTSHEETS = Path(__file__).resolve().parent / "starter" / "factsheets.yaml"


class StarterError(ValueError):
    """A problem in a starter file; the message names the file and the entry."""


@dataclass
class Starter:
    vocabularies: dict[str, Any]
    contacts: list[dict[str, Any]]
    factsheets: list[dict[str, Any]]


def _read(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise StarterError(f"{path.name}: cannot read ({exc})") from exc


def read_starter(*, factsheets: Path = FACTSHEETS) -> Starter:
    try:
        vocab = vocabularies_read()
        contacts = contacts_starter_read()
        orgs = {o["code"] for o in vocab["organisations"]}
        themes = theme_codes(vocab)
        contacts_starter_check(contacts, organisations=orgs, themes=themes)
    except (VocabularyError, ContactsStarterError) as exc:
        raise StarterError(str(exc)) from exc
    starter = Starter(vocabularies=vocab, contacts=contacts, factsheets=_read(factsheets)["factsheets"])
    bases = {b["code"] for b in vocab["legal_bases"]}
    contact_keys = {c["id"] for c in starter.contacts}
    seen: set[str] = set()
    for f in starter.factsheets:
        label = f"{factsheets.name}, {f.get('identifier')}"
        if f["identifier"] in seen:
            raise StarterError(f"{label}: identifier occurs twice")
        seen.add(f["identifier"])
        for key in ("owner", "publisher", "maintainer"):
            if f.get(key) and f[key] not in orgs:
                raise StarterError(f"{label}: unknown {key} {f[key]!r}")
        for code in f["themes"] + f["subtopics"]:
            if code not in themes:
                raise StarterError(f"{label}: unknown theme {code!r}")
        for code in f["legal_bases"]:
            if code not in bases:
                raise StarterError(f"{label}: unknown legal basis {code!r}")
        for key in ("contact", "reviewer"):
            if f.get(key) and f[key] not in contact_keys:
                raise StarterError(f"{label}: unknown {key} {f[key]!r}")
    return starter


def factsheet_input_from_row(
    row: dict[str, Any],
    *,
    contacts: dict[str, Any],
    organisations: dict[str, Organisation],
    themes: dict[str, Theme],
    legal_bases: dict[str, LegalBasis],
) -> FactsheetInput:
    """Resolve a starter row (codes) to a FactsheetInput (objects)."""
    contact = contacts.get(row.get("contact"))
    owner = organisations[row["owner"]]
    maintainer_code = row.get("maintainer") or (contact.organisation.code if contact else row["owner"])
    temporal = row.get("temporal") or {}
    return FactsheetInput(
        identifier=row["identifier"],
        title_nl=row["title"]["nl"],
        title_de=row["title"].get("de", ""),
        title_en=row["title"].get("en", ""),
        description_nl=row["description"]["nl"].strip(),
        description_de=row["description"].get("de", "").strip(),
        description_en=row["description"].get("en", "").strip(),
        owner=owner,
        publisher=organisations[row["publisher"]] if row.get("publisher") else None,
        maintainer=organisations[maintainer_code],
        themes=[themes[code] for code in row["themes"] + row["subtopics"]],
        donl_theme=row["donl_theme"],
        keywords=list(row.get("keywords", [])),
        access_level=row["access"],
        personal_data=bool(row["personal_data"]["contains"]),
        personal_data_categories=list(row["personal_data"].get("categories", [])),
        legal_bases=[legal_bases[code] for code in row["legal_bases"]],
        access_procedure_nl=row["access_procedure"]["nl"],
        access_procedure_de=row["access_procedure"].get("de", ""),
        access_procedure_en=row["access_procedure"].get("en", ""),
        contact=contact,
        reviewer=contacts.get(row.get("reviewer")),
        frequency=row["frequency"],
        spatial=row["spatial"],
        temporal_start=temporal.get("start"),
        temporal_end=temporal.get("end"),
        reviewed_on=row["reviewed"]
        if isinstance(row["reviewed"], dt.date)
        else dt.date.fromisoformat(row["reviewed"]),
        distributions=[
            DistributionInput(
                kind=d["kind"],
                format=d["format"],
                title_nl=d["title"]["nl"],
                title_de=d["title"].get("de", ""),
                title_en=d["title"].get("en", ""),
                url=d.get("url", ""),
                layer=d.get("layer", ""),
            )
            for d in row.get("distributions", [])
        ],
    )


@transaction.atomic
def store_starter(starter: Starter, *, ctx: ProcessingContext) -> dict[str, int]:
    vocabularies_store(starter.vocabularies)
    contacts = contacts_starter_store(ctx=ctx, rows=starter.contacts)
    counts = {"created": 0, "refreshed": 0, "unchanged": 0, "kept": 0}
    existing = {f.identifier: f for f in Factsheet.objects.all()}
    lookups = {
        "organisations": {o.code: o for o in Organisation.objects.all()},
        "themes": {t.code: t for t in Theme.objects.all()},
        "legal_bases": {b.code: b for b in LegalBasis.objects.all()},
    }
    for row in starter.factsheets:
        data = factsheet_input_from_row(row, contacts=contacts, **lookups)
        current = existing.get(row["identifier"])
        if current is None:
            factsheet_create(ctx=ctx, data=data, note="startcatalogus")
            counts["created"] += 1
        elif not current.versions.filter(changed_by__isnull=False).exists():
            updated = factsheet_update(ctx=ctx, factsheet=current, data=data, note="startcatalogus")
            counts["refreshed" if updated.version != current.version else "unchanged"] += 1
        else:
            counts["kept"] += 1
    counts["contacts"] = len(starter.contacts)
    return counts


def load_starter(*, ctx: ProcessingContext) -> dict[str, int]:
    return store_starter(read_starter(), ctx=ctx)
