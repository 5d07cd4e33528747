from typing import Any

from django.db.models import QuerySet

from weerbaar.core.access import PARTNER_ROLES, Role
from weerbaar.core.clearance import roles_of
from weerbaar.core.policies import BasePolicy, PublicReadPolicy, register_policy

from .models import Grant, LegalBasis, ProcessingActivity


@register_policy(LegalBasis)
class LegalBasisPolicy(PublicReadPolicy):
    """Legal bases are public law."""


@register_policy(ProcessingActivity)
class ProcessingActivityPolicy(BasePolicy):
    """The register is visible to partners; the FG and administrators keep it."""

    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else ProcessingActivity.objects.all()
        return qs if roles_of(user) & PARTNER_ROLES else qs.none()

    def can_create(self, user: Any) -> bool:
        return bool(roles_of(user) & {Role.FG, Role.BEHEERDER})

    def can_change(self, user: Any, obj: Any) -> bool:
        return self.can_create(user)


@register_policy(Grant)
class GrantPolicy(BasePolicy):
    """Who holds which legal basis is visible to partners. Nobody records a grant alone: it comes
    from an approved four-eyes proposal (accounts.services.proposals) or a region's data."""

    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else Grant.objects.all()
        return qs if roles_of(user) & PARTNER_ROLES else qs.none()
