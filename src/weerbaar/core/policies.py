"""One permission policy per model, used by views, API, admin and commands alike.

A policy answers two kinds of question: which rows of a model a user may see (`visible`), and
whether a user may take an action on one row (`can_view`, `can_change`, ...). Selectors and
services call the policy; templates never decide access.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models

from .access import AccessLevel, Role
from .clearance import clearance_for, roles_of

M = TypeVar("M", bound=models.Model)

_POLICIES: dict[type[models.Model], BasePolicy] = {}


class BasePolicy:
    """Refuses everything; subclasses open up what their model allows."""

    model: ClassVar[type[models.Model]]

    def visible(self, user: Any, queryset: models.QuerySet | None = None) -> models.QuerySet:
        qs = queryset if queryset is not None else self.model._default_manager.all()
        return qs.none()

    def can_view(self, user: Any, obj: models.Model) -> bool:
        return self.visible(user, self.model._default_manager.filter(pk=obj.pk)).exists()

    def can_create(self, user: Any) -> bool:
        return False

    def can_change(self, user: Any, obj: models.Model) -> bool:
        return False

    def can_delete(self, user: Any, obj: models.Model) -> bool:
        return False


class AccessLevelPolicy(BasePolicy):
    """Rows are visible by their `access_level`; administrators manage them."""

    managing_roles: ClassVar[frozenset[str]] = frozenset({Role.BEHEERDER})

    def visible(self, user: Any, queryset: models.QuerySet | None = None) -> models.QuerySet:
        qs = queryset if queryset is not None else self.model._default_manager.all()
        return qs.filter(access_level__in=clearance_for(user).levels)

    def can_view(self, user: Any, obj: models.Model) -> bool:
        return getattr(obj, "access_level", None) in clearance_for(user).levels

    def can_create(self, user: Any) -> bool:
        return bool(roles_of(user) & self.managing_roles)

    def can_change(self, user: Any, obj: models.Model) -> bool:
        return self.can_view(user, obj) and bool(roles_of(user) & self.managing_roles)

    def can_delete(self, user: Any, obj: models.Model) -> bool:
        return self.can_change(user, obj)


class PublicReadPolicy(BasePolicy):
    """Reference data anyone may read (e.g. organisations, boundaries); administrators manage."""

    def visible(self, user: Any, queryset: models.QuerySet | None = None) -> models.QuerySet:
        return queryset if queryset is not None else self.model._default_manager.all()

    def can_view(self, user: Any, obj: models.Model) -> bool:
        return True

    def can_create(self, user: Any) -> bool:
        return Role.BEHEERDER in roles_of(user)

    def can_change(self, user: Any, obj: models.Model) -> bool:
        return Role.BEHEERDER in roles_of(user)


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


__all__ = [
    "AccessLevel",
    "AccessLevelPolicy",
    "BasePolicy",
    "PublicReadPolicy",
    "policy_for",
    "register_policy",
    "registered_models",
    "require",
]
