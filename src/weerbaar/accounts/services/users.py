"""Users, their roles and their API tokens.

Roles and shielded tokens are only ever *given* through a four-eyes proposal
(`services.proposals`) — or by the platform itself at set-up (a command, the demo data). Taking
a role away, or revoking a token, needs no second person, but never one's own.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.access import Role
from weerbaar.core.context import Origin, ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.context import context_for_user

from ..models import ApiToken, RoleAssignment, User

TOKEN_BYTES = 32


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def user_create(
    *,
    ctx: ProcessingContext,
    username: str,
    organisation: Organisation | None,
    roles: Iterable[str] = (),
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    is_demo: bool = False,
    oidc_issuer: str = "",
    oidc_subject: str | None = None,
) -> User:
    """Create a user. Administrators create accounts without roles (roles come by proposal);
    the platform itself (set-up commands, demo data, tests) may give roles at once, and creates
    the account of a first single sign-on login (linked to its subject, without roles)."""
    roles = list(roles)
    if not ctx.system:
        require(policy_for(User).can_create(ctx), "only administrators create users")
        require(not roles, "roles are given by a four-eyes proposal, not at creation")
        require(not is_demo, "demo accounts are made by the platform's demo loader only")
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
        oidc_issuer=oidc_issuer,
        oidc_subject=oidc_subject,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=r) for r in roles])
    audit_log(
        ctx=ctx,
        action=Action.CREATE,
        object_type="user",
        object_id=str(user.pk),
        detail={
            "username": username,
            "organisation": organisation.code if organisation else None,
            "roles": sorted(roles),
            "demo": is_demo,
            **({"oidc": {"issuer": oidc_issuer, "subject": oidc_subject}} if oidc_subject else {}),
        },
    )
    return user


@transaction.atomic
def user_save(*, ctx: ProcessingContext, user: User, changed: Iterable[str], created: bool) -> None:
    """Store an account edited in the admin (name, e-mail, organisation, active); audited."""
    if created:
        require(policy_for(User).can_create(ctx), "only administrators create users")
    else:
        require(
            policy_for(User).can_change(ctx, user), "only administrators change accounts, never their own"
        )
    user.save()
    audit_log(
        ctx=ctx,
        action=Action.CREATE if created else Action.UPDATE,
        object_type="user",
        object_id=str(user.pk),
        detail={"via": "admin", "changed": sorted(changed)},
    )


ADMIN_ACTIONS = {1: Action.CREATE, 2: Action.UPDATE, 3: Action.DELETE}


def admin_change_record(*, entry: Any) -> None:
    """Copy one of Django's admin log entries into the audit chain (the admin requires a
    verified second factor, so its user acted with one)."""
    ctx = context_for_user(entry.user, origin=Origin.PAGE, second_factor=True, source="admin")
    content_type = entry.content_type
    audit_log(
        ctx=ctx,
        action=ADMIN_ACTIONS.get(entry.action_flag, Action.UPDATE),
        object_type=f"admin.{content_type.app_label}.{content_type.model}" if content_type else "admin",
        object_id=str(entry.object_id or ""),
        detail={"object": entry.object_repr, "change": entry.get_change_message()},
    )


def user_link_oidc(*, ctx: ProcessingContext, user: User, issuer: str, subject: str) -> None:
    """Link an account to a person at the single sign-on provider: only as the result of an
    approved proposal (that login then acts as this account, with its roles)."""
    require(
        not User.objects.filter(oidc_subject=subject).exclude(pk=user.pk).exists(),
        "this subject is linked to another account",
    )
    previous = {"issuer": user.oidc_issuer, "subject": user.oidc_subject}
    user.oidc_issuer, user.oidc_subject = issuer, subject
    user.save(update_fields=["oidc_issuer", "oidc_subject"])
    audit_log(
        ctx=ctx,
        action=Action.UPDATE,
        object_type="user",
        object_id=str(user.pk),
        detail={
            "event": "linked to single sign-on",
            "issuer": issuer,
            "subject": subject,
            "previous": previous,
        },
    )


def role_grant(*, ctx: ProcessingContext, user: User, role: str) -> None:
    """Give a role: only as the result of an approved proposal or by the platform itself."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    RoleAssignment.objects.get_or_create(user=user, role=role)
    user.__dict__.pop("role_codes", None)
    audit_log(
        ctx=ctx,
        action=Action.UPDATE,
        object_type="user",
        object_id=str(user.pk),
        detail={"event": "role granted", "role": role, "roles": sorted(user.role_codes)},
    )


