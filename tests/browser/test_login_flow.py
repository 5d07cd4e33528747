"""A person logs in with password and TOTP code, and switches language, in a real browser."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.core.testing import TEST_PASSWORD

from .conftest import make_user


def test_password_then_totp_then_shielded_access(page, region):
    user = make_user("gemeentelijk_analist", "GM0193", username="browser-analist")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    page.goto("/accounts/inloggen")
    page.get_by_label("Gebruikersnaam").fill("browser-analist")
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/accounts/tweede-factor")
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    page.get_by_label("Code uit uw authenticator-app").fill(code)
    page.get_by_role("button", name="Bevestigen").click()
    page.goto("/accounts/profiel")
    assert page.get_by_text("geverifieerd in deze sessie").is_visible()
    assert page.get_by_text("toegang op grond van een vastgelegde grondslag").is_visible()


def test_wrong_password_shows_an_error_and_no_session(page, region):
    make_user("publiek", username="browser-burger")
    page.goto("/accounts/inloggen")
    page.get_by_label("Gebruikersnaam").fill("browser-burger")
    page.get_by_label("Wachtwoord").fill("verkeerd")
    page.get_by_role("button", name="Inloggen").click()
    assert page.get_by_role("alert").inner_text() == "Gebruikersnaam of wachtwoord onjuist."


def test_language_switcher_changes_the_page_language(page, region):
    page.goto("/")
    page.locator(".weerbaar-language-menu summary").click()  # the language menu in the header
    page.get_by_label("Taal", exact=True).select_option("de")
    page.get_by_role("button", name="Wijzig taal").click()
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "de"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Weerbaar: gemeinsam")
