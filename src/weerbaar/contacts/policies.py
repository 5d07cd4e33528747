"""The contact directory is for logged-in partners only; each entry is kept by its person or
by an editor of its organisation."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from weerbaar.catalog.policies import is_editor
from weerbaar.core.access import AccessLevel
from weerbaar.core.clearance import clearance_for
from weerbaar.core.policies import BasePolicy, register_policy, require

from .models import Contact


def is_partner(user: Any) -> bool:
    return AccessLevel.INTERN in clearance_for(user).levels


def require_partner(user: Any) -> None:
    """Views and API endpoints of the directory and the checklist start with this."""
    require(is_partner(user), "Alleen voor ingelogde partners.")


@register_policy(Contact)
class ContactPolicy(BasePolicy):
    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else Contact.objects.all()
        return qs if is_partner(user) else qs.none()

    def can_view(self, user: Any, obj: Any) -> bool:
        return is_partner(user)

    def can_create(self, user: Any) -> bool:
        return is_editor(user)

    def can_change(self, user: Any, obj: Any) -> bool:
        if not is_partner(user):
            return False
        if obj.person_id is not None and obj.person_id == user.pk:
            return True
        return is_editor(user) and obj.organisation_id == user.organisation_id