@transaction.atomic
def user_revoke_roles(*, ctx: ProcessingContext, user: User, roles: Iterable[str]) -> list[str]:
    """Take roles away (no second person needed to reduce access, but not one's own)."""
    require(policy_for(User).can_change(ctx, user), "only administrators change roles, never their own")
    wanted = set(roles)
    removed = sorted(RoleAssignment.objects.filter(user=user, role__in=wanted).values_list("role", flat=True))
    RoleAssignment.objects.filter(user=user, role__in=wanted).delete()
    user.__dict__.pop("role_codes", None)
    audit_log(
        ctx=ctx,
        action=Action.UPDATE,
        object_type="user",
        object_id=str(user.pk),
        detail={"event": "roles revoked", "roles revoked": removed, "roles": sorted(user.role_codes)},
    )
    return removed


def token_issue(*, ctx: ProcessingContext, user: User, label: str = "", allows_shielded: bool = False) -> str:
    """Issue a personal API token; returns the token, which is never stored or shown again.

    A token that counts as a second factor (`allows_shielded`, a partner system's integration)
    comes only from an approved four-eyes proposal or from the platform itself; the user's
    organisation still needs a grant before anything shielded is returned.
    """
    if not ctx.system:
        require(policy_for(ApiToken).can_create(ctx), "only administrators issue tokens")
        require(not allows_shielded, "a token that counts as a second factor needs a four-eyes proposal")
    return token_create(ctx=ctx, user=user, label=label, allows_shielded=allows_shielded)


def token_create(*, ctx: ProcessingContext, user: User, label: str, allows_shielded: bool) -> str:
    """Make the token (for `token_issue`, or for an approved four-eyes proposal)."""
    require(ctx.actor_id != str(user.pk), "nobody issues a token for themselves")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    ApiToken.objects.create(
        user=user, prefix=token[:8], digest=_digest(token), label=label, allows_shielded=allows_shielded
    )
    audit_log(
        ctx=ctx,
        action=Action.TOKEN,
        object_type="user",
        object_id=str(user.pk),
        detail={"event": "issued", "prefix": token[:8], "allows_shielded": allows_shielded, "label": label},
    )
    return token


def token_revoke(*, ctx: ProcessingContext, user: User, prefix: str | None = None) -> int:
    """Revoke one token (by prefix) or all of a user's tokens; returns how many."""
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if prefix:
        tokens = tokens.filter(prefix=prefix)
    if not ctx.system:
        for token in tokens:
            require(policy_for(ApiToken).can_change(ctx, token), "not your token")
    count = tokens.update(revoked_at=timezone.now())
    audit_log(
        ctx=ctx,
        action=Action.TOKEN,
        object_type="user",
        object_id=str(user.pk),
        detail={"event": "revoked", "prefix": prefix or "*", "count": count},
    )
    return count


def token_authenticate(token: str) -> User | None:
    """The active user a token belongs to, or None for unknown, revoked or inactive — and for a
    demo account whenever demo mode is off (its token is as dead as its password then).

    The user's second factor counts as verified only for a token issued with `allows_shielded`.
    """
    if not token:
        return None
    found = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(digest=_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if found is None or (found.user.is_demo and not settings.WEERBAAR_DEMO):
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    user = found.user
    verified = found.allows_shielded
    user.is_verified = lambda: verified  # type: ignore[method-assign]  # as django-otp does
    return user
