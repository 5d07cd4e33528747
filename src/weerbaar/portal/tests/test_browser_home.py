"""The home page of three roles and a management page in a real browser, in Dutch and German:
no serious accessibility violation (axe-core), no sideways scroll on a phone, the administrator's
header on one row at 1280 px in Dutch; screenshots at 1280 × 800 and 390 × 844 to look at."""

from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations, log_in_as, set_language
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.signals.tests.factories import make_signal
from weerbaar.signals.workflow import State
from weerbaar.themes.starter import vocabularies_load

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
ROLES = {
    "anoniem": (None, None),
    "analist": (Role.GEMEENTELIJK_ANALIST, "GM0193"),
    "beheerder": (Role.BEHEERDER, "PV23"),
}


def _check(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.reload()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, size)
        page.screenshot(path=str(SCREENSHOTS / f"portal_{name}_{size}.png"), full_page=True)
        assert axe_violations(page) == [], (name, size)


@pytest.mark.parametrize("language", ["nl", "de"])
@pytest.mark.parametrize("persona", list(ROLES))
def test_home_per_role_is_accessible_and_fits(context, page, region, persona, language):
    vocabularies_load()
    make_signal(State.ONTVANGEN, title="Loods aan de Rietweg")
    page.goto("/health")
    role, organisation = ROLES[persona]
    if role is not None:
        log_in_as(context, make_user(role, organisation, username=f"b-home-{persona}"))
    set_language(context, language)
    page.goto("/")
    assert page.locator('a[href^="/themas/"]').count() == 5
    _check(page, f"home_{persona}_{language}")


@pytest.mark.parametrize("language", ["nl", "de"])
def test_users_management_page_is_accessible_and_fits(context, page, region, language):
    page.goto("/health")
    log_in_as(context, make_user(Role.BEHEERDER, "PV23", username="b-beheer"))
    make_user(Role.PARTNER, "POLITIE-ON", username="b-partner")
    set_language(context, language)
    page.goto("/beheer/gebruikers")
    assert page.locator("table.utrecht-table").count() == 1
    _check(page, f"beheer_gebruikers_{language}")


def test_administrator_header_is_one_row_at_1280_in_dutch(context, page, region):
    """The administrator's navigation got the management entry: it still fits one row."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/health")
    log_in_as(context, make_user(Role.BEHEERDER, "PV23", username="b-kop-beheer"))
    page.goto("/")
    tops = page.evaluate(
        """() => [...document.querySelectorAll('.weerbaar-brand, .weerbaar-nav__list > li, .weerbaar-header__tools > *')]
             .map(el => el.getBoundingClientRect()).map(r => r.top + r.height / 2)"""
    )
    assert max(tops) - min(tops) < 24, tops
