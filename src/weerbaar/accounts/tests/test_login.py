"""Login with password and TOTP, lockout, idle expiry, and demo accounts."""

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.accounts.demo import DEMO_PASSWORD, demo_accounts_load
from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.clearance import clearance_for
from weerbaar.core.testing import TEST_PASSWORD, make_user

LOGIN = "/accounts/inloggen"


def _login(client, username, password=TEST_PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _me(client) -> dict:
    return client.get("/api/v1/ik").json()


def test_password_alone_gives_intern_but_not_shielded(client, region):
    """A shielded role with a legal basis still sees no shielded data before the second factor."""
    user = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="analist")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)

    response = _login(client, "analist")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:verify")
    assert _me(client)["toegangsniveaus"] == [AccessLevel.INTERN, AccessLevel.OPENBAAR]
    assert client.get(reverse("privacy:declare_purpose")).status_code == 403

    response = client.post(reverse("accounts:verify"), {"token": _code(device)})
    assert response.status_code == 302
    me = _me(client)
    assert me["tweedeFactorGeverifieerd"] is True
    assert AccessLevel.AFGESCHERMD in me["toegangsniveaus"]
    assert client.get(reverse("privacy:declare_purpose")).status_code == 200


def test_wrong_totp_code_is_refused_and_logged(client, region):
    user = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="analist")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    _login(client, "analist")
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("accounts:verify"), {"token": wrong})
    assert "Deze code klopt niet" in response.content.decode()
    assert AccessLevel.AFGESCHERMD not in _me(client)["toegangsniveaus"]
    assert AuditEntry.objects.using(AUDIT_DB).filter(action="mfa", result="refused", actor="analist").exists()


