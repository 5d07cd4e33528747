"""Single sign-on with OpenID Connect against a real provider process (`oidc-provider` from npm,
tests/oidc/provider.mjs, started by the `oidc_provider` fixture of the root conftest).

The browser's part is played by `requests` against the provider (its login form) and by
Django's test client against the platform, so every step of the authorization code flow runs:
the platform's redirect with state, nonce and PKCE; the provider's login; the callback; the
platform's token exchange, key fetch and ID token checks. The provider knows two accounts:
a.jansen logs in at level substantial, b.devries at level low.
"""

import re
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.accounts.models import User
from weerbaar.accounts.services import proposal_create, proposal_decide, user_create
from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.context import system_context
from weerbaar.core.testing import make_user
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.testing import ctx_of

pytestmark = pytest.mark.django_db

JANSEN = ("a.jansen", "sterk-wachtwoord-met-token", "5c1f0d2e-8a43-4b7e-9f0a-2d6b1e7c9a01")
DE_VRIES = ("b.devries", "alleen-een-wachtwoord", "9b7e3a10-44c2-4f19-8d5e-6a0c2b8f1e02")
START = "/accounts/inloggen/sso"
CALLBACK = "/accounts/inloggen/sso/terug"


def _follow(browser: requests.Session, url: str) -> requests.Response | str:
    """Follow the provider's redirects; stop at the platform (returned as its URL)."""
    while True:
        if url.startswith("http://testserver"):
            return url
        response = browser.get(url, allow_redirects=False)
        if not response.is_redirect:
            return response
        url = urljoin(url, response.headers["Location"])


def provider_callback(client, provider, account, next_url="/accounts/profiel") -> str:
    """Start at the platform, log in at the provider; the callback URL the provider sends the
    browser back to (not yet visited)."""
    login, password, _sub = account
    response = client.get(START, {"next": next_url})
    assert response.status_code == 302 and response["Location"].startswith(provider.issuer)
    browser = requests.Session()
    page = _follow(browser, response["Location"])
    assert isinstance(page, requests.Response) and page.status_code == 200, page
    action = re.search(r'action="([^"]+)"', page.text).group(1)
    answer = browser.post(
        urljoin(page.url, action), data={"login": login, "password": password}, allow_redirects=False
    )
    back = _follow(browser, urljoin(page.url, answer.headers["Location"]))
    assert isinstance(back, str) and back.startswith(f"http://testserver{CALLBACK}?"), back
    return back


def sign_on(client, provider, account, next_url="/accounts/profiel"):
    """The whole flow; the platform's answer to the callback."""
    back = urlsplit(provider_callback(client, provider, account, next_url))
    return client.get(f"{back.path}?{back.query}")


def _me(client) -> dict:
    return client.get("/api/v1/ik").json()


def _entries(**filters):
    return AuditEntry.objects.using(AUDIT_DB).filter(**filters)


def _linked(account, *, organisation="GM0141", roles=(), username=None, **fields) -> User:
    """An account already linked to the provider's subject of `account`."""
    user = user_create(
        ctx=system_context(source="test set-up"),
        username=username or f"linked-{account[0]}",
        organisation=Organisation.objects.get(code=organisation),
        roles=roles,
        oidc_issuer=fields.pop("issuer"),
        oidc_subject=account[2],
    )
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user


def test_the_login_page_offers_single_sign_on_only_when_configured(client, region, settings, oidc_provider):
    """Off by default: no button, and the start and callback URLs do not exist."""
    assert "Inloggen met" not in client.get("/accounts/inloggen").content.decode()
    assert client.get(START).status_code == 404 and client.get(CALLBACK).status_code == 404
    for name, value in oidc_provider.settings().items():
        setattr(settings, name, value)
    assert "Inloggen met Testprovider" in client.get("/accounts/inloggen").content.decode()


def test_the_authorization_request_uses_code_flow_with_pkce_state_and_nonce(client, region, single_sign_on):
    """NL GOV profile: response_type code (no implicit flow), PKCE with S256, a fresh state and
    nonce per login, kept in the session for the callback."""
    response = client.get(START)
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
    assert query["client_id"] == [single_sign_on.client_id]
    assert query["redirect_uri"] == [f"http://testserver{CALLBACK}"]
    state, nonce = query["state"][0], query["nonce"][0]
    pending = client.session["oidc_states"][state]
    assert pending["nonce"] == nonce and len(pending["code_verifier"]) >= 43
    assert parse_qs(urlsplit(client.get(START)["Location"]).query)["state"][0] != state


