"""The viewer in a real browser: anonymous sees public layers only; a verified municipal analyst
declares a purpose, searches a parcel and a postcode, picks and draws an area, exports the list;
the audit log holds each of those reads with the declared purpose."""

from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations, log_in_as, make_user
from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB

pytestmark = pytest.mark.browser


def _wait_for_map(page):
    page.wait_for_function("() => window.weerbaarViewer && document.querySelector('#geo-map canvas')")


def test_anonymous_sees_public_layers_only(page, public_layers):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/kaart/#z=9&x=6.3&y=52.45")
    _wait_for_map(page)
    assert page.locator("#layer-gemeenten").is_checked()
    assert page.locator("#layer-brk-percelen").count() == 1
    assert (
        page.locator("#layer-bag-adressen").count() == 0
        and page.locator("#layer-kvk-vestigingen").count() == 0
    )
    assert page.locator("#geo-draw-area").count() == 0
    with page.expect_response(lambda r: "/tiles/WebMercatorQuad/" in r.url and r.status in (200, 204)):
        page.locator("#layer-luchtruimbeperkingen-2014").check()
    page.get_by_label("Zoek adres, plaats, perceel of KvK-nummer").fill("Zwolle")
    page.get_by_role("button", name="Zoek", exact=True).click()
    page.locator(".geo-search__hit", has_text="Zwolle").first.wait_for()
    assert "z=" in page.url and "l=" in page.url  # permalink follows the map
    assert not errors, errors
    assert not axe_violations(page)


def test_analist_declares_purpose_searches_selects_and_exports(context, page, public_layers, registers_data):
    # the test database is in-memory SQLite with shared cache: a logged-in browser's parallel tile
    # requests (each saving the session) lock each other out; tiles are tested anonymously above
    page.route("**/tiles/**", lambda route: route.fulfill(status=204, body=b""))
    page.goto("/health")
    log_in_as(context, make_user("gemeentelijk_analist", "GM0193", username="kaart-analist"))
    page.goto("/kaart/afgeschermd#z=17&x=6.0944&y=52.5125")
    page.wait_for_url("**/privacy/doel**")
    page.locator("input[name=activity]").first.check()
    purpose = page.locator("input[name=activity]").first.get_attribute("value")
    page.get_by_role("button", name="Doel vastleggen").click()
    page.wait_for_url("**/kaart/afgeschermd**")
    page.goto("/kaart/afgeschermd#z=17&x=6.0944&y=52.5125")
    _wait_for_map(page)
    assert page.locator("#layer-bag-adressen").count() == 1
    before = AuditEntry.objects.using(AUDIT_DB).count()

    search = page.get_by_label("Zoek adres, plaats, perceel of KvK-nummer")
    search.fill("ZWL00 K 1234")
    page.get_by_role("button", name="Zoek", exact=True).click()
    page.locator(".geo-search__owners", has_text="Jan van der Berg").wait_for()
    search.fill("8011AB 12")
    page.get_by_role("button", name="Zoek", exact=True).click()
    page.locator(".geo-search__hit", has_text="Teststraat 12").wait_for()

    page.locator("#geo-gemeente").select_option("GM0193")
    page.get_by_role("button", name="Toon inhoud").click()
    page.locator("#geo-area-result", has_text="ZWL00 K 1234").wait_for()

    page.goto("/kaart/afgeschermd#z=17&x=6.0944&y=52.5125")
    _wait_for_map(page)
    page.locator("#geo-draw-area").click()
    box = page.locator("#geo-map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for dx, dy in ((-60, -60), (60, -60), (60, 60)):
        page.mouse.click(cx + dx, cy + dy)
    page.mouse.dblclick(cx - 60, cy + 60)
    page.locator("#geo-area-result", has_text="Testbedrijf").wait_for()
    assert "getekend gebied" in page.locator("#geo-area-csv").inner_text()
    # the same by keyboard: pan with the arrows, Enter drops a point at the centre, Shift+Enter closes
    page.goto("/kaart/afgeschermd#z=16&x=6.0944&y=52.5125")
    _wait_for_map(page)
    page.locator("#geo-draw-area").click()
    page.locator("#geo-map").focus()
    corners = (
        ["ArrowUp", "ArrowUp", "ArrowLeft"],
        ["ArrowRight", "ArrowRight"],
        ["ArrowDown", "ArrowDown", "ArrowDown"],
        ["ArrowLeft", "ArrowLeft"],
    )
    for keys in corners:  # a square around the starting point
        for key in keys:
            page.keyboard.press(key)
            page.wait_for_timeout(300)  # the pan animates
        page.keyboard.press("Enter")
    page.keyboard.press("Shift+Enter")
    page.locator("#geo-area-result", has_text="Teststraat 12").wait_for()
    with page.expect_download() as download:
        page.locator("#geo-area-csv").click()
    csv = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "ZWL00 K 1234" in csv and "Teststraat 12" in csv

    entries = list(AuditEntry.objects.using(AUDIT_DB).order_by("id")[before:])
    reads = {(e.action, e.object_type) for e in entries}
    assert ("view", "registers.zakelijkrecht") in reads  # the parcel's owners
    assert ("search", "geo.zoeken") in reads  # parcel and postcode searches
    assert {e.object_id for e in entries if e.object_type == "geo.zoeken"} >= {"ZWL00 K 1234", "8011AB 12"}
    assert ("list", "geo.gebiedsselectie") in reads and ("export", "geo.gebiedsselectie") in reads
    assert all(e.processing_activity == purpose for e in entries if e.actor == "kaart-analist")
    assert not axe_violations(page)
