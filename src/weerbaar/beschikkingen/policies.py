"""Who sees and changes decisions, subscriptions and deliveries.

A decision is seen by the issuing organisation's partners, as far as its access level allows:
a notification tells other partners *that* something was decided and whom to ask, and a
subscription never opens the decision to them. Subscriptions belong to an organisation; the
dead-letter list is for administrators."""

from __future__ import annotations

from typing import Any

from django.db import models

from weerbaar.core.access import PARTNER_ROLES, Role
from weerbaar.core.clearance import clearance_for, roles_of
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import AccessLevelPolicy, BasePolicy, organisation_id_of, register_policy

from .models import Abonnement, Beschikking, Bezorging


def is_beheerder(ctx: Any) -> bool:
    return Role.BEHEERDER in roles_of(ctx)


@register_policy(Beschikking)
class BeschikkingPolicy(AccessLevelPolicy):
    def visible(self, ctx: Any, queryset: models.QuerySet | None = None) -> models.QuerySet:
        qs = queryset if queryset is not None else Beschikking.objects.all()
        organisation_id = organisation_id_of(ctx)
        if organisation_id is None or not roles_of(ctx) & PARTNER_ROLES:
            return qs.none()
        return qs.filter(organisation_id=organisation_id, access_level__in=clearance_for(ctx).levels)

    def can_view(self, ctx: Any, obj: Any) -> bool:
        return (
            bool(roles_of(ctx) & PARTNER_ROLES)
            and obj.organisation_id == organisation_id_of(ctx)
            and obj.access_level in clearance_for(ctx).levels
        )

    def can_create(self, ctx: ProcessingContext) -> bool:
        return ctx.has_role(*PARTNER_ROLES) and ctx.organisation_id is not None

    def can_change(self, ctx: ProcessingContext, obj: Any) -> bool:
        return self.can_view(ctx, obj)


@register_policy(Abonnement)
class AbonnementPolicy(BasePolicy):
    """An organisation's partners manage its subscriptions; nobody else sees them."""

    def visible(self, ctx: Any, queryset: models.QuerySet | None = None) -> models.QuerySet:
        qs = queryset if queryset is not None else Abonnement.objects.all()
        organisation_id = organisation_id_of(ctx)
        if organisation_id is None or not roles_of(ctx) & PARTNER_ROLES:
            return qs.none()
        return qs.filter(organisation_id=organisation_id)

    def can_view(self, ctx: Any, obj: Any) -> bool:
        return bool(roles_of(ctx) & PARTNER_ROLES) and obj.organisation_id == organisation_id_of(ctx)

    def can_create(self, ctx: Any) -> bool:
        return bool(roles_of(ctx) & PARTNER_ROLES) and organisation_id_of(ctx) is not None

    def can_change(self, ctx: Any, obj: Any) -> bool:
        return self.can_view(ctx, obj)

    def can_delete(self, ctx: Any, obj: Any) -> bool:
        return self.can_view(ctx, obj)


@register_policy(Bezorging)
class BezorgingPolicy(BasePolicy):
    """Deliveries (and the dead-letter list) are the administrators' to watch and retry."""

    def visible(self, ctx: Any, queryset: models.QuerySet | None = None) -> models.QuerySet:
        qs = queryset if queryset is not None else Bezorging.objects.all()
        return qs if is_beheerder(ctx) else qs.none()

    def can_view(self, ctx: Any, obj: Any) -> bool:
        return is_beheerder(ctx)

    def can_change(self, ctx: Any, obj: Any) -> bool:
        return is_beheerder(ctx)
