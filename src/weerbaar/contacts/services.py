"""Writes on contact entries: the person (or an editor of the organisation) keeps them fresh.

Each write checks the policy, is logged (a refusal too), and updates the entry's search document
in the same transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for
from weerbaar.organisations.models import Organisation
from weerbaar.search.services import search_index_update, search_reindex
from weerbaar.themes.models import Theme

from .models import Contact
from .search import KIND
from .selectors import contacts_stale

OBJECT_TYPE = "contact"
STARTER = Path(__file__).resolve().parent / "starter" / "contacts.yaml"
EDITABLE_FIELDS = (
    "role_nl",
    "role_de",
    "role_en",
    "region",
    "email",
    "phone",
    "availability_nl",
    "availability_de",
    "availability_en",
    "deputy",
    "person",
    "languages",
)


def _require_change(ctx: ProcessingContext, contact: Contact, record: Any, message: str) -> None:
    if not policy_for(Contact).can_change(ctx, contact):
        record.refused(object_id=contact.key)
        raise PermissionDenied(message)


@transaction.atomic
def contact_update(
    *, ctx: ProcessingContext, contact: Contact, themes: list[Theme] | None = None, **values: Any
) -> Contact:
    """Change an entry and mark it confirmed today."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.UPDATE) as record:
        _require_change(ctx, contact, record, "only the person or their organisation edits")
        unknown = set(values) - set(EDITABLE_FIELDS)
        if unknown:
            raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
        if isinstance(values.get("deputy"), int):  # an id from the form
            values["deputy"] = Contact.objects.get(pk=values["deputy"])
        person = values.get("person")
        if person is not None and person.organisation_id != contact.organisation_id:
            raise ValueError("the person keeping an entry works for its organisation")
        for name, value in values.items():
            setattr(contact, name, value)
        contact.reviewed_on = timezone.localdate()
        contact.full_clean()
        contact.save()
        if themes is not None:
            contact.themes.set(themes)
        search_index_update(kind=KIND, obj=contact)
        record.disclosed(object_id=contact.key, subject_id=contact.key, detail={"fields": sorted(values)})
    return contact


@transaction.atomic
def contact_confirm(*, ctx: ProcessingContext, contact: Contact) -> Contact:
    """The entry is still right: confirm it today."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.UPDATE) as record:
        _require_change(ctx, contact, record, "only the person or their organisation confirms")
        contact.reviewed_on = timezone.localdate()
        contact.save(update_fields=["reviewed_on", "modified_at"])
        search_index_update(kind=KIND, obj=contact)
        record.disclosed(
            object_id=contact.key,
            subject_id=contact.key,
            detail={"confirmed": contact.reviewed_on.isoformat()},
        )
    return contact


class StarterError(ValueError):
    """A problem in the starter contacts; the message names the file and the entry."""


def contacts_starter_read(path: Path = STARTER) -> list[dict[str, Any]]:
    """The starter entries (fictitious role mailboxes), read and not yet checked."""
    try:
        rows: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["contacts"]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise StarterError(f"{path.name}: cannot read ({exc})") from exc
    return rows


def contacts_starter_check(
    rows: list[dict[str, Any]], *, organisations: set[str], themes: set[str], path: Path = STARTER
) -> None:
    """Raise StarterError naming the entry when a code it uses is unknown."""
    keys = {row.get("id") for row in rows}
    for row in rows:
        label = f"{path.name}, {row.get('id')}"
        if row.get("organisation") not in organisations:
            raise StarterError(f"{label}: unknown organisation {row.get('organisation')!r}")
        for code in row.get("themes", []) + row.get("subtopics", []):
            if code not in themes:
                raise StarterError(f"{label}: unknown theme {code!r}")
        if row.get("deputy") and row["deputy"] not in keys:
            raise StarterError(f"{label}: unknown deputy {row['deputy']!r}")


@transaction.atomic
def contacts_starter_store(*, ctx: ProcessingContext, rows: list[dict[str, Any]]) -> dict[str, Contact]:
    """Store the starter entries, updated in place by key (idempotent); the platform's own load,
    logged per entry. Returns the entries by key (with their organisation)."""
    themes = {t.code: t for t in Theme.objects.all()}
    organisations = {o.code: o for o in Organisation.objects.all()}
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.UPDATE) as record:
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
        search_reindex(kinds=[KIND])
        record.disclosed_each(sorted(stored), detail={"via": "startinhoud"})
    return stored


def contacts_stale_notify(*, ctx: ProcessingContext, base_url: str, dry_run: bool = False) -> list[str]:
    """Mail every entry not confirmed for 12 months (the person keeping it, else its mailbox),
    asking it to confirm itself (`weerbaar catalog_stale_report`); returns the keys."""
    stale = contacts_stale(ctx=ctx)
    for contact in stale:
        if dry_run:
            continue
        send_mail(
            subject="Weerbaar: kloppen uw contactgegevens nog?",
            message=(
                f"Uw vermelding '{contact.role_nl}' is sinds {contact.reviewed_on:%d-%m-%Y} niet bevestigd. "
                f"Bevestig of werk haar bij: {base_url.rstrip('/')}/contactpersonen/{contact.key}"
            ),
            from_email=None,
            recipient_list=[
                contact.person.email if contact.person and contact.person.email else contact.email
            ],
        )
    return [c.key for c in stale]
