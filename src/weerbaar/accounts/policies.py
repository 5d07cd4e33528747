"""Who sees and changes accounts, tokens and four-eyes proposals."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from weerbaar.core.access import Role
from weerbaar.core.clearance import roles_of
from weerbaar.core.policies import BasePolicy, Viewer, register_policy

from .models import ApiToken, Proposal, User


def _actor_pk(ctx: Viewer) -> Any:
    actor = getattr(ctx, "actor", ctx)  # a context, or (while callers move over) a user
    return getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None


@register_policy(User)
class UserPolicy(BasePolicy):
    """A user sees themself; administrators manage the users of all organisations — but never
    their own account (separation of duties: nobody widens their own access)."""

    def visible(self, ctx: Viewer, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else User.objects.all()
        if Role.BEHEERDER in roles_of(ctx):
            return qs
        pk = _actor_pk(ctx)
        return qs.filter(pk=pk) if pk is not None else qs.none()

    def can_create(self, ctx: Viewer) -> bool:
        return Role.BEHEERDER in roles_of(ctx)

    def can_change(self, ctx: Viewer, obj: Any) -> bool:
        return Role.BEHEERDER in roles_of(ctx) and obj.pk != _actor_pk(ctx)


@register_policy(ApiToken)
class ApiTokenPolicy(BasePolicy):
    def visible(self, ctx: Viewer, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else ApiToken.objects.all()
        if Role.BEHEERDER in roles_of(ctx):
            return qs
        pk = _actor_pk(ctx)
        return qs.filter(user_id=pk) if pk is not None else qs.none()

    def can_create(self, ctx: Viewer) -> bool:
        return Role.BEHEERDER in roles_of(ctx)

    def can_change(self, ctx: Viewer, obj: Any) -> bool:
        return Role.BEHEERDER in roles_of(ctx) or obj.user_id == _actor_pk(ctx)


@register_policy(Proposal)
class ProposalPolicy(BasePolicy):
    """Administrators and the FG see every proposal (they propose and decide); nobody else."""

    def visible(self, ctx: Viewer, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else Proposal.objects.all()
        return qs if roles_of(ctx) & {Role.BEHEERDER, Role.FG} else qs.none()
