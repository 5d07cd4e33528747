"""Who reads and changes the knowledge network.

Knowledge items and published cases go by access level (partners: *intern*); editors add and
change items for their own organisation, and draft cases that only their own organisation sees
until one of its editors publishes them. The dilemma room is closed: only its members see its
posts, whatever their role or clearance — not the FG through the room either (the FG reads the
audit log). A dilemma is closed by its author: the room has no moderators.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from weerbaar.core.policies import (
    AccessLevelPolicy,
    BasePolicy,
    Viewer,
    is_editor,
    is_partner,
    organisation_id_of,
    register_policy,
)

from .models import CaseStatus, DilemmaCase, DilemmaPost, DilemmaRoom, KnowledgeItem


def _actor_id(ctx: Viewer) -> Any:
    actor = getattr(ctx, "actor", ctx)
    return getattr(actor, "pk", None) if actor is not None else None


def member_of(ctx: Viewer, room: DilemmaRoom) -> bool:
    actor = _actor_id(ctx)
    return actor is not None and is_partner(ctx) and room.members.filter(pk=actor).exists()


def rooms_of(ctx: Viewer) -> QuerySet[DilemmaRoom]:
    """The rooms `ctx` is a member of (none for the anonymous and the public)."""
    actor = _actor_id(ctx)
    if actor is None or not is_partner(ctx):
        return DilemmaRoom.objects.none()
    return DilemmaRoom.objects.filter(members__pk=actor)


@register_policy(KnowledgeItem)
class KnowledgeItemPolicy(AccessLevelPolicy):
    def can_create(self, ctx: Viewer) -> bool:
        return is_editor(ctx)

    def can_change(self, ctx: Viewer, obj: Any) -> bool:
        return is_editor(ctx) and obj.owner_id == organisation_id_of(ctx)


@register_policy(DilemmaCase)
class DilemmaCasePolicy(AccessLevelPolicy):
    """Published cases by access level; a draft only to the partners of the organisation drafting it."""

    def visible(self, ctx: Viewer, queryset: QuerySet | None = None) -> QuerySet:
        qs = super().visible(ctx, queryset)
        organisation = organisation_id_of(ctx)
        if not is_partner(ctx) or organisation is None:
            return qs.filter(status=CaseStatus.PUBLISHED)
        return qs.filter(Q(status=CaseStatus.PUBLISHED) | Q(status=CaseStatus.CONCEPT, owner_id=organisation))

    def can_view(self, ctx: Viewer, obj: Any) -> bool:
        return self.visible(ctx, DilemmaCase.objects.filter(pk=obj.pk)).exists()

    def can_create(self, ctx: Viewer) -> bool:
        return is_editor(ctx)

    def can_change(self, ctx: Viewer, obj: Any) -> bool:
        """A draft, by an editor of the organisation that drafts it; a published case stays as it is."""
        return obj.status == CaseStatus.CONCEPT and is_editor(ctx) and obj.owner_id == organisation_id_of(ctx)


@register_policy(DilemmaRoom)
class DilemmaRoomPolicy(BasePolicy):
    def visible(self, ctx: Viewer, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else DilemmaRoom.objects.all()
        return qs.filter(pk__in=rooms_of(ctx).values("pk"))

    def can_view(self, ctx: Viewer, obj: Any) -> bool:
        return member_of(ctx, obj)


@register_policy(DilemmaPost)
class DilemmaPostPolicy(BasePolicy):
    def visible(self, ctx: Viewer, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else DilemmaPost.objects.all()
        return qs.filter(room__in=rooms_of(ctx).values("pk"))

    def can_view(self, ctx: Viewer, obj: Any) -> bool:
        return member_of(ctx, obj.room)

    def can_create(self, ctx: Viewer) -> bool:
        return rooms_of(ctx).exists()

    def can_change(self, ctx: Viewer, obj: Any) -> bool:
        """Closing a dilemma: its author, while still a member of the room (the room knows no
        moderator role; the author decides the question is settled)."""
        actor = _actor_id(ctx)
        return actor is not None and obj.author_id == actor and member_of(ctx, obj.room)
