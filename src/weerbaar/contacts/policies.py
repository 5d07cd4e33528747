"""The contact directory is for logged-in partners; each entry is kept by its person or by an
editor of its organisation."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from weerbaar.core.policies import (
    BasePolicy,
    Viewer,
    is_editor,
    is_partner,
    organisation_id_of,
    register_policy,
)

from .models import Contact


def _actor_id(ctx: Viewer) -> Any:
    actor = getattr(ctx, "actor", ctx)
    return getattr(actor, "pk", None)


@register_policy(Contact)
class ContactPolicy(BasePolicy):
    def visible(self, ctx: Viewer, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else Contact.objects.all()
        return qs if is_partner(ctx) else qs.none()

    def can_view(self, ctx: Viewer, obj: Any) -> bool:
        return is_partner(ctx)

    def can_create(self, ctx: Viewer) -> bool:
        return is_editor(ctx)

    def can_change(self, ctx: Viewer, obj: Any) -> bool:
        if not is_partner(ctx):
            return False
        if obj.person_id is not None and obj.person_id == _actor_id(ctx):
            return True
        return is_editor(ctx) and obj.organisation_id == organisation_id_of(ctx)
