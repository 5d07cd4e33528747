"""Who sees which signal: clearance for its level *and* an organisation involved in it.

Involved are the reporting and the assigned organisation, the RIEC (informatieplein) once the
signal was brought in, and every organisation in the case team. The FG and the administrator
never see signals: supervising and managing do not need the content (separation of duties).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from weerbaar.core.clearance import clearance_for, roles_of
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


def is_worker(user: Any) -> bool:
    """May use the signals module at all: a worker role and an organisation."""
    return bool(roles_of(user) & WORKER_ROLES) and getattr(user, "organisation_id", None) is not None


def is_riec(user: Any) -> bool:
    org = getattr(user, "organisation", None)
    return org is not None and org.kind == OrganisationKind.RIEC


def involvement(user: Any, prefix: str = "") -> Q:
    org_id = user.organisation_id
    q = (
        Q(**{f"{prefix}reporting_organisation_id": org_id})
        | Q(**{f"{prefix}assigned_organisation_id": org_id})
        | Q(**{f"{prefix}case__members__organisation_id": org_id})
        | Q(**{f"{prefix}shares__organisation_id": org_id})
    )
    if is_riec(user):
        q |= Q(**{f"{prefix}ingebracht": True})
    return q


def scopes_of(user: Any, signal: Signal) -> frozenset[str]:
    """The scopes of the workflow table the user's organisation is in for this signal."""
    org_id = getattr(user, "organisation_id", None)
    if org_id is None:
        return frozenset()
    scopes = set()
    if org_id in (signal.reporting_organisation_id, signal.assigned_organisation_id):
        scopes.add(HOLDER)
    if is_riec(user):
        scopes.add(RIEC)
    if (
        signal.case_id
        and CaseTeamMember.objects.filter(case_id=signal.case_id, organisation_id=org_id).exists()
    ):
        scopes.add(TEAM)
    return frozenset(scopes)


@register_policy(Signal)
class SignalPolicy(BasePolicy):
    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else Signal.objects.all()
        if not is_worker(user):
            return qs.none()
        levels = clearance_for(user).levels
        ids = Signal.objects.filter(involvement(user)).values("pk")
        return qs.filter(access_level__in=levels, pk__in=ids)

    def can_create(self, user: Any) -> bool:
        return is_worker(user) and clearance_for(user).shielded

    def can_change(self, user: Any, obj: Signal) -> bool:
        return obj.anonymised_at is None and self.can_view(user, obj)


class _ViaSignal(BasePolicy):
    """Child rows of a signal: visible with the signal."""

    signal_path = "signal"

    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else self.model._default_manager.all()
        signals = SignalPolicy().visible(user).values("pk")
        return qs.filter(**{f"{self.signal_path}__in": signals})

    def can_create(self, user: Any) -> bool:
        return is_worker(user)


@register_policy(Subject)
class SubjectPolicy(_ViaSignal):
    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        return super().visible(user, queryset).filter(access_level__in=clearance_for(user).levels)


for _model in (Attachment, Comment, TimelineEvent, EnrichmentRun):
    register_policy(_model)(type(f"{_model.__name__}Policy", (_ViaSignal,), {}))


@register_policy(Case)
class CasePolicy(BasePolicy):
    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else Case.objects.all()
        if not is_worker(user):
            return qs.none()
        levels = clearance_for(user).levels
        team = CaseTeamMember.objects.filter(organisation_id=user.organisation_id).values("case_id")
        return qs.filter(access_level__in=levels).filter(
            Q(pk__in=team) | Q(lead_organisation_id=user.organisation_id)
        )

    def can_change(self, user: Any, obj: Case) -> bool:
        return self.can_view(user, obj)


class _ViaCase(BasePolicy):
    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else self.model._default_manager.all()
        return qs.filter(case__in=CasePolicy().visible(user).values("pk"))


for _model in (Intervention, Evaluation, CaseTeamMember):
    register_policy(_model)(type(f"{_model.__name__}Policy", (_ViaCase,), {}))


@register_policy(Bottleneck)
class BottleneckPolicy(BasePolicy):
    """Bottlenecks hold no personal data: every worker sees the list for the IVZ/RCIV agenda."""

    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else Bottleneck.objects.all()
        return qs if is_worker(user) else qs.none()

    def can_change(self, user: Any, obj: Bottleneck) -> bool:
        return is_worker(user) and is_riec(user)


@register_policy(Notification)
class NotificationPolicy(BasePolicy):
    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else Notification.objects.all()
        if not getattr(user, "is_authenticated", False):
            return qs.none()
        return qs.filter(user_id=user.pk)


@register_policy(RetentionLog)
class RetentionLogPolicy(BasePolicy):
    """Only the FG supervises what retention removed."""

    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        from weerbaar.core.access import Role

        qs = queryset if queryset is not None else RetentionLog.objects.all()
        return qs if Role.FG in roles_of(user) else qs.none()


@register_policy(DisclosureRequest)
class DisclosureRequestPolicy(BasePolicy):
    """The requesting organisation and the holder see a request; the holder decides."""

    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else DisclosureRequest.objects.all()
        if not is_worker(user):
            return qs.none()
        return qs.filter(
            Q(requesting_organisation_id=user.organisation_id) | Q(holder_id=user.organisation_id)
        )

    def can_change(self, user: Any, obj: DisclosureRequest) -> bool:
        return is_worker(user) and obj.holder_id == user.organisation_id and clearance_for(user).shielded