def test_an_unknown_subject_gets_an_account_without_roles_and_it_is_audited(client, region, single_sign_on):
    """The first login of a subject creates an account in the organisation the claim names,
    with no roles (roles come only by four eyes); the creation and the login are in the log."""
    response = sign_on(client, single_sign_on, JANSEN)
    assert response.status_code == 302 and response["Location"] == "/accounts/profiel"
    user = User.objects.get(oidc_subject=JANSEN[2])
    assert user.oidc_issuer == single_sign_on.issuer
    assert user.username == "a.jansen" and user.email == "a.jansen@almelo.example"
    assert user.organisation.code == "GM0141" and user.role_codes == frozenset()
    me = _me(client)
    assert me["gebruikersnaam"] == "a.jansen" and me["rollen"] == []
    assert AccessLevel.AFGESCHERMD not in me["toegangsniveaus"]
    created = _entries(action="create", object_type="user", object_id=str(user.pk)).get()
    assert created.detail["roles"] == [] and created.detail["oidc"]["subject"] == JANSEN[2]
    login = _entries(action="login", object_id=str(user.pk)).get()
    assert login.detail["via"] == "oidc" and login.detail["new account"] is True
    assert login.detail["acr"] == "http://eidas.europa.eu/LoA/substantial"


def test_a_role_arrives_only_after_a_second_person_approves_it(client, region, single_sign_on):
    """Roles stay in the platform: a proposed role gives nothing; once another administrator
    approves it, the next login has it — and with the provider's substantial level the analyst's
    session is second-factor verified, so clearance reaches afgeschermd."""
    sign_on(client, single_sign_on, JANSEN)
    user = User.objects.get(oidc_subject=JANSEN[2])
    beheerder = make_user(Role.BEHEERDER, "PV23", username="beheerder")
    tweede = make_user(Role.BEHEERDER, "PV23", username="tweede-beheerder")
    proposal = proposal_create(
        ctx=ctx_of(beheerder, second_factor=True),
        kind="role",
        subject=user,
        payload={"role": Role.GEMEENTELIJK_ANALIST},
        reason="aanstelling",
    )
    client.post("/accounts/uitloggen")
    sign_on(client, single_sign_on, JANSEN)
    assert _me(client)["rollen"] == []

    proposal_decide(ctx=ctx_of(tweede, second_factor=True), proposal=proposal, approve=True)
    client.post("/accounts/uitloggen")
    sign_on(client, single_sign_on, JANSEN)
    me = _me(client)
    assert me["rollen"] == [Role.GEMEENTELIJK_ANALIST]
    assert me["tweedeFactorGeverifieerd"] is True
    assert AccessLevel.AFGESCHERMD in me["toegangsniveaus"]
    assert User.objects.filter(oidc_subject=JANSEN[2]).count() == 1
    assert _entries(action="mfa", object_id=str(user.pk), detail__via="oidc").count() == 3  # one per login


def test_a_low_level_of_assurance_asks_for_the_platforms_own_code(client, region, single_sign_on):
    """b.devries logs in at level low: the platform's TOTP step follows, and only after it is
    the session verified (and afgeschermd reachable)."""
    user = _linked(DE_VRIES, roles=[Role.GEMEENTELIJK_ANALIST], issuer=single_sign_on.issuer)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    response = sign_on(client, single_sign_on, DE_VRIES)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:verify")
    me = _me(client)
    assert me["gebruikersnaam"] == user.username and me["tweedeFactorGeverifieerd"] is False
    assert AccessLevel.AFGESCHERMD not in me["toegangsniveaus"]
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    response = client.post(reverse("accounts:verify"), {"token": code})
    assert response.status_code == 302 and response["Location"] == "/accounts/profiel"
    assert AccessLevel.AFGESCHERMD in _me(client)["toegangsniveaus"]


def test_a_low_level_without_an_app_is_sent_to_set_one_up(client, region, single_sign_on):
    _linked(DE_VRIES, issuer=single_sign_on.issuer)
    response = sign_on(client, single_sign_on, DE_VRIES)
    assert response["Location"] == reverse("accounts:setup")
    assert _me(client)["tweedeFactorGeverifieerd"] is False


def test_a_low_level_login_does_not_inherit_an_earlier_verified_session(client, region, single_sign_on):
    """The level of this login counts: a substantial login earlier in the same browser session
    does not leave a later low-level login of the same account verified."""
    user = _linked(DE_VRIES, issuer=single_sign_on.issuer)
    from django_otp import DEVICE_ID_SESSION_KEY

    from weerbaar.core.testing import confirmed_device

    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id
    session.save()
    assert _me(client)["tweedeFactorGeverifieerd"] is True
    sign_on(client, single_sign_on, DE_VRIES)
    assert _me(client)["tweedeFactorGeverifieerd"] is False


def test_an_account_is_found_by_subject_never_by_email(client, region, single_sign_on):
    """An existing account with the provider's e-mail address (but not its subject) is not
    logged into: the subject gets an account of its own, without the other one's roles."""
    other = make_user(Role.GEMEENTELIJK_ANALIST, "GM0141", username="a.jansen")
    other.email = "a.jansen@almelo.example"
    other.save()
    sign_on(client, single_sign_on, JANSEN)
    me = _me(client)
    assert me["gebruikersnaam"] != "a.jansen" and me["gebruikersnaam"].startswith("sso-")
    assert me["rollen"] == []


