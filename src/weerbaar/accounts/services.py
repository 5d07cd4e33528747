"""Writes on users, roles and tokens. The acting user is explicit; every write is audited."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.access import Role
from weerbaar.core.policies import policy_for, require
from weerbaar.organisations.models import Organisation

from .models import ApiToken, RoleAssignment, User

TOKEN_BYTES = 32


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    organisation: Organisation | None,
    roles: Iterable[str],
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    is_demo: bool = False,
) -> User:
    """Create a user with roles. `actor=None` means the platform itself (set-up commands)."""
    if actor is not None:
        require(policy_for(User).can_create(actor), "only administrators create users")
    roles = list(roles)
    unknown = [r for r in roles if r not in Role.values]
    if unknown:
        raise ValueError(f"unknown roles: {', '.join(unknown)}")
    user = User(
        username=username,
        organisation=organisation,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_demo=is_demo,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=r) for r in roles])
    audit_log(
        actor=actor,
        action=Action.CREATE,
        object_type="user",
        object_id=str(user.pk),
        detail={"username": username, "roles": sorted(roles)},
    )
    return user


@transaction.atomic
def user_set_roles(*, actor: Any, user: User, roles: Iterable[str]) -> None:
    require(policy_for(User).can_change(actor, user), "only administrators change roles")
    roles = set(roles)
    RoleAssignment.objects.filter(user=user).exclude(role__in=roles).delete()
    existing = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=r) for r in roles - existing])
    user.__dict__.pop("role_codes", None)
    audit_log(
        actor=actor,
        action=Action.UPDATE,
        object_type="user",
        object_id=str(user.pk),
        detail={"roles": sorted(roles)},
    )


def token_issue(*, actor: Any, user: User, label: str = "", allows_shielded: bool = False) -> str:
    """Issue a personal API token; returns the token, which is never stored or shown again.

    `allows_shielded` makes the token count as a second factor (a partner system's integration);
    the user's organisation still needs a grant before anything shielded is returned.
    """
    if actor is not None:
        require(policy_for(ApiToken).can_create(actor), "only administrators issue tokens")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    ApiToken.objects.create(
        user=user, prefix=token[:8], digest=_digest(token), label=label, allows_shielded=allows_shielded
    )
    audit_log(
        actor=actor,
        action=Action.TOKEN,
        object_type="user",
        object_id=str(user.pk),
        detail={"event": "issued", "prefix": token[:8], "allows_shielded": allows_shielded},
    )
    return token


def token_revoke(*, actor: Any, user: User, prefix: str | None = None) -> int:
    """Revoke one token (by prefix) or all of a user's tokens; returns how many."""
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if prefix:
        tokens = tokens.filter(prefix=prefix)
    if actor is not None:
        for token in tokens:
            require(policy_for(ApiToken).can_change(actor, token), "not your token")
    count = tokens.update(revoked_at=timezone.now())
    audit_log(
        actor=actor,
        action=Action.TOKEN,
        object_type="user",
        object_id=str(user.pk),
        detail={"event": "revoked", "prefix": prefix or "*", "count": count},
    )
    return count


def token_authenticate(token: str) -> User | None:
    """The active user a token belongs to, or None for unknown, revoked or inactive.

    The user's second factor counts as verified only for a token issued with `allows_shielded`.
    """
    if not token:
        return None
    found = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(digest=_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if found is None:
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    user = found.user
    verified = found.allows_shielded
    user.is_verified = lambda: verified  # type: ignore[method-assign]  # as django-otp does
    return user
