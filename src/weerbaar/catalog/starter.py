"""The starter content: vocabularies, contacts, factsheets and checklist rules from YAML.

`read_starter` reads and cross-checks every file and writes nothing; `store_starter` writes it,
idempotently: themes and contacts are updated in place by code, factsheets are created when
missing and refreshed only while nobody has edited them (version 1), the rule set is created
once. Organisations and legal bases that the region does not define yet are added.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from weerbaar.organisations.models import Organisation
from weerbaar.privacy.models import LegalBasis

from .models import Factsheet, Theme
from .services import DistributionInput, FactsheetInput, factsheet_create, factsheet_update

APPS_DIR = Path(__file__).resolve().parent.parent
VOCABULARIES = APPS_DIR / "catalog" / "starter" / "vocabularies.yaml"
FACTSHEETS = APPS_DIR / "catalog" / "starter" / "factsheets.yaml"
CONTACTS = APPS_DIR / "contacts" / "starter" / "contacts.yaml"
RULES = APPS_DIR / "checklist" / "starter" / "rules.yaml"


class StarterError(ValueError):
    """A problem in a starter file; the message names the file and the entry."""


@dataclass
class Starter:
    vocabularies: dict[str, Any]
    contacts: list[dict[str, Any]]
    factsheets: list[dict[str, Any]]
    rules: dict[str, Any]


def _read(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise StarterError(f"{path.name}: cannot read ({exc})") from exc


def read_starter(
    *,
    vocabularies: Path = VOCABULARIES,
    factsheets: Path = FACTSHEETS,
    contacts: Path = CONTACTS,
    rules: Path = RULES,
) -> Starter:
    from weerbaar.checklist.engine import RuleSetError, validate_ruleset

    vocab = _read(vocabularies)
    starter = Starter(
        vocabularies=vocab,
        contacts=_read(contacts)["contacts"],
        factsheets=_read(factsheets)["factsheets"],
        rules=_read(rules),
    )
    orgs = {o["code"] for o in vocab["organisations"]}
    themes = {t["code"] for t in vocab["themes"]} | {
        s["code"] for t in vocab["themes"] for s in t["subtopics"]
    }
    bases = {b["code"] for b in vocab["legal_bases"]}
    contact_keys = {c["id"] for c in starter.contacts}
    for c in starter.contacts:
        label = f"{contacts.name}, {c.get('id')}"
        if c["organisation"] not in orgs:
            raise StarterError(f"{label}: unknown organisation {c['organisation']!r}")
        for code in c["themes"] + c["subtopics"]:
            if code not in themes:
                raise StarterError(f"{label}: unknown theme {code!r}")
        if c.get("deputy") and c["deputy"] not in contact_keys:
            raise StarterError(f"{label}: unknown deputy {c['deputy']!r}")
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
    try:
        validate_ruleset(starter.rules, factsheets=seen, contacts=contact_keys, legal_bases=bases)
    except RuleSetError as exc:
        raise StarterError(f"{rules.name}: {exc}") from exc
    return starter


def _store_vocabularies(vocab: dict[str, Any]) -> None:
    for row in vocab["organisations"]:
        Organisation.objects.get_or_create(
            code=row["code"],
            defaults={
                "name": row["name"]["nl"],
                "kind": row["kind"],
                "country": "DE" if row["code"].startswith("DE-") else "NL",
            },
        )
    for order, theme in enumerate(vocab["themes"]):
        parent, _ = Theme.objects.update_or_create(
            code=theme["code"],
            defaults={
                "parent": None,
                "order": order * 100,
                **{f"name_{k}": v for k, v in theme["name"].items()},
            },
        )
        for sub_order, sub in enumerate(theme["subtopics"], start=1):
            Theme.objects.update_or_create(
                code=sub["code"],
                defaults={
                    "parent": parent,
                    "order": order * 100 + sub_order,
                    **{f"name_{k}": v for k, v in sub["name"].items()},
                },
            )
    for row in vocab["legal_bases"]:
        LegalBasis.objects.get_or_create(
            code=row["code"],
            defaults={"title": row["name"]["nl"][:200], "article": row["name"]["nl"][:200]},
        )


def _store_contacts(rows: list[dict[str, Any]]) -> None:
    from weerbaar.contacts.models import Contact

    themes = {t.code: t for t in Theme.objects.all()}
    organisations = {o.code: o for o in Organisation.objects.all()}
    stored = {}
    for row in rows:
        values = {
            "organisation": organisations[row["organisation"]],
            "region": row["region"],
            "email": row["email"],
            "phone": row.get("phone", ""),
            "languages": row.get("languages", []),
            "fictitious": True,
            "reviewed_on": row["reviewed"],
            **{f"role_{k}": v for k, v in row["role"].items()},
            **{f"availability_{k}": v for k, v in row.get("availability", {}).items()},
        }
        contact, _ = Contact.objects.update_or_create(key=row["id"], defaults=values)
        contact.themes.set([themes[c] for c in row["themes"] + row["subtopics"]])
        stored[row["id"]] = contact
    for row in rows:
        if row.get("deputy"):
            Contact.objects.filter(pk=stored[row["id"]].pk).update(deputy=stored[row["deputy"]])


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
def store_starter(starter: Starter) -> dict[str, int]:
    from weerbaar.checklist.services import ruleset_load_starter
    from weerbaar.contacts.models import Contact

    _store_vocabularies(starter.vocabularies)
    _store_contacts(starter.contacts)
    contacts = {c.key: c for c in Contact.objects.select_related("organisation")}
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
            factsheet_create(actor=None, data=data, note="startcatalogus")
            counts["created"] += 1
        elif not current.versions.filter(changed_by__isnull=False).exists():
            updated = factsheet_update(actor=None, factsheet=current, data=data, note="startcatalogus")
            counts["refreshed" if updated.version != current.version else "unchanged"] += 1
        else:
            counts["kept"] += 1
    counts["contacts"] = len(starter.contacts)
    counts["ruleset_created"] = int(ruleset_load_starter(content=starter.rules))
    return counts


def load_starter() -> dict[str, int]:
    return store_starter(read_starter())
