"""Who may see and change factsheets.

The factsheet is metadata: openbaar factsheets are public, intern and afgeschermd factsheets are
visible to every logged-in partner (the data exists, who holds it, how to ask). Only the
maintaining organisation edits a factsheet.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from weerbaar.core.access import AccessLevel
from weerbaar.core.clearance import clearance_for
from weerbaar.core.policies import BasePolicy, Viewer, is_editor, organisation_id_of, register_policy

from .models import Factsheet


def visible_factsheet_levels(ctx: Viewer) -> frozenset[str]:
    """Access levels of factsheets `ctx` may see: partners see the closed ones too."""
    levels = set(clearance_for(ctx).levels)
    if AccessLevel.INTERN in levels:
        levels.add(AccessLevel.AFGESCHERMD)
    return frozenset(levels)


@register_policy(Factsheet)
class FactsheetPolicy(BasePolicy):
    def visible(self, ctx: Viewer, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else Factsheet.objects.all()
        return qs.filter(access_level__in=visible_factsheet_levels(ctx))

    def can_view(self, ctx: Viewer, obj: Any) -> bool:
        return obj.access_level in visible_factsheet_levels(ctx)

    def can_create(self, ctx: Viewer) -> bool:
        return is_editor(ctx)

    def can_change(self, ctx: Viewer, obj: Any) -> bool:
        return is_editor(ctx) and obj.maintainer_id == organisation_id_of(ctx)

    def can_delete(self, ctx: Viewer, obj: Any) -> bool:
        return self.can_change(ctx, obj)
