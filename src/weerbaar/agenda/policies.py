"""Who reads and changes the agenda.

Logged-in partners read the working copy, every version and the comments, and comment; an
editor adds actions their organisation owns to the draft, changes the actions their organisation
owns and takes out of the draft those it owns alone (an action shared with others stays until
the province decides); the province, which keeps the agenda for the DVO, adds, changes and
removes any action and publishes versions.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from weerbaar.core.access import Role
from weerbaar.core.clearance import roles_of
from weerbaar.core.policies import (
    AccessLevelPolicy,
    BasePolicy,
    Viewer,
    is_editor,
    is_partner,
    organisation_id_of,
    register_policy,
)

from .models import Action, ActionComment, AgendaVersion


def keeps_the_agenda(ctx: Viewer) -> bool:
    """A provincial adviser: edits every action and publishes versions."""
    return is_editor(ctx) and Role.PROVINCIAAL_ADVISEUR in roles_of(ctx)


@register_policy(Action)
class ActionPolicy(AccessLevelPolicy):
    def can_create(self, ctx: Viewer) -> bool:
        return is_editor(ctx)

    def can_change(self, ctx: Viewer, obj: Any) -> bool:
        if not self.can_view(ctx, obj) or not is_editor(ctx):
            return False
        if keeps_the_agenda(ctx):
            return True
        return obj.owners.filter(pk=organisation_id_of(ctx)).exists()

    def can_delete(self, ctx: Viewer, obj: Any) -> bool:
        if keeps_the_agenda(ctx):
            return True
        if not self.can_view(ctx, obj) or not is_editor(ctx):
            return False
        return set(obj.owners.values_list("pk", flat=True)) == {organisation_id_of(ctx)}


@register_policy(AgendaVersion)
class AgendaVersionPolicy(BasePolicy):
    def visible(self, ctx: Viewer, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else AgendaVersion.objects.all()
        return qs if is_partner(ctx) else qs.none()

    def can_view(self, ctx: Viewer, obj: Any) -> bool:
        return is_partner(ctx)

    def can_create(self, ctx: Viewer) -> bool:
        return keeps_the_agenda(ctx)

    def can_change(self, ctx: Viewer, obj: Any) -> bool:
        return False


@register_policy(ActionComment)
class ActionCommentPolicy(BasePolicy):
    def visible(self, ctx: Viewer, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else ActionComment.objects.all()
        return qs if is_partner(ctx) else qs.none()

    def can_view(self, ctx: Viewer, obj: Any) -> bool:
        return is_partner(ctx)

    def can_create(self, ctx: Viewer) -> bool:
        return is_partner(ctx) and organisation_id_of(ctx) is not None

    def can_change(self, ctx: Viewer, obj: Any) -> bool:
        return False