def test_setup_confirms_a_new_device_with_a_valid_code(client, region):
    make_user(Role.RIEC_ANALIST, "RIEC-ON", username="riec")
    _login(client, "riec")
    page = client.get(reverse("accounts:setup"))
    assert page.status_code == 200 and b"data:image/svg+xml;base64," in page.content
    device = TOTPDevice.objects.get(user__username="riec", confirmed=False)
    client.post(reverse("accounts:setup"), {"token": _code(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert AccessLevel.AFGESCHERMD in _me(client)["toegangsniveaus"]


def test_shielded_role_without_legal_basis_sees_no_shielded_data(client, region):
    """A partner organisation with no recorded grant stays at intern, even after TOTP."""
    user = make_user(Role.PARTNER, "BD", username="bd")
    from weerbaar.core.testing import login_verified

    login_verified(client, user)
    assert _me(client)["tweedeFactorGeverifieerd"] is True
    assert AccessLevel.AFGESCHERMD not in _me(client)["toegangsniveaus"]
    user.is_verified = lambda: True  # as django-otp's middleware marks it after the TOTP step
    assert "no legal basis recorded" in clearance_for(user).reason


THROTTLE = {
    "WEERBAAR_THROTTLE_FREE_ATTEMPTS": 3,
    "WEERBAAR_THROTTLE_MAX_SECONDS": 900,
    "WEERBAAR_THROTTLE_ACCOUNT_MAX_SECONDS": 30,
}


def _login_from(client, address, username, password=TEST_PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@override_settings(**THROTTLE)
def test_guessing_one_account_gets_growing_delays_not_a_lockout(client, region):
    """After the free failures even the right password waits 1, 2, 4 ... seconds; after the
    wait it works again. The refusal is logged and does not lengthen the wait itself."""
    make_user(Role.PUBLIEK, username="burger")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(4):
            assert "onjuist" in _login_from(client, "10.0.0.1", "burger", "fout").content.decode()
        response = _login_from(client, "10.0.0.1", "burger")
        assert "Probeer het over 1 seconden opnieuw" in response.content.decode()
        assert "_auth_user_id" not in client.session
        assert "Probeer het over 1 seconden" in _login_from(client, "10.0.0.1", "burger").content.decode()
        clock.shift(2)
        assert "onjuist" in _login_from(client, "10.0.0.1", "burger", "fout").content.decode()
        assert "Probeer het over 2 seconden" in _login_from(client, "10.0.0.1", "burger").content.decode()
        clock.shift(3)
        assert _login_from(client, "10.0.0.1", "burger").status_code == 302
    assert AuditEntry.objects.using(AUDIT_DB).filter(action="locked_out", object_id="burger").exists()


@override_settings(**THROTTLE)
def test_password_spraying_from_one_address_is_slowed_down(client, region):
    """One address trying one password on many accounts is slowed down; the accounts' owners,
    from their own addresses, are not."""
    for i in range(13):
        make_user(Role.PUBLIEK, username=f"burger{i}")
    with time_machine.travel(timezone.now(), tick=False):
        for i in range(13):
            assert "onjuist" in _login_from(client, "10.6.6.6", f"burger{i}", "Welkom2026!").content.decode()
        assert "Probeer het over" in _login_from(client, "10.6.6.6", "burger0").content.decode()
        assert _login_from(client, "10.1.1.1", "burger0").status_code == 302


@override_settings(**THROTTLE)
def test_nobody_can_keep_an_owner_out_of_their_account(client, region):
    """An attacker on one account from many addresses, waiting out every delay, delays its owner
    at most 30 s, never longer; attempts refused during a wait do not count."""
    from weerbaar.accounts.throttle import wait_seconds

    make_user(Role.PUBLIEK, username="burgemeester")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        failures = 0
        for i in range(60):
            if (wait := wait_seconds("burgemeester", f"10.9.{i}.1")) > 0:
                clock.shift(wait)
            if "onjuist" in _login_from(client, f"10.9.{i}.1", "burgemeester", "fout").content.decode():
                failures += 1
        assert failures == 60
        owner_wait = wait_seconds("burgemeester", "10.1.1.1")
        assert 0 < owner_wait <= 30
        assert (
            f"Probeer het over {owner_wait} seconden"
            in _login_from(client, "10.1.1.1", "burgemeester").content.decode()
        )
        clock.shift(owner_wait)
        assert _login_from(client, "10.1.1.1", "burgemeester").status_code == 302


@override_settings(WEERBAAR_IDLE_MINUTES=15, SESSION_COOKIE_AGE=15 * 60)
def test_idle_session_expires(client, region):
    make_user(Role.PARTNER, "POLITIE-ON", username="agent")
    _login(client, "agent")
    assert _me(client)["gebruikersnaam"] == "agent"
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert client.get("/api/v1/ik").status_code == 200  # activity restarts the idle timer
    with time_machine.travel(timezone.now() + timedelta(minutes=26)):
        assert client.get("/api/v1/ik").status_code == 401


@override_settings(WEERBAAR_DEMO=True)
def test_demo_accounts_skip_totp_only_in_demo_mode(client, region):
    demo_accounts_load()
    _login(client, "demo-gemeente", DEMO_PASSWORD)
    assert AccessLevel.AFGESCHERMD in _me(client)["toegangsniveaus"]
    assert "Demonstratieomgeving" in client.get("/").content.decode()


@override_settings(WEERBAAR_DEMO=False)
def test_demo_accounts_cannot_log_in_outside_demo_mode(client, region):
    demo_accounts_load()
    response = _login(client, "demo-gemeente", DEMO_PASSWORD)
    assert "onjuist" in response.content.decode()
    assert "Demonstratieomgeving" not in client.get("/").content.decode()


def test_open_redirect_after_login_is_refused(client, region):
    make_user(Role.PUBLIEK, username="burger")
    response = client.post(
        LOGIN + "?next=https://evil.example/", {"username": "burger", "password": TEST_PASSWORD}
    )
    assert response["Location"] == "/"


@pytest.mark.parametrize("path", ["/accounts/inloggen", "/"])
def test_csrf_is_enforced_on_forms(path, region):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(LOGIN, {"username": "x", "password": "y"}).status_code == 403
