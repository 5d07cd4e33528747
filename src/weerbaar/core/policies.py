"""One permission policy per model, used by views, API, admin and commands alike.

A policy answers two kinds of question for a processing context: which rows of a model it may
see (`visible`), and whether it may take an action on one row (`can_view`, `can_change`, ...).
Selectors and services call the policy with their `ctx`; templates never decide access.

(A bare user is still accepted while callers move to contexts; `clearance_for` and `roles_of`
answer for both.)
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models

from .access import EDITOR_ROLES, AccessLevel, Role
from .clearance import clearance_for, roles_of
from .context import ProcessingContext

#: a processing context (or, while callers move over, a user)
Viewer = ProcessingContext | Any

M = TypeVar("M", bound=models.Model)

_POLICIES: dict[type[models.Model], BasePolicy] = {}


class BasePolicy:
    """Refuses everything; subclasses open up what their model allows."""

    model: ClassVar[type[models.Model]]

    def visible(self, ctx: Viewer, queryset: models.QuerySet | None = None) -> models.QuerySet:
        qs = queryset if queryset is not None else self.model._default_manager.all()
        return qs.none()

    def can_view(self, ctx: Viewer, obj: models.Model) -> bool:
        return self.visible(ctx, self.model._default_manager.filter(pk=obj.pk)).exists()

    def can_create(self, ctx: Viewer) -> bool:
        return False

    def can_change(self, ctx: Viewer, obj: models.Model) -> bool:
        return False

    def can_delete(self, ctx: Viewer, obj: models.Model) -> bool:
        return False


class AccessLevelPolicy(BasePolicy):
    """Rows are visible by their `access_level`; administrators manage them."""

    managing_roles: ClassVar[frozenset[str]] = frozenset({Role.BEHEERDER})

    def visible(self, ctx: Viewer, queryset: models.QuerySet | None = None) -> models.QuerySet:
        qs = queryset if queryset is not None else self.model._default_manager.all()
        return qs.filter(access_level__in=clearance_for(ctx).levels)

    def can_view(self, ctx: Viewer, obj: models.Model) -> bool:
        return getattr(obj, "access_level", None) in clearance_for(ctx).levels

    def can_create(self, ctx: Viewer) -> bool:
        return bool(roles_of(ctx) & self.managing_roles)

    def can_change(self, ctx: Viewer, obj: models.Model) -> bool:
        return self.can_view(ctx, obj) and bool(roles_of(ctx) & self.managing_roles)

    def can_delete(self, ctx: Viewer, obj: models.Model) -> bool:
        return self.can_change(ctx, obj)


class PublicReadPolicy(BasePolicy):
    """Reference data anyone may read (e.g. organisations, boundaries); administrators manage."""

    def visible(self, ctx: Viewer, queryset: models.QuerySet | None = None) -> models.QuerySet:
        return queryset if queryset is not None else self.model._default_manager.all()

    def can_view(self, ctx: Viewer, obj: models.Model) -> bool:
        return True

    def can_create(self, ctx: Viewer) -> bool:
        return Role.BEHEERDER in roles_of(ctx)

    def can_change(self, ctx: Viewer, obj: models.Model) -> bool:
        return Role.BEHEERDER in roles_of(ctx)


def register_policy(model: type[M]):  # type: ignore[no-untyped-def]
    """Class decorator: `@register_policy(Factsheet) class FactsheetPolicy(AccessLevelPolicy)`."""

    def decorator(policy_class: type[BasePolicy]) -> type[BasePolicy]:
        if model in _POLICIES:
            raise ValueError(f"{model.__name__} already has a policy")
        policy_class.model = model
        _POLICIES[model] = policy_class()
        return policy_class

    return decorator


def policy_for(model: type[models.Model]) -> BasePolicy:
    try:
        return _POLICIES[model]
    except KeyError:
        raise LookupError(f"{model.__name__} has no permission policy") from None


def registered_models() -> list[type[models.Model]]:
    return list(_POLICIES)


def require(allowed: bool, message: str = "") -> None:
    """Raise PermissionDenied unless `allowed`; services call this before any write."""
    if not allowed:
        raise PermissionDenied(message or "not allowed")


def organisation_id_of(ctx: Viewer) -> int | None:
    """The organisation a context (or user) acts for."""
    return getattr(ctx, "organisation_id", None)


def is_partner(ctx: Viewer) -> bool:
    """A logged-in partner: cleared for *intern* items."""
    return AccessLevel.INTERN in clearance_for(ctx).levels


def require_partner(ctx: Viewer) -> None:
    """Pages and endpoints for logged-in partners only (the directory, the checklist) start here."""
    require(is_partner(ctx), "Alleen voor ingelogde partners.")


def is_editor(ctx: Viewer) -> bool:
    """May write shared content (factsheets, contact entries) for its own organisation."""
    return bool(roles_of(ctx) & EDITOR_ROLES) and organisation_id_of(ctx) is not None


__all__ = [
    "AccessLevel",
    "AccessLevelPolicy",
    "BasePolicy",
    "PublicReadPolicy",
    "is_editor",
    "is_partner",
    "organisation_id_of",
    "policy_for",
    "register_policy",
    "registered_models",
    "require",
    "require_partner",
]
