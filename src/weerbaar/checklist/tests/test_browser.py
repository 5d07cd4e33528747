"""In a real browser: a municipal analyst walks the checklist for a holiday park and a rural case,
and the catalog's pages pass axe-core's WCAG 2.1 AA checks."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def page(live_server, starter):
    from playwright.sync_api import sync_playwright

    client = Client()
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="browser-checklist"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        # axe-core is injected as a script: the page's CSP (no inline script) is bypassed in tests only
        context = browser.new_context(base_url=live_server.url, locale="nl-NL", bypass_csp=True)
        context.set_default_timeout(15000)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        yield context.new_page()
        browser.close()


def _walk(page, answers: list[str]) -> None:
    page.goto("/checklist")
    for label in answers:
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Toon advies").click()
    page.wait_for_url("**/checklist/advies?**")


def test_holiday_park_case(page):
    _walk(
        page,
        [
            "Misstanden op een vakantiepark (bewoning, criminele bedrijvigheid)",
            "Vakantiepark",
            "Twente",
            "Informatie uit provinciale bronnen",
            "Kennis en expertise",
        ],
    )
    sources = page.locator("#bronnen")
    assert sources.get_by_role("link", name="Recreatieparkenregister Overijssel").is_visible()
    assert sources.get_by_role(
        "link", name="Vitaliteitsbeoordeling vakantieparken en begeleidingstrajecten"
    ).is_visible()
    contacts = page.locator("#contacten")
    assert contacts.get_by_role(
        "link", name="Expertisecentrum vitale vakantieparken — procesbegeleider", exact=True
    ).is_visible()
    assert contacts.get_by_role(
        "link", name="Accounthouder ondermijning Twente — team Veiligheid", exact=True
    ).is_visible()


def test_rural_area_case(page):
    _walk(
        page,
        [
            "Drugsproductie of drugsafval",
            "Buitengebied",
            "IJsselland",
            "Een provinciaal instrument (vergunning, subsidie, beheer, Bibob)",
        ],
    )
    sources = page.locator("#bronnen")
    assert sources.get_by_role(
        "link", name="Inventarisatie vrijkomende agrarische bebouwing (VAB)"
    ).is_visible()
    assert sources.get_by_role("link", name="Registratie drugsafvaldumpingen").is_visible()
    assert page.locator("#instrumenten").get_by_text("Inzet provinciale ervencoach").is_visible()
    contacts = page.locator("#contacten")
    assert contacts.get_by_role("link", name="Programmaleider VAB en ervencoaches", exact=True).is_visible()
    assert contacts.get_by_role(
        "link", name="Coördinator Keurmerk Veilig Buitengebied IJsselland", exact=True
    ).is_visible()


@pytest.mark.parametrize(
    "url",
    [
        "/factsheets?q=vakantieparken",
        "/factsheets/brp",
        "/factsheets/bag/versies",
        "/checklist",
        "/checklist/advies?locatie=buitengebied&regio=ijsselland",
        "/contactpersonen?q=vakantieparken+Twente",
    ],
)
def test_pages_have_no_serious_accessibility_violations(page, url):
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    serious = [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, serious
