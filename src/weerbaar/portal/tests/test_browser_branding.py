"""The theme in a real browser: the example theme colours the header and the buttons with its
tokens, stays free of serious accessibility violations (axe-core) at 1280 × 800 and 390 × 844, and
the default theme looks exactly as the page did without a theme. Screenshots to look at."""

from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations, log_in_as, set_language
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


def _rgb(colour: str) -> str:
    """#0b4f6c as the browser reports a computed colour: rgb(11, 79, 108)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def _style(page, selector: str, prop: str) -> str:
    return page.locator(selector).first.evaluate(f"el => getComputedStyle(el).{prop}")


def test_the_example_theme_colours_the_header_and_the_buttons(page, settings, db):
    settings.WEERBAAR_THEME = "overijssel"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto("/")
    assert _style(page, "header.weerbaar-header", "backgroundColor") == _rgb("#0b4f6c")
    assert _style(page, ".weerbaar-brand", "color") == _rgb("#ffffff")
    login = ".weerbaar-header .utrecht-button-link--primary-action"
    assert _style(page, login, "backgroundColor") == _rgb("#a33b20")
    assert _style(page, login, "color") == _rgb("#ffffff")
    assert _style(page, "footer .utrecht-link", "color") == _rgb("#0b5f82")
    logo = page.get_by_role("img", name="Voorbeeldlogo")
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")  # the file arrived
    assert page.locator('meta[name="theme-color"]').get_attribute("content") == "#0b4f6c"
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.reload()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, size
        page.screenshot(path=str(SCREENSHOTS / f"theme_overijssel_home_{size}.png"), full_page=True)
        assert axe_violations(page) == [], size


def test_the_example_theme_for_a_logged_in_analyst_in_german(context, page, settings, region):
    """Menus open on the page's colours inside the coloured header; the alt text is German."""
    settings.WEERBAAR_THEME = "overijssel"
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/health")
    log_in_as(context, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="b-thema"))
    set_language(context, "de")
    page.goto("/")
    assert page.get_by_role("img", name="Beispiellogo").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.locator(".weerbaar-nav__group summary").first.click()
    panel = ".weerbaar-nav__group[open] .weerbaar-menu__panel"
    assert _style(page, panel, "backgroundColor") == _rgb("#ffffff")
    assert _style(page, f"{panel} .utrecht-link", "color") == _rgb("#0b5f82")
    page.screenshot(path=str(SCREENSHOTS / "theme_overijssel_analyst_de_desktop.png"))
    assert axe_violations(page) == []


ELEMENTS = [
    "header.weerbaar-header",
    ".weerbaar-brand",
    ".weerbaar-language-menu summary",
    ".weerbaar-language-menu .utrecht-button--secondary-action",
    "main .utrecht-link",
    "footer .utrecht-link",
    "body",
]
ELEMENTS_PER_PERSONA = {
    "anoniem": [".weerbaar-header .utrecht-button-link--primary-action"],
    "analist": [".weerbaar-nav a", ".weerbaar-nav__group summary", ".weerbaar-user .utrecht-button--subtle"],
}
PROPERTIES = [
    "color",
    "backgroundColor",
    "borderBottomColor",
    "borderTopColor",
    "outlineColor",
    "fontSize",
    "fontWeight",
]


@pytest.mark.parametrize("persona", list(ELEMENTS_PER_PERSONA))
def test_the_default_theme_looks_as_the_page_did_without_a_theme(context, page, region, persona):
    """Each element's colours and type with the default theme's stylesheet equal those with it
    switched off (Utrecht's own tokens and weerbaar.css's fallbacks: the look before themes)."""
    page.set_viewport_size({"width": 1280, "height": 800})
    if persona == "analist":
        page.goto("/health")
        log_in_as(context, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="b-thema-standaard"))
    page.goto("/")
    elements = ELEMENTS + ELEMENTS_PER_PERSONA[persona]
    read = """([selectors, props]) => selectors.map(s => {
        const el = document.querySelector(s);
        if (!el) return [s, null];
        const style = getComputedStyle(el);
        return [s, props.map(p => style[p])];
    })"""
    themed = page.evaluate(read, [elements, PROPERTIES])
    assert all(values is not None for _, values in themed), themed
    page.evaluate("() => { document.querySelector('link[href^=\"/thema.css\"]').disabled = true; }")
    without = page.evaluate(read, [elements, PROPERTIES])
    assert (
        page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--weerbaar-primary')")
        == ""
    )
    assert themed == without
