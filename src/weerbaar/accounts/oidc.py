"""Single sign-on with OpenID Connect: the relying party's configuration.

Off unless `WEERBAAR_OIDC_ISSUER` and a client are set (README, "Configuration"). The provider's
endpoints come from its discovery document, fetched once an hour; mozilla-django-oidc, which
reads its configuration from Django settings by name, is answered from here instead
(`library_setting`), so a deployment configures one issuer and nothing else.

Follows the NL GOV Assurance profile for OpenID Connect: authorization code flow only, with PKCE
(S256), `state` and `nonce`; the ID token's `acr` names the level of assurance, and the levels
in `WEERBAAR_OIDC_SECOND_FACTOR_ACR` count as the platform's second factor.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from threading import Lock
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DISCOVERY_PATH = "/.well-known/openid-configuration"
DISCOVERY_MAX_AGE = 3600
TIMEOUT_SECONDS = 10
CALLBACK_URL_NAME = "accounts:oidc_callback"
#: the `django.contrib.auth` path of the backend, stored in the session of an OIDC login
BACKEND = "weerbaar.accounts.backends.OidcBackend"


@dataclass(frozen=True)
class OidcSettings:
    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    #: `acr` values that count as a verified second factor (substantial, high)
    second_factor_acr: frozenset[str]
    #: `acr_values` of the authorization request (voluntary: the provider may answer lower)
    requested_acr: tuple[str, ...]
    #: the claim that names the organisation by its code ("" for none)
    organisation_claim: str
    provider_name: str
    sign_algorithm: str

    @property
    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + DISCOVERY_PATH


def oidc_settings() -> OidcSettings | None:
    """The configured provider and client, or None when single sign-on is off."""
    issuer = settings.WEERBAAR_OIDC_ISSUER.strip()
    client_id = settings.WEERBAAR_OIDC_CLIENT_ID.strip()
    if not issuer or not client_id:
        return None
    return OidcSettings(
        issuer=issuer,
        client_id=client_id,
        client_secret=settings.WEERBAAR_OIDC_CLIENT_SECRET,
        scopes=settings.WEERBAAR_OIDC_SCOPES,
        second_factor_acr=frozenset(settings.WEERBAAR_OIDC_SECOND_FACTOR_ACR),
        requested_acr=tuple(settings.WEERBAAR_OIDC_REQUESTED_ACR),
        organisation_claim=settings.WEERBAAR_OIDC_ORGANISATION_CLAIM.strip(),
        provider_name=settings.WEERBAAR_OIDC_PROVIDER_NAME.strip() or urlsplit(issuer).hostname or issuer,
        sign_algorithm=settings.WEERBAAR_OIDC_SIGN_ALGORITHM,
    )


def configured() -> OidcSettings:
    found = oidc_settings()
    if found is None:
        raise ImproperlyConfigured(
            "single sign-on is off: set WEERBAAR_OIDC_ISSUER and WEERBAAR_OIDC_CLIENT_ID"
        )
    return found


_discovered: dict[str, tuple[float, dict[str, Any]]] = {}
_lock = Lock()


def provider_metadata(oidc: OidcSettings) -> dict[str, Any]:
    """The provider's discovery document (cached an hour per issuer).

    Its `issuer` must be exactly the configured one (OpenID Connect Discovery 4.3), or a
    document served elsewhere could name endpoints of another provider.
    """
    with _lock:
        cached = _discovered.get(oidc.issuer)
        if cached and time.monotonic() - cached[0] < DISCOVERY_MAX_AGE:
            return cached[1]
    response = requests.get(oidc.discovery_url, timeout=TIMEOUT_SECONDS)
    response.raise_for_status()
    metadata = response.json()
    if metadata.get("issuer") != oidc.issuer:
        raise ImproperlyConfigured(
            f"the discovery document names issuer {metadata.get('issuer')!r}, not {oidc.issuer!r}"
        )
    missing = [k for k in ("authorization_endpoint", "token_endpoint", "jwks_uri") if not metadata.get(k)]
    if missing:
        raise ImproperlyConfigured(f"the discovery document lacks {', '.join(missing)}")
    with _lock:
        _discovered[oidc.issuer] = (time.monotonic(), metadata)
    return metadata


def forget_provider_metadata() -> None:
    """Fetch the discovery document again at the next login (tests, a rotated provider)."""
    with _lock:
        _discovered.clear()


#: mozilla-django-oidc's own settings that are fixed here, whatever the deployment says
FIXED = {
    "OIDC_USE_NONCE": True,
    "OIDC_USE_PKCE": True,
    "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
    "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL_NAME,
    "OIDC_TOKEN_USE_BASIC_AUTH": True,
    "OIDC_TIMEOUT": TIMEOUT_SECONDS,
    "OIDC_VERIFY_SSL": True,
    "OIDC_VERIFY_KID": True,
    "OIDC_ALLOW_UNSECURED_JWT": False,
    "OIDC_STORE_ACCESS_TOKEN": False,
    "OIDC_STORE_ID_TOKEN": False,
    "OIDC_REDIRECT_FIELD_NAME": "next",
}
#: mozilla-django-oidc's names for the provider's endpoints in the discovery document
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


def library_setting(name: str, *default: Any) -> Any:
    """A mozilla-django-oidc setting by its name, answered from Weerbaar's configuration."""
    if name in FIXED:
        return FIXED[name]
    oidc = configured()
    if name in ENDPOINTS:
        return provider_metadata(oidc).get(ENDPOINTS[name])
    client = {
        "OIDC_RP_CLIENT_ID": oidc.client_id,
        "OIDC_RP_CLIENT_SECRET": oidc.client_secret,
        "OIDC_RP_SCOPES": oidc.scopes,
        "OIDC_RP_SIGN_ALGO": oidc.sign_algorithm,
        "OIDC_AUTH_REQUEST_EXTRA_PARAMS": {"acr_values": " ".join(oidc.requested_acr)}
        if oidc.requested_acr
        else {},
    }
    if name in client:
        return client[name]
    if default:
        return default[0]
    raise ImproperlyConfigured(f"{name} is not configured for single sign-on")
