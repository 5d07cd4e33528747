from typing import Any

from django.db.models import QuerySet

from weerbaar.core.access import Role
from weerbaar.core.clearance import roles_of
from weerbaar.core.policies import BasePolicy, register_policy

from .models import AuditEntry


@register_policy(AuditEntry)
class AuditEntryPolicy(BasePolicy):
    """Only the privacy officer reads the log; nobody changes it."""

    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else AuditEntry.objects.all()
        return qs if Role.FG in roles_of(user) else qs.none()
