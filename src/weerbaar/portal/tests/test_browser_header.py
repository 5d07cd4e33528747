"""The page frame in a real browser: a favicon the platform serves, and a logged-in header that
fits on one row at 1280 × 800."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import log_in_as
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def test_favicon_is_an_svg_served_by_the_platform(page, live_server):
    page.goto("/")
    href = page.locator('link[rel="icon"]').get_attribute("href")
    assert href.startswith("/static/") and href.endswith(".svg")
    response = page.request.get(live_server.url + href)
    assert response.status == 200 and response.headers["content-type"].startswith("image/svg+xml")


def test_logged_in_header_is_one_row_at_1280(context, page, region):
    """The analyst with the longest navigation: brand, navigation, language and user fit on one
    row (every item's top within one line height of the brand's) and the header stays low."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/health")
    log_in_as(context, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="b-kop"))
    page.goto("/")
    header = page.locator("header.weerbaar-header")
    assert header.bounding_box()["height"] <= 80, header.bounding_box()
    tops = page.evaluate(
        """() => [...document.querySelectorAll('.weerbaar-brand, .weerbaar-nav__list > li, .weerbaar-header__tools > *')]
             .map(el => el.getBoundingClientRect()).map(r => r.top + r.height / 2)"""
    )
    page.screenshot(path=str(SCREENSHOTS / "header_analyst_1280_nl.png"))
    assert max(tops) - min(tops) < 24, tops
    page.get_by_text("Informatie", exact=True).click()  # a menu opens without script
    page.screenshot(path=str(SCREENSHOTS / "header_analyst_1280_nl_menu.png"))
    page.get_by_role("link", name="Factsheets").click()
    page.wait_for_url("**/factsheets")


def test_the_header_never_makes_the_page_wider_than_the_window(context, page, region):
    """German navigation labels are longer: the header may take a second row, never a sideways scroll."""
    from tests.browser.conftest import set_language

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/health")
    log_in_as(context, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="b-kop-met-een-lange-naam"))
    set_language(context, "de")
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
