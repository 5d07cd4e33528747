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
    with page.expect_response(lambda r: "/tiles/NetherlandsRDNewQuad/" in r.url and r.status in (200, 204)):
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


# --- the map is in RD New on the Dutch tiling scheme (NetherlandsRDNewQuad) ---------------------

RD_ORIGIN = (-285401.92, 903401.92)


def _rd_tile(x, y, z):
    size = 256 * 3440.640 / (1 << z)
    return int((RD_ORIGIN[1] - y) // size), int((x - RD_ORIGIN[0]) // size)


def _view(page):
    return page.evaluate(
        "() => { const v = weerbaarViewer.map.getView();"
        " return {code: v.getProjection().getCode(), center: v.getCenter(), zoom: v.getZoom(),"
        " resolution: v.getResolution()}; }"
    )


def _hash(page):
    from urllib.parse import parse_qs, urlsplit

    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).fragment).items()}


def _rendered(page):
    page.evaluate(
        "() => new Promise(resolve => { const map = weerbaarViewer.map;"
        " map.once('rendercomplete', resolve); map.render(); })"
    )


def _screen(page, x, y):
    """Page position of the RD New point (x, y) on the map."""
    box = page.locator("#geo-map").bounding_box()
    pixel = page.evaluate("([x, y]) => weerbaarViewer.map.getPixelFromCoordinate([x, y])", [x, y])
    return box["x"] + pixel[0], box["y"] + pixel[1]


def _status_number(page, label, unit):
    import re

    text = page.locator("#geo-status").inner_text()
    match = re.search(label + r": ([\d.]+,\d+) " + unit, text)
    assert match, text
    return float(match.group(1).replace(".", "").replace(",", "."))


def test_map_is_rd_new_and_old_permalinks_still_open_the_same_place(page, public_layers):
    from django.contrib.gis.geos import Point

    from .conftest import X, Y

    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # a permalink from before (WGS84 lon/lat, Web Mercator level 14) opens the same place and scale
    lon, lat = 6.0944, 52.5125
    expected = Point(lon, lat, srid=4326).transform(28992, clone=True)
    page.goto(f"/kaart/#z=14&x={lon}&y={lat}&l=gemeenten")
    _wait_for_map(page)
    view = _view(page)
    assert view["code"] == "EPSG:28992"
    assert abs(view["center"][0] - expected.x) < 1.0 and abs(view["center"][1] - expected.y) < 1.0
    web_mercator_z14 = 2 * 20037508.342789244 / 256 / (1 << 14) * 0.6088  # cos 52.5°: 5.8 m per pixel
    assert abs(view["resolution"] / web_mercator_z14 - 1) < 0.03
    page.wait_for_function("() => location.hash.includes('crs=28992')")  # the permalink is now in RD
    link = _hash(page)
    assert abs(float(link["x"]) - expected.x) < 1.0 and abs(float(link["y"]) - expected.y) < 1.0

    # an RD permalink: the view's centre is the RD point, the tiles requested are the
    # NetherlandsRDNewQuad tiles of that point, and the coordinates read RD and WGS84
    page.goto("about:blank")
    row, col = _rd_tile(X, Y, 10)
    with page.expect_response(
        lambda r: f"/gemeenten/tiles/NetherlandsRDNewQuad/10/{row}/{col}" in r.url and r.status == 200
    ):
        page.goto(f"/kaart/#z=10&x={X}&y={Y}&l=gemeenten&crs=28992")
        _wait_for_map(page)
    view = _view(page)
    assert view["center"] == [X, Y] and view["zoom"] == 10
    assert abs(view["resolution"] - 3440.640 / 1024) < 1e-9  # the tile grid's own resolution
    assert page.locator("#geo-coords-rd").inner_text() == f"{X:.0f}, {Y:.0f}"
    wgs = Point(X, Y, srid=28992).transform(4326, clone=True)
    shown_lat, shown_lon = (float(v) for v in page.locator("#geo-coords-wgs").inner_text().split(","))
    assert abs(shown_lat - wgs.y) < 2e-5 and abs(shown_lon - wgs.x) < 2e-5  # about a metre
    assert not errors, errors


