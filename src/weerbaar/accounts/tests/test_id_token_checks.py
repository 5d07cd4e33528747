"""The ID token checks, through the library's own validation path with tokens crafted here.

A real login is started at the platform (state, nonce and PKCE verifier in the session), then the
callback is answered with a token made here instead of the provider's: mozilla-django-oidc's
`authenticate` → `verify_token` fetches the signing key from the running provider's JWKS (by
`kid`) and the platform's `_verify_jws` checks signature, algorithm, issuer, audience, expiry, and
the library the nonce. The tokens are signed with the provider's own private key (handed to the
provider process by the fixture), so each one is wrong in exactly one way — or, for the tampered
ones, signed with a second key under the provider's `kid`, or changed after signing. Only the code
exchange is replaced (`get_token`), since a real provider never signs a wrong token.
"""

import base64
import json
import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from weerbaar.accounts.backends import OidcBackend
from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB

pytestmark = pytest.mark.django_db

SUBJECT = "5c1f0d2e-8a43-4b7e-9f0a-2d6b1e7c9a01"


def _pending_login(client) -> tuple[str, str]:
    """Start a login at the platform: the state in the redirect and the nonce kept for it."""
    state = parse_qs(urlsplit(client.get("/accounts/inloggen/sso")["Location"]).query)["state"][0]
    return state, client.session["oidc_states"][state]["nonce"]


def _claims(provider, nonce: str, **changes) -> dict:
    now = int(time.time())
    claims = {
        "iss": provider.issuer,
        "sub": SUBJECT,
        "aud": provider.client_id,
        "iat": now,
        "exp": now + 300,
        "nonce": nonce,
        "acr": "http://eidas.europa.eu/LoA/substantial",
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _signed(provider, claims: dict, key=None, kid: str = "test-1", alg: str = "RS256") -> str:
    key = key if key is not None else jwt.PyJWK(provider.jwks["keys"][0]).key
    return jwt.encode(claims, key, algorithm=alg, headers={"kid": kid})


def _answer_callback(client, monkeypatch, state: str, id_token: str):
    """The callback for `state`, with `id_token` as the token endpoint's answer."""
    monkeypatch.setattr(
        OidcBackend, "get_token", lambda self, payload: {"id_token": id_token, "access_token": "a"}
    )
    monkeypatch.setattr(
        OidcBackend, "get_userinfo", lambda self, access, id_token, payload: {"sub": payload["sub"]}
    )
    return client.get("/accounts/inloggen/sso/terug", {"code": "crafted", "state": state})


def _refusal() -> str:
    return AuditEntry.objects.using(AUDIT_DB).filter(action="login_failed").latest("id").detail["reason"]


def test_a_correct_token_is_accepted(client, region, single_sign_on, monkeypatch):
    """The control: a token signed with the provider's key and right in every claim logs in, so
    each refusal below is caused by the one thing that is wrong with it."""
    state, nonce = _pending_login(client)
    response = _answer_callback(
        client, monkeypatch, state, _signed(single_sign_on, _claims(single_sign_on, nonce))
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/api/v1/ik").json()["tweedeFactorGeverifieerd"] is True


def _tampered(provider, nonce: str) -> str:
    """A correctly signed token whose payload was changed afterwards (another subject)."""
    header, _payload, signature = _signed(provider, _claims(provider, nonce)).split(".")
    payload = base64.urlsafe_b64encode(json.dumps(_claims(provider, nonce, sub="iemand-anders")).encode())
    return f"{header}.{payload.decode().rstrip('=')}.{signature}"


def _second_key(provider, nonce: str) -> str:
    """Signed by a key that is not the provider's, under the provider's key id."""
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return _signed(provider, _claims(provider, nonce), key=other)


CRAFTED = {
    "wrong audience": (lambda p, n: _signed(p, _claims(p, n, aud="een-andere-client")), "audience"),
    "several audiences, no azp": (
        lambda p, n: _signed(p, _claims(p, n, aud=[p.client_id, "een-andere-client"])),
        "authorised party",
    ),
    "wrong issuer": (lambda p, n: _signed(p, _claims(p, n, iss="https://nep-idp.example")), "issuer"),
    "expired": (
        lambda p, n: _signed(p, _claims(p, n, iat=int(time.time()) - 7200, exp=int(time.time()) - 3600)),
        "expired",
    ),
    "no expiry": (lambda p, n: _signed(p, _claims(p, n, exp=None)), '"exp"'),
    "replayed nonce": (lambda p, n: _signed(p, _claims(p, "nonce-van-een-eerdere-login")), "nonce"),
    "tampered payload": (_tampered, "signature verification failed"),
    "second key, provider's kid": (_second_key, "signature verification failed"),
    "unknown key id": (lambda p, n: _signed(p, _claims(p, n), kid="onbekend"), "valid jwks"),
    # algorithm confusion: the provider's key is published for RS256 only, so the library finds
    # no key for these headers before the platform's own check of the algorithm is reached
    "HS256 with the client secret": (
        lambda p, n: jwt.encode(_claims(p, n), p.client_secret, algorithm="HS256", headers={"kid": "test-1"}),
        "valid jwks",
    ),
    "unsigned (alg none)": (
        lambda p, n: jwt.encode(_claims(p, n), None, algorithm="none", headers={"kid": "test-1"}),
        "valid jwks",
    ),
}


@pytest.mark.parametrize("case", list(CRAFTED))
def test_a_wrong_id_token_is_refused_and_logged(client, region, single_sign_on, monkeypatch, case):
    """Each crafted token is refused: no session, no account, a refusal in the audit log naming
    why, and the person back on the login page (never a server error)."""
    make, reason = CRAFTED[case]
    state, nonce = _pending_login(client)
    response = _answer_callback(client, monkeypatch, state, make(single_sign_on, nonce))
    assert response.status_code == 302 and response["Location"] == "/accounts/inloggen"
    assert "_auth_user_id" not in client.session
    assert reason in _refusal().lower()
    from weerbaar.accounts.models import User

    assert not User.objects.filter(oidc_subject__isnull=False).exists()


def test_the_platform_checks_the_algorithm_itself(region, single_sign_on):
    """Should a provider publish its key without an `alg`, the platform still accepts only the
    configured algorithm (no HS256 token signed with the client secret, no unsigned token)."""
    from django.core.exceptions import SuspiciousOperation

    token = jwt.encode(_claims(single_sign_on, "n"), single_sign_on.client_secret, algorithm="HS256")
    with pytest.raises(SuspiciousOperation, match="HS256"):
        OidcBackend()._verify_jws(token, single_sign_on.client_secret)
