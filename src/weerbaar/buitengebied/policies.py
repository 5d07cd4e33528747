"""Who sees and changes what in the rural area.

Dumping reports are *intern*: partners see them; the reporting organisation and the province
(which reimburses landowners) change them; the province alone decides on a reimbursement. The
farm-location list (derived from registers, with residence answers) needs shielded clearance.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from weerbaar.core.access import PARTNER_ROLES, Role
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import AccessLevelPolicy, policy_for, register_policy

from .models import (
    Drugsafvaldumping,
    ErvencoachBezoek,
    KeurmerkActie,
    KeurmerkAfspraak,
    KeurmerkDeelnemer,
    VabLocatie,
)

REPORTING_ROLES = frozenset(PARTNER_ROLES - {Role.FG, Role.BEHEERDER})


def is_province(ctx: ProcessingContext) -> bool:
    return ctx.has_role(Role.PROVINCIAAL_ADVISEUR)


def may_see_farm_locations(ctx: ProcessingContext) -> bool:
    """The VAB list: analysts with shielded clearance (it is built from residence answers)."""
    return ctx.clearance.shielded and ctx.has_role(
        Role.GEMEENTELIJK_ANALIST, Role.PROVINCIAAL_ADVISEUR, Role.RIEC_ANALIST
    )


@register_policy(Drugsafvaldumping)
class DrugsafvaldumpingPolicy(AccessLevelPolicy):
    def can_create(self, ctx: ProcessingContext) -> bool:
        return ctx.has_role(*REPORTING_ROLES) and ctx.organisation_id is not None

    def can_change(self, ctx: ProcessingContext, obj: Any) -> bool:
        if not self.can_view(ctx, obj) or not ctx.has_role(*REPORTING_ROLES):
            return False
        return obj.organisation_id == ctx.organisation_id or is_province(ctx)

    def can_decide_reimbursement(self, ctx: ProcessingContext, obj: Any) -> bool:
        return self.can_view(ctx, obj) and is_province(ctx)


@register_policy(VabLocatie)
class VabLocatiePolicy(AccessLevelPolicy):
    """Farm locations: cleared analysts only, and a municipal analyst only within the area of
    their organisation (`ctx.area_scope`)."""

    def visible(self, ctx: Any, queryset: models.QuerySet | None = None) -> models.QuerySet:
        qs = super().visible(ctx, queryset)
        if not may_see_farm_locations(ctx):
            return qs.none()
        scope = getattr(ctx, "area_scope", None)
        if scope is not None:
            qs = qs.filter(gemeente_code__in=scope)
        return qs

    def can_view(self, ctx: Any, obj: Any) -> bool:
        return (
            super().can_view(ctx, obj)
            and may_see_farm_locations(ctx)
            and (getattr(ctx, "area_scope", None) is None or obj.gemeente_code in ctx.area_scope)
        )

    def can_create(self, ctx: Any) -> bool:
        return bool(getattr(ctx, "system", False))

    def can_change(self, ctx: Any, obj: Any) -> bool:
        return bool(getattr(ctx, "system", False))


@register_policy(ErvencoachBezoek)
class ErvencoachBezoekPolicy(AccessLevelPolicy):
    """Visits are seen and logged by those who see the location they belong to."""

    def visible(self, ctx: Any, queryset: models.QuerySet | None = None) -> models.QuerySet:
        qs = queryset if queryset is not None else ErvencoachBezoek.objects.all()
        return qs.filter(locatie__in=policy_for(VabLocatie).visible(ctx))

    def can_view(self, ctx: Any, obj: Any) -> bool:
        return policy_for(VabLocatie).can_view(ctx, obj.locatie)

    def can_create(self, ctx: Any) -> bool:
        return may_see_farm_locations(ctx) and ctx.organisation_id is not None

    def can_change(self, ctx: Any, obj: Any) -> bool:
        return self.can_view(ctx, obj) and obj.organisation_id == ctx.organisation_id


class KeurmerkPolicy(AccessLevelPolicy):
    """The Keurmerk is intern: partners read it; the province (which runs it) records it."""

    def can_create(self, ctx: Any) -> bool:
        return is_province(ctx) or ctx.has_role(Role.BEHEERDER)

    def can_change(self, ctx: Any, obj: Any) -> bool:
        return self.can_view(ctx, obj) and self.can_create(ctx)


@register_policy(KeurmerkDeelnemer)
class KeurmerkDeelnemerPolicy(KeurmerkPolicy):
    pass


@register_policy(KeurmerkAfspraak)
class KeurmerkAfspraakPolicy(KeurmerkPolicy):
    pass


@register_policy(KeurmerkActie)
class KeurmerkActiePolicy(KeurmerkPolicy):
    """An action's status is changed by the province or by the organisation that owns it."""

    def can_change(self, ctx: Any, obj: Any) -> bool:
        return self.can_view(ctx, obj) and (
            self.can_create(ctx)
            or (ctx.has_role(*REPORTING_ROLES) and obj.eigenaar_id == ctx.organisation_id)
        )
