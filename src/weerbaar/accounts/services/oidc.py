"""Single sign-on (OpenID Connect): the account of a verified ID token, logging it in, and
refusing — every step in the hash-chained audit log.

Accounts and roles stay in the platform. The identity provider says who someone is (its stable
subject, `sub`) and how sure it is (`acr`); it never says what they may do:

- an account is found by issuer and subject, never by e-mail address or user name;
- an unknown subject gets a new account *without roles*, in the organisation the configured claim
  names (if that organisation exists); roles come only by a four-eyes proposal;
- the organisation of an existing account is never changed by a claim (that would move its
  roles under another organisation's grants without a second person);
- deactivated accounts and demo accounts are refused.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib.auth import login
from django.db import transaction
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login

from weerbaar.audit.models import Action, Result
from weerbaar.audit.services import audit_log
from weerbaar.core.clearance import forget_clearance
from weerbaar.core.context import Origin, ProcessingContext, system_context
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.context import request_context

from ..models import IdentityProviderDevice, User
from ..oidc import BACKEND, OidcSettings
from .users import user_create

#: claims copied onto the account at each login (names and e-mail address, which give no access)
PROFILE_CLAIMS = {"given_name": "first_name", "family_name": "last_name", "email": "email"}


@dataclass(frozen=True)
class SignOn:
    """One verified single sign-on login: who the provider says it is, and how sure it is.

    The backend hangs it on the user it returns (`user.oidc_sign_on`, as django-otp hangs the
    verifying device on `user.otp_device`), so the login step knows the level of assurance.
    """

    issuer: str
    subject: str
    acr: str
    second_factor: bool
    created: bool = False
    #: account fields updated from the profile claims
    profile_updated: tuple[str, ...] = ()
    #: an organisation the claim names that is not the account's own (never applied)
    organisation_claimed: str = ""
    claims: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def oidc_login_refused(
    *, request: HttpRequest, reason: str, subject: str = "", user: User | None = None
) -> None:
    """Record a refused single sign-on login (bad token, unknown state, refused account)."""
    audit_log(
        ctx=request_context(request),
        action=Action.LOGIN_FAILED,
        result=Result.REFUSED,
        object_type="user",
        object_id=str(user.pk) if user is not None else subject,
        detail={"via": "oidc", "reason": reason, **({"subject": subject} if subject else {})},
    )


def _platform(request: HttpRequest) -> ProcessingContext:
    """The platform itself, creating the account of a first login, in the request's trace."""
    return system_context(
        origin=Origin.PAGE, source="single sign-on", trace_id=request_context(request).trace_id
    )


def _username_for(claims: dict[str, Any], subject: str) -> str:
    """The user name of a new account: the provider's preferred name if free, else one derived
    from the subject (only a label: the account is found by its subject)."""
    wanted = str(claims.get("preferred_username") or "").strip()[:150]
    if wanted and not User.objects.filter(username__iexact=wanted).exists():
        return wanted
    return "sso-" + hashlib.sha256(subject.encode()).hexdigest()[:16]


def _organisation_named(oidc: OidcSettings, claims: dict[str, Any]) -> tuple[str, Organisation | None]:
    if not oidc.organisation_claim:
        return "", None
    code = str(claims.get(oidc.organisation_claim) or "").strip()[:30]
    return code, Organisation.objects.filter(code=code).first() if code else None


def _profile(claims: dict[str, Any]) -> dict[str, str]:
    return {name: str(claims[claim] or "")[:150] for claim, name in PROFILE_CLAIMS.items() if claim in claims}


@transaction.atomic
def oidc_account_for(*, request: HttpRequest, oidc: OidcSettings, sign_on: SignOn) -> User | None:
    """The account of a verified login, found by issuer and subject or created without roles,
    with `oidc_sign_on` set; None (and an audit entry saying why) when refused."""
    claims = sign_on.claims
    user = User.objects.select_related("organisation").filter(oidc_subject=sign_on.subject).first()
    if user is None:
        _code, organisation = _organisation_named(oidc, claims)
        profile = _profile(claims)
        user = user_create(
            ctx=_platform(request),
            username=_username_for(claims, sign_on.subject),
            organisation=organisation,
            oidc_issuer=sign_on.issuer,
            oidc_subject=sign_on.subject,
            email=profile.get("email", ""),
            first_name=profile.get("first_name", ""),
            last_name=profile.get("last_name", ""),
        )
        user.oidc_sign_on = replace(sign_on, created=True)  # type: ignore[attr-defined]
        return user
    reason = ""
    if user.oidc_issuer != sign_on.issuer:
        reason = "subject linked to another identity provider"
    elif not user.is_active:
        reason = "account deactivated"
    elif user.is_demo:
        reason = "demo accounts do not use single sign-on"
    if reason:
        oidc_login_refused(request=request, reason=reason, subject=sign_on.subject, user=user)
        return None
    changed = tuple(sorted(name for name, value in _profile(claims).items() if getattr(user, name) != value))
    if changed:
        for name, value in _profile(claims).items():
            setattr(user, name, value)
        user.save(update_fields=list(changed))
    code, claimed = _organisation_named(oidc, claims)
    other = code if code and (claimed is None or claimed.pk != user.organisation_id) else ""
    user.oidc_sign_on = replace(  # type: ignore[attr-defined]
        sign_on, profile_updated=changed, organisation_claimed=other
    )
    return user


def oidc_login(*, request: HttpRequest, user: User) -> SignOn:
    """Log the account of a verified login in. A level the platform counts as a second factor
    (`acr` substantial or high) marks the session verified through the provider's device, as a
    TOTP step marks it through the app's; any other level leaves the session unverified, whatever
    an earlier login in the same browser session reached."""
    sign_on: SignOn = user.oidc_sign_on  # type: ignore[attr-defined]  # set by oidc_account_for
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    login(request, user, backend=BACKEND)
    if sign_on.second_factor:
        device, _ = IdentityProviderDevice.objects.get_or_create(
            user=user, issuer=sign_on.issuer, defaults={"name": sign_on.issuer[:64], "confirmed": True}
        )
        otp_login(request, device)
    forget_clearance(user)
    detail: dict[str, Any] = {
        "via": "oidc",
        "issuer": sign_on.issuer,
        "subject": sign_on.subject,
        "acr": sign_on.acr,
        "second_factor": sign_on.second_factor,
        "new account": sign_on.created,
    }
    if sign_on.profile_updated:
        detail["profile updated"] = list(sign_on.profile_updated)
    if sign_on.organisation_claimed:
        detail["organisation claimed, not applied"] = sign_on.organisation_claimed
    ctx = request_context(request)
    audit_log(ctx=ctx, action=Action.LOGIN, object_type="user", object_id=str(user.pk), detail=detail)
    if sign_on.second_factor:
        audit_log(
            ctx=ctx,
            action=Action.MFA,
            object_type="user",
            object_id=str(user.pk),
            detail={
                "via": "oidc",
                "event": "second factor checked by the identity provider",
                "acr": sign_on.acr,
            },
        )
    return sign_on
