"""Who may see and change factsheets.

The factsheet is metadata: openbaar factsheets are public, intern and afgeschermd factsheets are
visible to every logged-in partner (the data exists, who holds it, how to ask). Only the
maintaining organisation edits a factsheet.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.clearance import clearance_for, roles_of
from weerbaar.core.policies import BasePolicy, register_policy

from .models import Factsheet

#: Roles that write factsheets for their own organisation.
EDITOR_ROLES = frozenset(
    {Role.PROVINCIAAL_ADVISEUR, Role.GEMEENTELIJK_ANALIST, Role.RIEC_ANALIST, Role.PARTNER}
)


def visible_factsheet_levels(user: Any) -> frozenset[str]:
    """Access levels of factsheets `user` may see: partners see the closed ones too."""
    levels = set(clearance_for(user).levels)
    if AccessLevel.INTERN in levels:
        levels.add(AccessLevel.AFGESCHERMD)
    return frozenset(levels)


def is_editor(user: Any) -> bool:
    return bool(roles_of(user) & EDITOR_ROLES) and getattr(user, "organisation_id", None) is not None


@register_policy(Factsheet)
class FactsheetPolicy(BasePolicy):
    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else Factsheet.objects.all()
        return qs.filter(access_level__in=visible_factsheet_levels(user))

    def can_view(self, user: Any, obj: Any) -> bool:
        return obj.access_level in visible_factsheet_levels(user)

    def can_create(self, user: Any) -> bool:
        return is_editor(user)

    def can_change(self, user: Any, obj: Any) -> bool:
        return is_editor(user) and obj.maintainer_id == user.organisation_id

    def can_delete(self, user: Any, obj: Any) -> bool:
        return self.can_change(user, obj)
