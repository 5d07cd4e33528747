"""The checklist is for logged-in partners; provincial advisers edit and publish the rules."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from weerbaar.contacts.policies import is_partner
from weerbaar.core.access import Role
from weerbaar.core.clearance import roles_of
from weerbaar.core.policies import BasePolicy, register_policy

from .models import RuleSet, RuleSetStatus


def is_rule_editor(user: Any) -> bool:
    return Role.PROVINCIAAL_ADVISEUR in roles_of(user)


@register_policy(RuleSet)
class RuleSetPolicy(BasePolicy):
    """Partners use the published rules; rule editors also see drafts and retired versions."""

    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else RuleSet.objects.all()
        if is_rule_editor(user):
            return qs
        if is_partner(user):
            return qs.filter(status=RuleSetStatus.PUBLISHED)
        return qs.none()

    def can_view(self, user: Any, obj: Any) -> bool:
        return is_rule_editor(user) or (is_partner(user) and obj.status == RuleSetStatus.PUBLISHED)

    def can_create(self, user: Any) -> bool:
        return is_rule_editor(user)

    def can_change(self, user: Any, obj: Any) -> bool:
        return is_rule_editor(user)
