"""Who sees indicators and their values: by the indicator's access level (openbaar for everyone,
intern for partners, afgeschermd with clearance). Only the platform defines and loads them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from weerbaar.core.access import PARTNER_ROLES, Role
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import (
    AccessLevelPolicy,
    BasePolicy,
    PublicReadPolicy,
    policy_for,
    register_policy,
)

from .models import AreaName, Indicator, IndicatorValue, QuarterlyReport, ResilienceScan, ResilienceScore

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


#: who sees every municipality's scans (the province's advisers, the RIEC); a municipality's own
#: analysts see their own scans only
REGION_WIDE = frozenset({Role.PROVINCIAAL_ADVISEUR, Role.RIEC_ANALIST})


@register_policy(ResilienceScan)
class ResilienceScanPolicy(BasePolicy):
    """A single scan: its access level (afgeschermd by default) and, below the region-wide roles,
    only the scans of one's own organisation."""

    def visible(self, ctx: ProcessingContext, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else ResilienceScan.objects.all()
        qs = qs.filter(access_level__in=ctx.clearance.levels)
        if ctx.system or ctx.has_role(*REGION_WIDE):
            return qs
        if ctx.organisation_id is None:
            return qs.none()
        return qs.filter(organisation_id=ctx.organisation_id)

    def can_create(self, ctx: ProcessingContext) -> bool:
        return ctx.system or (ctx.has_role(*IMPORTERS) and ctx.organisation_id is not None)


@register_policy(ResilienceScore)
class ResilienceScorePolicy(BasePolicy):
    """A score is visible with its scan."""

    def visible(self, ctx: ProcessingContext, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else ResilienceScore.objects.all()
        return qs.filter(scan__in=policy_for(ResilienceScan).visible(ctx))


@register_policy(QuarterlyReport)
class QuarterlyReportPolicy(AccessLevelPolicy):
    """A stored quarterly report by its access level: openbaar, as the live report's URLs (it was
    made with the public context, so it holds only published figures). Only the platform makes them."""

    def can_create(self, ctx: ProcessingContext) -> bool:
        return ctx.system


@register_policy(AreaName)
class AreaNamePolicy(PublicReadPolicy):
    """Names of wijken and buurten: public reference data, loaded by the platform."""

    def can_create(self, ctx: ProcessingContext) -> bool:
        return ctx.system
