"""Who sees which signal: clearance for its level *and* an organisation involved in it.

Involved are the reporting and the assigned organisation, the RIEC (informatieplein) once the
signal was brought in, and every organisation in the case team. The FG and the administrator
never see signals: supervising and managing do not need the content (separation of duties).

Every policy takes the processing context (`ctx`): its roles, organisation and clearance.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet

from weerbaar.core.access import Role
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import BasePolicy, register_policy
from weerbaar.organisations.models import OrganisationKind

from .models import (
    Attachment,
    Bottleneck,
    Case,
    CaseTeamMember,
    Comment,
    DisclosureRequest,
    EnrichmentRun,
    Evaluation,
    Intervention,
    Notification,
    RetentionLog,
    Signal,
    Subject,
    TimelineEvent,
)
from .workflow import HOLDER, RIEC, TEAM, WORKER_ROLES

#: the processing activities a signal read or write serves, most specific first (the entry names
#: the declared purpose, else the first of these the context holds a grant for)
ACTIVITIES = ("informatieplein", "signaalverrijking", "gebiedsanalyse")


def is_worker(ctx: ProcessingContext) -> bool:
    """May use the signals module at all: a worker role and an organisation."""
    return bool(ctx.roles & WORKER_ROLES) and ctx.organisation_id is not None


def organisation_of(ctx: ProcessingContext) -> int:
    """The context's organisation; PermissionDenied without one (a worker always has one)."""
    if ctx.organisation_id is None:
        raise PermissionDenied("geen organisatie")
    return ctx.organisation_id


def is_riec(ctx: ProcessingContext) -> bool:
    org = ctx.organisation
    return org is not None and org.kind == OrganisationKind.RIEC


def involvement(ctx: ProcessingContext, prefix: str = "") -> Q:
    org_id = ctx.organisation_id
    q = (
        Q(**{f"{prefix}reporting_organisation_id": org_id})
        | Q(**{f"{prefix}assigned_organisation_id": org_id})
        | Q(**{f"{prefix}case__members__organisation_id": org_id})
        | Q(**{f"{prefix}shares__organisation_id": org_id})
    )
    if is_riec(ctx):
        q |= Q(**{f"{prefix}ingebracht": True})
    return q


def scopes_of(ctx: ProcessingContext, signal: Signal) -> frozenset[str]:
    """The scopes of the workflow table the context's organisation is in for this signal."""
    org_id = ctx.organisation_id
    if org_id is None:
        return frozenset()
    scopes = set()
    if org_id in (signal.reporting_organisation_id, signal.assigned_organisation_id):
        scopes.add(HOLDER)
    if is_riec(ctx):
        scopes.add(RIEC)
    if (
        signal.case_id
        and CaseTeamMember.objects.filter(case_id=signal.case_id, organisation_id=org_id).exists()
    ):
        scopes.add(TEAM)
    return frozenset(scopes)


@register_policy(Signal)
class SignalPolicy(BasePolicy):
    def visible(self, ctx: ProcessingContext, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else Signal.objects.all()
        if not is_worker(ctx):
            return qs.none()
        ids = Signal.objects.filter(involvement(ctx)).values("pk")
        return qs.filter(access_level__in=ctx.clearance.levels, pk__in=ids)

    def can_create(self, ctx: ProcessingContext) -> bool:
        return is_worker(ctx) and ctx.clearance.shielded

    def can_change(self, ctx: ProcessingContext, obj: Model) -> bool:
        return isinstance(obj, Signal) and obj.anonymised_at is None and self.can_view(ctx, obj)


class _ViaSignal(BasePolicy):
    """Child rows of a signal: visible with the signal."""

    signal_path = "signal"

    def visible(self, ctx: ProcessingContext, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else self.model._default_manager.all()
        signals = SignalPolicy().visible(ctx).values("pk")
        return qs.filter(**{f"{self.signal_path}__in": signals})

    def can_create(self, ctx: ProcessingContext) -> bool:
        return is_worker(ctx)


@register_policy(Subject)
class SubjectPolicy(_ViaSignal):
    def visible(self, ctx: ProcessingContext, queryset: QuerySet | None = None) -> QuerySet:
        return super().visible(ctx, queryset).filter(access_level__in=ctx.clearance.levels)


for _child in (Attachment, Comment, TimelineEvent, EnrichmentRun):
    register_policy(_child)(type(f"{_child.__name__}Policy", (_ViaSignal,), {}))


@register_policy(Case)
class CasePolicy(BasePolicy):
    def visible(self, ctx: ProcessingContext, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else Case.objects.all()
        if not is_worker(ctx):
            return qs.none()
        org_id = organisation_of(ctx)
        team = CaseTeamMember.objects.filter(organisation_id=org_id).values("case_id")
        return qs.filter(access_level__in=ctx.clearance.levels).filter(
            Q(pk__in=team) | Q(lead_organisation_id=org_id)
        )

    def can_change(self, ctx: ProcessingContext, obj: Model) -> bool:
        return self.can_view(ctx, obj)


class _ViaCase(BasePolicy):
    def visible(self, ctx: ProcessingContext, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else self.model._default_manager.all()
        return qs.filter(case__in=CasePolicy().visible(ctx).values("pk"))


for _case_part in (Intervention, Evaluation, CaseTeamMember):
    register_policy(_case_part)(type(f"{_case_part.__name__}Policy", (_ViaCase,), {}))


@register_policy(Bottleneck)
class BottleneckPolicy(BasePolicy):
    """Bottlenecks hold no personal data: every worker sees the list for the IVZ/RCIV agenda."""

    def visible(self, ctx: ProcessingContext, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else Bottleneck.objects.all()
        return qs if is_worker(ctx) else qs.none()

    def can_change(self, ctx: ProcessingContext, obj: Model) -> bool:
        return is_worker(ctx) and is_riec(ctx)


@register_policy(Notification)
class NotificationPolicy(BasePolicy):
    def visible(self, ctx: ProcessingContext, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else Notification.objects.all()
        if ctx.actor is None:
            return qs.none()
        return qs.filter(user_id=ctx.actor.pk)


@register_policy(RetentionLog)
class RetentionLogPolicy(BasePolicy):
    """Only the FG supervises what retention removed."""

    def visible(self, ctx: ProcessingContext, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else RetentionLog.objects.all()
        return qs if ctx.has_role(Role.FG) else qs.none()


@register_policy(DisclosureRequest)
class DisclosureRequestPolicy(BasePolicy):
    """The requesting organisation and the holder see a request; the holder decides."""

    def visible(self, ctx: ProcessingContext, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else DisclosureRequest.objects.all()
        if not is_worker(ctx):
            return qs.none()
        return qs.filter(Q(requesting_organisation_id=ctx.organisation_id) | Q(holder_id=ctx.organisation_id))

    def can_change(self, ctx: ProcessingContext, obj: Model) -> bool:
        return (
            isinstance(obj, DisclosureRequest)
            and is_worker(ctx)
            and obj.holder_id == ctx.organisation_id
            and ctx.clearance.shielded
        )
