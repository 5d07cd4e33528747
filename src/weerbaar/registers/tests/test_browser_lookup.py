"""The register look-up page in a real browser: an address found by street and place, axe-core
clean, screenshots at 1280x800 and 390x844 for review."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.browser.conftest import axe_violations, log_in_as
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user

from .test_lookup_page import rietweg  # noqa: F401  (fixture: a Rietweg in Almelo and in Zwolle)

pytestmark = pytest.mark.browser


def test_an_address_is_found_by_street_and_place(context, page, region, rietweg):  # noqa: F811
    page.goto("/health")
    log_in_as(context, make_user(Role.GEMEENTELIJK_ANALIST, "GM0141", username="b-opzoeken"))
    page.goto(reverse("registers:lookup"))
    page.get_by_label("Straat").fill("Rietweg")
    page.get_by_label("Plaats").fill("Almelo")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_load_state()
    rows = page.locator("table tbody tr")
    assert rows.count() == 2 and "Almelo" in rows.first.inner_text()
    assert not axe_violations(page)
    shots = settings.BASE_DIR / "var" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 800), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(shots / f"registers-lookup-{width}x{height}.png"), full_page=True)