def test_click_on_a_parcel_opens_its_information_where_it_lies(page, public_layers, registers_data):
    from .conftest import X, Y

    row, col = _rd_tile(X, Y, 13)
    with page.expect_response(
        lambda r: f"/brk-percelen/tiles/NetherlandsRDNewQuad/13/{row}/{col}" in r.url and r.status == 200
    ):
        page.goto(f"/kaart/#z=13&x={X}&y={Y}&l=brk-percelen&crs=28992")
        _wait_for_map(page)
    _rendered(page)
    # the parcel is the 20 × 20 m square around (X, Y): its centre answers with its information ...
    page.mouse.click(*_screen(page, X + 6, Y - 6))
    page.locator("#geo-info", has_text="ZWL00 K 1234").wait_for()
    assert "Zwolle" in page.locator("#geo-info").inner_text()  # kadastrale gemeente from the server
    # ... and 5 m outside its northern edge only the municipality and province are (the offline
    # fallback shows them: PDOK is out of reach here): the RD tiles line up within metres
    # (not east or west: the label, drawn across the centre, is wider than the parcel at this scale)
    page.mouse.click(*_screen(page, X, Y + 15))
    page.wait_for_function("() => !document.getElementById('geo-info').textContent.includes('ZWL00 K 1234')")
    assert page.locator(".geo-feature__title").first.inner_text() == "Gemeente Zwolle"
    assert "GM0193" not in page.locator("#geo-info").inner_text()  # no internal codes
    page.mouse.click(*_screen(page, X - 8, Y + 8))
    page.locator("#geo-info", has_text="ZWL00 K 1234").wait_for()
    # search → zoom and highlight: the server answers in WGS84, the map lands on the RD position
    page.evaluate(f"() => weerbaarViewer.map.getView().setCenter([{X - 3000}, {Y + 2000}])")
    page.get_by_label("Zoek adres, plaats, perceel of KvK-nummer").fill("ZWL00 K 1234")
    page.get_by_role("button", name="Zoek", exact=True).click()
    page.wait_for_function(
        f"() => Math.abs(weerbaarViewer.map.getView().getCenter()[0] - {X}) < 1"
        f" && Math.abs(weerbaarViewer.map.getView().getCenter()[1] - {Y}) < 1"
    )
    page.wait_for_function("() => !weerbaarViewer.map.getView().getAnimating()")
    view = _view(page)
    assert abs(view["zoom"] - (17 - 4.8)) < 0.01  # Web Mercator 17 (0.7 m per pixel), not RD 17 (3 cm)


def test_measuring_a_known_distance_and_area_gives_rd_metres(page, public_layers):
    from .conftest import X, Y

    page.goto(f"/kaart/#z=13&x={X}&y={Y}&l=&crs=28992")
    _wait_for_map(page)
    # 120 m east and 160 m north: 200 m
    page.locator("#geo-measure-length").click()
    page.mouse.click(*_screen(page, X - 60, Y - 80))
    page.mouse.dblclick(*_screen(page, X + 60, Y + 80))
    page.locator("#geo-status", has_text="Afstand").wait_for()
    assert abs(_status_number(page, "Afstand", "m") - 200.0) < 0.5
    # a square of 100 × 100 m: 10 000 m², 1 ha
    page.locator("#geo-measure-area").click()
    for dx, dy in ((-50, -50), (50, -50), (50, 50)):
        page.mouse.click(*_screen(page, X + dx, Y + dy))
    page.mouse.dblclick(*_screen(page, X - 50, Y + 50))
    page.locator("#geo-status", has_text="Oppervlakte").wait_for()
    assert abs(_status_number(page, "Oppervlakte", "m²") - 10000.0) < 50
    assert "1,00 ha" in page.locator("#geo-status").inner_text()
    # the PNG export of the RD map: the map's size, with the measured square drawn in it (the
    # size at the moment of the export: a panel opened by a late answer may narrow the map after)
    before = page.locator("#geo-map").bounding_box()
    with page.expect_download() as download:
        page.locator("#geo-export-png").click()
    png = Path(download.value.path()).read_bytes()
    after = page.locator("#geo-map").bounding_box()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert any(abs(width - box["width"]) <= 2 and abs(height - box["height"]) <= 2 for box in (before, after))
