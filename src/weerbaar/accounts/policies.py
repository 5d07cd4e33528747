from typing import Any

from django.db.models import QuerySet

from weerbaar.core.access import Role
from weerbaar.core.clearance import roles_of
from weerbaar.core.policies import BasePolicy, register_policy

from .models import ApiToken, User


@register_policy(User)
class UserPolicy(BasePolicy):
    """A user sees themself; administrators manage the users of all organisations."""

    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else User.objects.all()
        if Role.BEHEERDER in roles_of(user):
            return qs
        if getattr(user, "is_authenticated", False):
            return qs.filter(pk=user.pk)
        return qs.none()

    def can_create(self, user: Any) -> bool:
        return Role.BEHEERDER in roles_of(user)

    def can_change(self, user: Any, obj: Any) -> bool:
        return Role.BEHEERDER in roles_of(user)


@register_policy(ApiToken)
class ApiTokenPolicy(BasePolicy):
    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else ApiToken.objects.all()
        if Role.BEHEERDER in roles_of(user):
            return qs
        if getattr(user, "is_authenticated", False):
            return qs.filter(user=user)
        return qs.none()

    def can_create(self, user: Any) -> bool:
        return Role.BEHEERDER in roles_of(user)

    def can_change(self, user: Any, obj: Any) -> bool:
        return Role.BEHEERDER in roles_of(user) or obj.user_id == getattr(user, "pk", None)
