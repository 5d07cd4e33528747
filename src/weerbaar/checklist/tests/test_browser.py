"""In a real browser: a municipal analyst walks the checklist for a holiday park and a rural case,
and the catalog's pages pass axe-core's WCAG 2.1 AA checks."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import log_in_as
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user

pytestmark = pytest.mark.browser
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def page(context, starter):
    """The suite's shared browser, logged in as a verified municipal analyst."""
    context.new_page().goto("/health")
    log_in_as(context, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="browser-checklist"))
    return context.pages[0]


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
