"""Who sees indicators and their values: by the indicator's access level (openbaar for everyone,
intern for partners, afgeschermd with clearance). Only the platform defines and loads them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from weerbaar.core.access import PARTNER_ROLES, Role
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import AccessLevelPolicy, BasePolicy, register_policy

from .models import Indicator, IndicatorValue

#: who may import further indicators (the province's and municipalities' analysts, the RIEC)
IMPORTERS = frozenset(
    {Role.PROVINCIAAL_ADVISEUR, Role.GEMEENTELIJK_ANALIST, Role.RIEC_ANALIST, Role.BEHEERDER}
)


@register_policy(Indicator)
class IndicatorPolicy(AccessLevelPolicy):
    def can_create(self, ctx: ProcessingContext) -> bool:
        return ctx.system or (ctx.has_role(*IMPORTERS) and ctx.organisation_id is not None)

    def can_change(self, ctx: ProcessingContext, obj: Any) -> bool:
        return ctx.system or (self.can_view(ctx, obj) and obj.owner_id == ctx.organisation_id)


@register_policy(IndicatorValue)
class IndicatorValuePolicy(BasePolicy):
    """A value is visible with its indicator."""

    def visible(self, ctx: ProcessingContext, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else IndicatorValue.objects.all()
        return qs.filter(indicator__access_level__in=ctx.clearance.levels)

    def can_create(self, ctx: ProcessingContext) -> bool:
        return ctx.system or ctx.has_role(*PARTNER_ROLES)
