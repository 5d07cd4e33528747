"""Reads for the account pages: proposals and the users a proposal can be about."""

from __future__ import annotations

from django.db.models import QuerySet

from weerbaar.core.access import Role
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for

from .models import Proposal, User


def proposal_queryset(*, ctx: ProcessingContext) -> QuerySet[Proposal]:
    return policy_for(Proposal).visible(ctx).select_related("subject", "proposed_by", "decided_by")


def proposals(*, ctx: ProcessingContext, pending: bool) -> list[Proposal]:
    qs = proposal_queryset(ctx=ctx)
    qs = qs.filter(status=Proposal.Status.PENDING) if pending else qs.exclude(status=Proposal.Status.PENDING)
    return list(qs.order_by("-id"))


def user_choices(*, ctx: ProcessingContext) -> list[tuple[int, str]]:
    """Accounts a proposal can be about: every active account but one's own."""
    if not ctx.has_role(Role.BEHEERDER, Role.FG):
        return []
    users = (
        User.objects.filter(is_active=True).exclude(pk=ctx.actor_id or None).select_related("organisation")
    )
    return [
        (u.pk, f"{u.username} ({u.organisation.code if u.organisation else '—'})")
        for u in users.order_by("username")
    ]


def user_list(*, ctx: ProcessingContext) -> list[User]:
    """The accounts the context may manage (administrators: all; others only themselves), with
    their organisation and roles."""
    users = policy_for(User).visible(ctx).select_related("organisation").prefetch_related("role_assignments")
    return list(users.order_by("username"))
