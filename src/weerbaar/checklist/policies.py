"""The checklist is for logged-in partners; provincial advisers edit and publish the rules."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from weerbaar.core.access import Role
from weerbaar.core.clearance import roles_of
from weerbaar.core.policies import BasePolicy, Viewer, is_partner, register_policy

from .models import RuleSet, RuleSetStatus


def is_rule_editor(ctx: Viewer) -> bool:
    return Role.PROVINCIAAL_ADVISEUR in roles_of(ctx)


@register_policy(RuleSet)
class RuleSetPolicy(BasePolicy):
    """Partners use the published rules; rule editors also see drafts and retired versions."""

    def visible(self, ctx: Viewer, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else RuleSet.objects.all()
        if is_rule_editor(ctx):
            return qs
        if is_partner(ctx):
            return qs.filter(status=RuleSetStatus.PUBLISHED)
        return qs.none()

    def can_view(self, ctx: Viewer, obj: Any) -> bool:
        return is_rule_editor(ctx) or (is_partner(ctx) and obj.status == RuleSetStatus.PUBLISHED)

    def can_create(self, ctx: Viewer) -> bool:
        return is_rule_editor(ctx)

    def can_change(self, ctx: Viewer, obj: Any) -> bool:
        return is_rule_editor(ctx)
