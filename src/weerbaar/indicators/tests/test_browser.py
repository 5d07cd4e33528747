"""The dashboard pages in a real browser, in Dutch and German: the choropleth is drawn (its canvas
holds every class colour), its table alternative lists the 25 municipalities, the profile and the
resilience heat map render, axe-core finds nothing serious, and under the product's own CSP no
script or style is refused and nothing is fetched from elsewhere."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations, log_in_as, set_language
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.organisations.models import Organisation, OrganisationKind
from weerbaar.privacy.context import command_context

from ..quarters import Quarter
from ..services import (
    cbs_criminaliteit_load,
    cbs_wijken_buurten_load,
    quarterly_reports_make,
    resilience_demo_load,
)

pytestmark = pytest.mark.browser
PLATFORM = command_context(command="test")

#: the map's class colours (dashboard.js BANDS) as RGB
BANDS = [(0xFF, 0xFF, 0xCC), (0xA1, 0xDA, 0xB4), (0x41, 0xB6, 0xC4), (0x2C, 0x7F, 0xB8), (0x25, 0x34, 0x94)]
COUNT_COLOURS = """(args) => {
  const [selector, colours] = args;
  const canvas = document.querySelector(selector + ' canvas');
  if (!canvas) return null;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const counts = colours.map(() => 0);
  for (let i = 0; i < data.length; i += 4) {
    colours.forEach((c, k) => {
      if (Math.abs(data[i] - c[0]) < 6 && Math.abs(data[i + 1] - c[1]) < 6 && Math.abs(data[i + 2] - c[2]) < 6) counts[k]++;
    });
  }
  return counts;
}"""


@pytest.fixture
def figures(region):
    province = Organisation.objects.filter(kind=OrganisationKind.PROVINCIE).first()
    cbs_criminaliteit_load(ctx=PLATFORM, owner=province)
    cbs_wijken_buurten_load(ctx=PLATFORM)
    resilience_demo_load(ctx=PLATFORM)


@pytest.mark.parametrize("language", ["nl", "de"])
def test_the_choropleth_is_drawn_with_its_table_alternative(context, page, figures, language):
    page.set_viewport_size({"width": 1280, "height": 800})
    set_language(context, language)
    page.goto("/indicatoren/dashboard/?indicator=cbs-brengdelicten-per-1000")
    page.locator('#indicator-map[data-drawn="true"]').wait_for()
    page.locator('#indicator-trend[data-drawn="true"]').wait_for()
    counts = page.evaluate(COUNT_COLOURS, ["#indicator-map", BANDS])
    assert counts and all(n > 200 for n in counts), counts  # every class is on the map
    assert page.locator("#map-table tbody tr").count() == 25
    assert page.locator("#map-table").get_by_text("40,4").count() >= 1
    legend = page.locator(".indicators-legend li")
    assert legend.count() == 5
    assert ("5 gemeenten" if language == "nl" else "5 Gemeinden") in legend.first.inner_text()
    assert page.locator("html").get_attribute("lang") == language
    assert not axe_violations(page), axe_violations(page)


@pytest.mark.parametrize("language", ["nl", "de"])
def test_an_indicator_page_shows_one_level_and_period_and_switches_to_buurten(
    context, page, figures, language
):
    set_language(context, language)
    page.goto("/indicatoren/cbs-brengdelicten-per-1000")
    assert page.locator("table tbody tr").count() == 25  # the municipalities of the latest period
    assert page.locator("table").get_by_text("Zwolle").count() == 1
    page.goto("/indicatoren/cbs-inwoners")
    show = page.get_by_role("button", name="Toon" if language == "nl" else "Anzeigen")
    page.select_option("#f-niveau", "BU")
    with page.expect_navigation():  # the form is a GET: wait for the next page before reading it
        show.click()
    page.select_option("#f-gemeente", "GM0193")
    with page.expect_navigation():
        show.click()
    assert "gemeente=GM0193" in page.url
    assert page.locator("table tbody tr").count() == 78  # Zwolle's buurten
    assert page.locator("html").get_attribute("lang") == language
    assert not axe_violations(page), axe_violations(page)


@pytest.mark.parametrize("language", ["nl", "de"])
def test_the_municipality_profile(context, page, figures, language):
    page.set_viewport_size({"width": 1280, "height": 800})
    set_language(context, language)
    page.goto("/indicatoren/gemeente/GM0193")
    page.locator('#profile-chart[data-drawn="true"]').wait_for()
    assert page.locator("#profile-table tbody tr").count() == 4
    assert page.get_by_role("link", name="Enschede").count() == 1
    # Zwolle's 16 wijken, each followed by its buurten (78), one buurt without inhabitants as "< 5"
    assert page.locator("#areas-table tbody tr").count() == 16 + 78
    assert page.locator("#areas-table").get_by_text("< 5").count() >= 1
    assert not axe_violations(page), axe_violations(page)


@pytest.mark.parametrize("language", ["nl", "de"])
def test_the_archive_of_quarterly_reports(context, page, figures, language):
    quarterly_reports_make(ctx=PLATFORM, quarter=Quarter(2026, 3))
    set_language(context, language)
    page.goto("/indicatoren/kwartaalrapporten/")
    assert page.locator("#kwartaal-2026-3 tbody tr").count() == 26
    assert page.locator("#kwartaal-2026-3 a").count() == 52
    assert page.locator("html").get_attribute("lang") == language
    assert not axe_violations(page), axe_violations(page)


@pytest.mark.parametrize("language", ["nl", "de"])
def test_the_resilience_heat_map_for_the_province(context, page, figures, language):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/health")
    log_in_as(context, make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username=f"b-weerbaar-{language}"))
    set_language(context, language)
    page.goto("/indicatoren/weerbaarheid/")
    page.locator('#resilience-heat[data-drawn="true"]').wait_for()
    page.locator('#resilience-trend[data-drawn="true"]').wait_for()
    assert page.locator("#heat-table tbody tr").count() == 26  # 25 municipalities and the mean
    assert page.locator("#trend-table tbody tr").count() == 2  # the demo's two years
    # the page does not scroll sideways: a wide table scrolls in its own region
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.locator("#fictitious").is_visible()
    cells = page.locator("#heat-table tbody td")
    assert cells.first.inner_text().strip()  # the value, not only a colour
    assert not axe_violations(page), axe_violations(page)


@pytest.fixture
def strict_page(browser_context):
    """A context that keeps the page's CSP: a refused script or style must show."""
    return browser_context().new_page()


def test_the_charts_run_under_the_csp_from_the_platform_itself(strict_page, live_server, figures):
    page = strict_page
    foreign, refused = [], []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else foreign.append(r.url))
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto("/indicatoren/dashboard/")
    page.locator('#indicator-map[data-drawn="true"]').wait_for()
    page.locator("#indicator-map canvas").hover(position={"x": 300, "y": 250})
    page.wait_for_timeout(300)
    page.goto("/indicatoren/gemeente/GM0153")
    page.locator('#profile-chart[data-drawn="true"]').wait_for()
    page.goto("/indicatoren/weerbaarheid/")
    page.locator('#resilience-heat[data-drawn="true"]').wait_for()  # the public province row
    assert not foreign, foreign
    assert not refused, refused
