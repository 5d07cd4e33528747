"""Who sees and changes controls: only the organisations that take part in one (the organiser and
its partners) see it, its visit list and its findings; the organiser changes it."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from weerbaar.core.access import PARTNER_ROLES
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import AccessLevelPolicy, BasePolicy, policy_for, register_policy

from .models import Bevinding, BevindingFoto, Controle, Partner, Team, Vraag


@register_policy(Controle)
class ControlePolicy(AccessLevelPolicy):
    def visible(self, ctx: ProcessingContext, queryset: QuerySet | None = None) -> QuerySet:
        qs = super().visible(ctx, queryset)
        if ctx.organisation_id is None or not ctx.has_role(*PARTNER_ROLES):
            return qs.none()
        return qs.filter(partners__organisation_id=ctx.organisation_id).distinct()

    def can_create(self, ctx: ProcessingContext) -> bool:
        return ctx.has_role(*PARTNER_ROLES) and ctx.organisation_id is not None

    def can_change(self, ctx: ProcessingContext, obj: Any) -> bool:
        return self.can_view(ctx, obj) and obj.organisation_id == ctx.organisation_id

    def can_view(self, ctx: ProcessingContext, obj: Any) -> bool:
        return self.visible(ctx, Controle.objects.filter(pk=obj.pk)).exists()

    def can_record(self, ctx: ProcessingContext, obj: Any) -> bool:
        """Every partner of the control records findings."""
        return self.can_view(ctx, obj)


class _ViaControle(BasePolicy):
    """Rows of a control are visible with their control."""

    def visible(self, ctx: ProcessingContext, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else self.model._default_manager.all()
        return qs.filter(controle__in=policy_for(Controle).visible(ctx).values("pk"))


@register_policy(Partner)
class PartnerPolicy(_ViaControle):
    pass


@register_policy(Team)
class TeamPolicy(_ViaControle):
    pass


@register_policy(Bevinding)
class BevindingPolicy(_ViaControle):
    pass


@register_policy(BevindingFoto)
class BevindingFotoPolicy(BasePolicy):
    """A finding's photos are visible with the finding (to the control's partners only)."""

    def visible(self, ctx: ProcessingContext, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else self.model._default_manager.all()
        return qs.filter(bevinding__in=policy_for(Bevinding).visible(ctx).values("pk"))


@register_policy(Vraag)
class VraagPolicy(BasePolicy):
    """The question table is reference data for partners."""

    def visible(self, ctx: ProcessingContext, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else self.model._default_manager.all()
        return qs if ctx.has_role(*PARTNER_ROLES) else qs.none()
