"""Authentication backends: password login, and single sign-on with OpenID Connect."""

from __future__ import annotations

from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import oidc
from .services.oidc import SignOn, oidc_account_for, oidc_login_refused

#: leeway for the clocks of the provider and the platform, in seconds
CLOCK_SKEW = 60


class WeerbaarBackend(ModelBackend):
    """Password login; demo accounts are refused unless the platform runs in demo mode."""

    def user_can_authenticate(self, user) -> bool:
        if getattr(user, "is_demo", False) and not settings.WEERBAAR_DEMO:
            return False
        return super().user_can_authenticate(user)


def _library(name: str) -> Any:
    """An attribute the library reads from settings at start-up, read at each use instead."""
    return property(lambda self: oidc.library_setting(name))


#: what a provider or a forged callback can make the library raise: a refusal, never a 500
REFUSALS = (
    SuspiciousOperation,
    ImproperlyConfigured,
    requests.RequestException,
    jwt.InvalidTokenError,
    jwt.PyJWKError,
    KeyError,
    ValueError,
)


class OidcBackend(OIDCAuthenticationBackend):
    """OpenID Connect login (mozilla-django-oidc), answering only the single sign-on callback.

    The library exchanges the code (with the PKCE verifier), fetches the provider's keys and
    checks the ID token's signature, algorithm and nonce. It does not check the audience or the
    issuer, and lets an expired token escape as an unhandled error; `_verify_jws` checks all of
    them here. The account is found by subject in `services.oidc`, never by e-mail address.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # the library reads its endpoints and client from settings here; ours are read when a
        # login needs them (`library_setting`), so this backend also resolves sessions while
        # single sign-on is off
        self.UserModel = get_user_model()

    get_settings = staticmethod(oidc.library_setting)
    OIDC_OP_TOKEN_ENDPOINT = _library("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = _library("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = _library("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_CLIENT_ID = _library("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = _library("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = _library("OIDC_RP_SIGN_ALGO")
    OIDC_RP_IDP_SIGN_KEY = None  # the key comes from the provider's JWKS, by `kid`

    def authenticate(self, request, nonce: str | None = None, code_verifier: str | None = None, **kwargs):
        """Only the callback passes a nonce: a password login never reaches the provider."""
        if request is None or nonce is None or kwargs or oidc.oidc_settings() is None:
            return None
        try:
            return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)
        except REFUSALS as exc:
            oidc_login_refused(request=request, reason=f"{type(exc).__name__}: {exc}"[:500])
            return None

    def _verify_jws(self, payload: str, key: Any) -> dict[str, Any]:
        """The ID token's signature and algorithm (as the library does), and also its issuer,
        audience (and authorised party), expiry and issue time, with a minute of clock skew."""
        config = oidc.configured()
        try:
            header = jwt.get_unverified_header(payload)
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token unreadable: {exc}") from exc
        if header.get("alg") != config.sign_algorithm:
            raise SuspiciousOperation(
                f"ID token signed with {header.get('alg')!r}, not {config.sign_algorithm}"
            )
        try:
            claims = jwt.decode(
                payload,
                key,
                algorithms=[config.sign_algorithm],
                audience=config.client_id,
                issuer=config.issuer,
                leeway=CLOCK_SKEW,
                options={"require": ["iss", "sub", "aud", "exp", "iat"]},
            )
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from exc
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != config.client_id:
            raise SuspiciousOperation(
                "ID token for several audiences without this client as authorised party"
            )
        return claims

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]):
        """The platform's account of the verified ID token (`payload`): its subject and `acr` come
        from the ID token; names, e-mail and organisation may come from the userinfo endpoint,
        whose subject must be the same (OpenID Connect Core 5.3.2)."""
        config = oidc.configured()
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload["sub"]:
                oidc_login_refused(
                    request=self.request,
                    reason="userinfo subject differs from the ID token's",
                    subject=payload["sub"],
                )
                return None
            claims = {**userinfo, **payload}
        acr = str(payload.get("acr") or "")
        sign_on = SignOn(
            issuer=payload["iss"],
            subject=str(payload["sub"]),
            acr=acr,
            second_factor=acr in config.second_factor_acr,
            claims=claims,
        )
        return oidc_account_for(request=self.request, oidc=config, sign_on=sign_on)

    def get_user(self, user_id):
        """A session's user, refused when deactivated or a demo account (as at login)."""
        user = super().get_user(user_id)
        if user is None or not user.is_active or user.is_demo:
            return None
        return user
