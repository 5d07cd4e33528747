"""Writes on contact entries: the person (or an editor of the organisation) keeps them fresh."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.policies import policy_for, require

from .models import Contact

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


@transaction.atomic
def contact_update(*, actor: Any, contact: Contact, themes: list | None = None, **values: Any) -> Contact:
    """Change an entry and mark it confirmed today."""
    require(policy_for(Contact).can_change(actor, contact), "only the person or their organisation edits")
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
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
    audit_log(
        actor=actor,
        action=Action.UPDATE,
        object_type="contact",
        object_id=contact.key,
        detail={"fields": sorted(values)},
    )
    return contact


@transaction.atomic
def contact_confirm(*, actor: Any, contact: Contact) -> Contact:
    """The entry is still right: confirm it today."""
    require(policy_for(Contact).can_change(actor, contact), "only the person or their organisation confirms")
    contact.reviewed_on = timezone.localdate()
    contact.save(update_fields=["reviewed_on", "modified_at"])
    audit_log(
        actor=actor,
        action=Action.UPDATE,
        object_type="contact",
        object_id=contact.key,
        detail={"confirmed": contact.reviewed_on.isoformat()},
    )
    return contact
