"""The VAB list as a cleared provincial adviser sees it, and the Algoritmeregister page behind its
link, in Dutch and German: the score's inputs are in the table, the pages are axe-clean, and
screenshots of both are written (var/screenshots/)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations, log_in_as, set_language
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.organisations.models import Area

from ..models import ErvencoachBezoek, VabLocatie

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"
TEXT = {
    "nl": {
        "title": "Vrijkomende agrarische bebouwing",
        "link": "Hoe de score werkt",
        "legal": "Wettelijke grondslag",
    },
    "de": {
        "title": "Leerstehende landwirtschaftliche Gebäude",
        "link": "Wie der Wert funktioniert",
        "legal": "Rechtsgrundlage",
    },
}


def _locations() -> None:
    for n, (code, stopped, residents) in enumerate(
        [("GM0160", True, False), ("GM0160", False, True), ("GM0189", True, True)], start=1
    ):
        area = Area.objects.get(code=code)
        location = VabLocatie.objects.create(
            adres_sleutel=f"7{n:03d}AB|{n}",
            adres=f"Esweg {n}, Ommen",
            punt=area.geometry.point_on_surface,
            gemeente_id=area.organisation_id,
            gemeente_code=code,
            sbi_code="0141",
            sbi_omschrijving="Fokken en houden van melkvee",
            bedrijf_gestopt=stopped,
            datum_einde=dt.date(2023, 4, 1) if stopped else None,
            bewoners_aanwezig=residents,
            fictief=True,
        )
        if n == 1:
            ErvencoachBezoek.objects.create(
                locatie=location,
                bezocht_op=dt.date(2026, 1, 5),
                coach_naam="A. Coach",
                benaderd=True,
                gemeente_id=area.organisation_id,
                bewaren_tot=dt.date(2028, 1, 5),
                organisation_id=area.organisation_id,
            )


@pytest.mark.parametrize("language", ["nl", "de"])
def test_the_vab_list_and_its_algoritmeregister_page(context, page, region, language):
    _locations()
    page.goto("/health")
    set_language(context, language)
    log_in_as(context, make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username=f"adviseur-{language}"))
    page.goto("/buitengebied/vab/")
    words = TEXT[language]
    assert page.get_by_role("heading", level=1).inner_text() == words["title"]
    rows = page.locator("tbody tr")
    assert rows.count() == 3
    first = rows.nth(0).inner_text()
    assert "Esweg 1" in first and "60" in first  # stopped 25 + empty 25 + one approach 10
    assert not axe_violations(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"buitengebied_vab_list_{language}.png"), full_page=True)

    page.get_by_role("link", name=words["link"]).click()
    page.wait_for_load_state()
    assert page.url.endswith("/buitengebied/vab/algoritme")
    assert page.get_by_role("heading", name=words["legal"]).is_visible()
    assert page.locator("tbody tr").count() == 5  # one row per indicator, with its weight
    assert not axe_violations(page)


def test_the_vab_layer_in_the_shielded_viewer_shows_a_location_on_click(context, page, region):
    """A cleared provincial adviser declares a purpose, switches on the VAB layer in the shielded
    viewer (loaded from this app's URL, not from tiles) and clicks a location: its address and
    score appear in the object information, without a script error."""
    _locations()
    location = VabLocatie.objects.get(adres_sleutel="7001AB|1")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.route("**/tiles/**", lambda route: route.fulfill(status=204, body=b""))  # as geo's tests
    page.goto("/health")
    log_in_as(context, make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username="adviseur-kaart"))
    page.goto("/kaart/afgeschermd")
    page.wait_for_url("**/privacy/doel**")
    page.locator("input[name=activity]").first.check()
    page.get_by_role("button", name="Doel vastleggen").click()
    page.wait_for_url("**/kaart/afgeschermd**")
    x, y = location.punt.x, location.punt.y
    page.goto(f"/kaart/afgeschermd#z=12&x={x}&y={y}&crs=28992")
    page.wait_for_function("() => window.weerbaarViewer && document.querySelector('#geo-map canvas')")
    with page.expect_response(lambda r: "/buitengebied/vab/kaart" in r.url and r.status == 200):
        page.locator("#layer-vab-locaties").check()
    page.wait_for_function(
        "() => weerbaarViewer.layers['vab-locaties'].getSource().getFeatures().length === 3"
    )
    page.evaluate(
        "() => new Promise(resolve => { const map = weerbaarViewer.map;"
        " map.once('rendercomplete', resolve); map.render(); })"
    )
    box = page.locator("#geo-map").bounding_box()
    pixel = page.evaluate("([x, y]) => weerbaarViewer.map.getPixelFromCoordinate([x, y])", [x, y])
    page.mouse.click(box["x"] + pixel[0], box["y"] + pixel[1])
    page.locator("#geo-info", has_text="Esweg 1, Ommen").wait_for()
    assert "60" in page.locator("#geo-info").inner_text()  # the score
    assert not errors, errors
