"""Single sign-on in a real browser against a real OpenID Provider process (tests/oidc/provider.mjs):
the login page offers the provider, the person logs in there and comes back logged in."""

import re

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.accounts.models import User
from weerbaar.accounts.services import proposal_create, proposal_decide, user_create
from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.context import system_context
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.testing import ctx_of

from .conftest import axe_violations, make_user

#: the platform's home page on the live server (the provider listens on 127.0.0.1)
HOME = re.compile(r"^http://localhost:\d+/$")
JANSEN_SUBJECT = "5c1f0d2e-8a43-4b7e-9f0a-2d6b1e7c9a01"
DE_VRIES_SUBJECT = "9b7e3a10-44c2-4f19-8d5e-6a0c2b8f1e02"


def _log_in_at_the_provider(page, issuer: str, login: str, password: str) -> None:
    page.goto("/accounts/inloggen")
    assert not axe_violations(page)
    page.get_by_role("link", name="Inloggen met Testprovider").click()
    page.wait_for_url(f"{issuer}/interaction/**")
    page.get_by_label("Login name").fill(login)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def _analist(subject: str, issuer: str, username: str) -> User:
    """An analyst of Almelo linked to the provider's subject, whose role two people approved."""
    user = user_create(
        ctx=system_context(source="test set-up"),
        username=username,
        organisation=Organisation.objects.get(code="GM0141"),
        oidc_issuer=issuer,
        oidc_subject=subject,
    )
    beheerder = make_user(Role.BEHEERDER, "PV23", username=f"beheerder-{username}")
    tweede = make_user(Role.BEHEERDER, "PV23", username=f"tweede-{username}")
    proposal = proposal_create(
        ctx=ctx_of(beheerder, second_factor=True),
        kind="role",
        subject=user,
        payload={"role": Role.GEMEENTELIJK_ANALIST},
        reason="aanstelling",
    )
    proposal_decide(ctx=ctx_of(tweede, second_factor=True), proposal=proposal, approve=True)
    return user


def test_a_substantial_login_at_the_provider_reaches_shielded_data(page, region, single_sign_on_live):
    """a.jansen logs in at level substantial: back at the platform, the profile shows the second
    factor verified and /api/v1/ik lists afgeschermd for the four-eyes-approved analyst."""
    _analist(JANSEN_SUBJECT, single_sign_on_live.issuer, "sso-analist")
    _log_in_at_the_provider(page, single_sign_on_live.issuer, "a.jansen", "sterk-wachtwoord-met-token")
    page.wait_for_url(HOME)
    page.goto("/accounts/profiel")
    assert page.get_by_text("geverifieerd in deze sessie").is_visible()
    assert page.get_by_text("toegang op grond van een vastgelegde grondslag").is_visible()
    me = page.request.get("/api/v1/ik").json()
    assert me["gebruikersnaam"] == "sso-analist" and me["rollen"] == [Role.GEMEENTELIJK_ANALIST]
    assert AccessLevel.AFGESCHERMD in me["toegangsniveaus"]


def test_a_low_login_at_the_provider_asks_for_the_platforms_code(page, region, single_sign_on_live):
    """b.devries logs in at level low: the platform asks for its own TOTP code, and only after
    that code is afgeschermd reachable."""
    user = _analist(DE_VRIES_SUBJECT, single_sign_on_live.issuer, "sso-laag")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    _log_in_at_the_provider(page, single_sign_on_live.issuer, "b.devries", "alleen-een-wachtwoord")
    page.wait_for_url("**/accounts/tweede-factor")
    me = page.request.get("/api/v1/ik").json()
    assert me["gebruikersnaam"] == "sso-laag" and me["tweedeFactorGeverifieerd"] is False
    assert AccessLevel.AFGESCHERMD not in me["toegangsniveaus"]
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    page.get_by_label("Code uit uw authenticator-app").fill(code)
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(HOME)
    assert AccessLevel.AFGESCHERMD in page.request.get("/api/v1/ik").json()["toegangsniveaus"]