def test_a_linked_account_is_found_and_its_organisation_never_moved_by_a_claim(
    client, region, single_sign_on
):
    """The claim names Almelo; the account belongs to Zwolle and stays there (moving it would put
    its roles under another organisation's grants without four eyes). The log notes the claim."""
    user = _linked(
        JANSEN, organisation="GM0193", roles=[Role.GEMEENTELIJK_ANALIST], issuer=single_sign_on.issuer
    )
    sign_on(client, single_sign_on, JANSEN)
    me = _me(client)
    assert me["gebruikersnaam"] == user.username and me["organisatie"] == "GM0193"
    login = _entries(action="login", object_id=str(user.pk)).get()
    assert login.detail["organisation claimed, not applied"] == "GM0141"
    assert login.detail["new account"] is False


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"is_active": False}, "account deactivated"),
        ({"is_demo": True}, "demo accounts do not use single sign-on"),
    ],
)
def test_deactivated_and_demo_accounts_are_refused(client, region, single_sign_on, fields, reason):
    user = _linked(JANSEN, issuer=single_sign_on.issuer, **fields)
    response = sign_on(client, single_sign_on, JANSEN)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
    refused = _entries(action="login_failed", object_id=str(user.pk)).get()
    assert refused.result == "refused" and refused.detail["reason"] == reason
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Inloggen via Testprovider is niet gelukt" in page


def test_a_subject_linked_at_another_provider_is_refused(client, region, single_sign_on):
    """Subjects are unique per provider only: the same `sub` from another issuer is not the same person."""
    user = _linked(JANSEN, issuer="https://andere-idp.example")
    sign_on(client, single_sign_on, JANSEN)
    assert "_auth_user_id" not in client.session
    assert (
        _entries(action="login_failed", object_id=str(user.pk))
        .get()
        .detail["reason"]
        .startswith("subject linked to another")
    )


def test_a_replayed_callback_is_refused(client, region, single_sign_on):
    """Each state is used once: the same callback URL (state and code) a second time finds no
    login waiting in the session, and is refused and logged — even though the first one worked."""
    back = urlsplit(provider_callback(client, single_sign_on, JANSEN))
    assert client.get(f"{back.path}?{back.query}")["Location"] == "/accounts/profiel"
    client.post("/accounts/uitloggen")
    response = client.get(f"{back.path}?{back.query}")
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
    assert _entries(
        action="login_failed", detail__reason="no login of this session waits for this state"
    ).exists()


def test_pkce_is_enforced_by_the_provider(client, region, single_sign_on):
    """Without the code verifier of this login, the provider does not exchange the code (a code
    intercepted on its way back is useless to anyone else); the platform refuses the login."""
    back = urlsplit(provider_callback(client, single_sign_on, JANSEN))
    state = parse_qs(back.query)["state"][0]
    session = client.session
    session["oidc_states"][state]["code_verifier"] = "x" * 64
    session.save()
    response = client.get(f"{back.path}?{back.query}")
    assert response["Location"] == reverse("accounts:login")
    refused = _entries(action="login_failed").latest("id")
    assert "invalid_grant" in refused.detail["reason"]
    assert not User.objects.filter(oidc_subject=JANSEN[2]).exists()


def test_an_error_from_the_provider_is_refused_and_logged(client, region, single_sign_on):
    start = parse_qs(urlsplit(client.get(START)["Location"]).query)
    response = client.get(CALLBACK, {"error": "access_denied", "state": start["state"][0]})
    assert response["Location"] == reverse("accounts:login")
    assert _entries(action="login_failed", detail__reason__startswith="provider: access_denied").exists()
    assert start["state"][0] not in client.session["oidc_states"]


def test_linking_an_existing_account_to_a_subject_takes_two_people(client, region, single_sign_on):
    """An existing account (with a shielded role) is linked to a provider subject only by an
    approved four-eyes proposal; then that login lands on it. A subject already linked to
    another account cannot be proposed again."""
    analist = make_user(Role.GEMEENTELIJK_ANALIST, "GM0141", username="bestaande-analist")
    beheerder = make_user(Role.BEHEERDER, "PV23", username="beheerder")
    tweede = make_user(Role.BEHEERDER, "PV23", username="tweede-beheerder")
    proposal = proposal_create(
        ctx=ctx_of(beheerder, second_factor=True),
        kind="oidc-subject",
        subject=analist,
        payload={"oidc_subject": JANSEN[2]},
        reason="overgang naar inloggen via de provincie",
    )
    assert User.objects.get(pk=analist.pk).oidc_subject is None
    proposal_decide(ctx=ctx_of(tweede, second_factor=True), proposal=proposal, approve=True)
    linked = User.objects.get(pk=analist.pk)
    assert (linked.oidc_issuer, linked.oidc_subject) == (single_sign_on.issuer, JANSEN[2])
    sign_on(client, single_sign_on, JANSEN)
    me = _me(client)
    assert me["gebruikersnaam"] == "bestaande-analist" and AccessLevel.AFGESCHERMD in me["toegangsniveaus"]
    assert _entries(
        action="update", object_id=str(analist.pk), detail__event="linked to single sign-on"
    ).exists()
    with pytest.raises(ValidationError, match="ander account"):
        proposal_create(
            ctx=ctx_of(beheerder, second_factor=True),
            kind="oidc-subject",
            subject=tweede,
            payload={"oidc_subject": JANSEN[2]},
            reason="vergissing",
        )
