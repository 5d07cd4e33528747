"""The map is the page, in a real browser at 1280 × 800 and 390 × 844, in Dutch and German: the map
fills the viewport below the site header, the layer and information panels open and close by
keyboard (aria-expanded), a click on a holiday park shows its title and human labels first with the
containing areas in one line (never statcode or gemeentecode), municipality labels are drawn once,
a changed permalink moves the open map, and axe-core finds nothing serious. Screenshots are written
to var/screenshots/viewer_*.png for review."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations, set_language

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
TEXT = {
    "nl": {
        "layers": "Kaartlagen",
        "info": "Objectinformatie",
        "lies_in": "Ligt in",
        "area": "Oppervlakte",
        "gemeente": "Gemeente",
        "provincie": "Provincie Overijssel",
        "layer": "Vakantieparken (fictief)",
    },
    "de": {
        "layers": "Kartenebenen",
        "info": "Objektinformationen",
        "lies_in": "Liegt in",
        "area": "Fläche",
        "gemeente": "Gemeinde",
        "provincie": "Provinz Overijssel",
        "layer": "Ferienparks (fiktiv)",
    },
}


@pytest.fixture
def parks(public_layers):
    """The shipped holiday parks (the generator's, seed 1) next to the small public layers; the
    park to click: its point inside the outline and the municipality it lies in."""
    from django.contrib.gis.db.models.functions import PointOnSurface

    from weerbaar.geo.demo import load_public_layers
    from weerbaar.geo.models import Feature, Layer

    load_public_layers(io.StringIO(), only={"vakantieparken"})
    layer = Layer.objects.get(code="vakantieparken")
    gemeenten = Layer.objects.get(code="gemeenten")
    park = (
        Feature.objects.filter(version_id=layer.current_version_id)
        .annotate(point=PointOnSurface("geometry"))
        .order_by("fid")
        .first()
    )
    gemeente = Feature.objects.get(version_id=gemeenten.current_version_id, geometry__contains=park.point)
    return {"park": park, "gemeente": gemeente.properties["statnaam"]}


def _shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"viewer_{name}.png"))


def _press(page, selector, key="Enter"):
    page.locator(selector).focus()
    page.keyboard.press(key)


def _expanded(page, name):
    return page.locator(f"#geo-toggle-{name}").get_attribute("aria-expanded") == "true"


@pytest.mark.parametrize("language", ["nl", "de"])
@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_the_map_is_the_page_with_readable_information(context, page, parks, screen, language):
    text = TEXT[language]
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size(VIEWPORTS[screen])
    set_language(context, language)
    park = parks["park"]
    x, y = park.point.x, park.point.y
    page.goto(f"/kaart/#z=12&x={x:.1f}&y={y:.1f}&l=provincie,gemeenten,vakantieparken&crs=28992")
    page.wait_for_function("() => window.weerbaarViewer && document.querySelector('#geo-map canvas')")
    width, height = VIEWPORTS[screen]["width"], VIEWPORTS[screen]["height"]

    # the map fills the viewport below the header: to the bottom edge, and (panels aside) full width
    app = page.locator("#geo-app").bounding_box()
    assert abs(app["y"] + app["height"] - height) <= 2, app
    map_box = page.locator("#geo-map").bounding_box()
    assert map_box["y"] + map_box["height"] >= height - 2
    if screen == "phone":  # the panels start closed: the map is seen first, edge to edge
        assert not _expanded(page, "layers") and not _expanded(page, "info")
        assert page.locator("#geo-panel-layers").is_hidden() and page.locator("#geo-panel-info").is_hidden()
        bar = page.locator(".geo-bar").bounding_box()
        assert bar["height"] <= 60  # title and toggles in one row
        assert map_box["width"] >= width - 1 and map_box["y"] <= bar["y"] + bar["height"] + 1
    else:  # the layer panel beside the map, the map takes the rest
        assert _expanded(page, "layers") and page.locator("#geo-panel-layers").is_visible()
        assert map_box["width"] >= width - 400 and map_box["height"] >= height - 200

    # the panels open and close from the keyboard, aria-expanded says which
    assert page.get_by_role("button", name=text["layers"]).count() == 1
    before = _expanded(page, "layers")
    _press(page, "#geo-toggle-layers")
    assert _expanded(page, "layers") is not before
    assert page.locator("#geo-panel-layers").is_visible() is not before
    if screen == "phone":  # open over the map, never covering all of it
        panel = page.locator("#geo-panel-layers").bounding_box()
        assert panel["height"] <= 0.8 * page.locator("#geo-map").bounding_box()["height"]
        _shot(page, f"{screen}_{language}_layers")
    _press(page, "#geo-toggle-layers", " ")
    assert _expanded(page, "layers") is before
    if screen == "desktop":  # closed: the map takes the whole width
        _press(page, "#geo-toggle-layers")
        page.wait_for_function(f"() => document.getElementById('geo-map').offsetWidth >= {width - 1}")
        _press(page, "#geo-toggle-layers")

    # municipality labels once per feature: one label point each, from the label layer
    page.wait_for_function(
        "() => weerbaarViewer.labelLayers.gemeenten.getSource().getFeatures().length === 25"
    )
    names = page.evaluate(
        "() => weerbaarViewer.labelLayers.gemeenten.getSource().getFeatures().map(f => f.get('label'))"
    )
    assert names.count(parks["gemeente"]) == 1

    # a click on the park: its title and labelled fields first, the containing areas in one line
    page.evaluate(
        "() => new Promise(r => { weerbaarViewer.map.once('rendercomplete', r); weerbaarViewer.map.render(); })"
    )
    box = page.locator("#geo-map").bounding_box()
    pixel = page.evaluate("([x, y]) => weerbaarViewer.map.getPixelFromCoordinate([x, y])", [x, y])
    page.mouse.click(box["x"] + pixel[0], box["y"] + pixel[1])
    page.locator(".geo-feature__title").first.wait_for()
    assert _expanded(page, "info") and page.locator("#geo-panel-info").is_visible()
    first = page.locator(".geo-feature").first
    assert first.locator(".geo-feature__layer").inner_text() == text["layer"]
    assert first.locator(".geo-feature__title").inner_text() == park.properties["naam"]
    assert first.locator("dt").first.inner_text() == text["area"]
    context_line = page.locator(".geo-context").inner_text()
    assert context_line == f"{text['lies_in']}: {text['gemeente']} {parks['gemeente']} · {text['provincie']}"
    shown = page.locator("#geo-info").inner_text()
    for internal in ("statcode", "jrstatcode", "gemeentecode", "identificatie", "GM0", "PV23", "VP0"):
        assert internal not in shown, internal
    labels = [label.lower() for label in page.locator("#geo-info dt").all_inner_texts()]
    assert labels == [text["area"].lower()]  # not the flag "fictief: ja" (the layer's title says so)
    assert shown.count(parks["gemeente"]) == 1 and shown.count("Overijssel") == 1  # no duplicates
    if screen == "phone":  # a bottom sheet over at most half of the map
        sheet = page.locator("#geo-panel-info").bounding_box()
        assert sheet["height"] <= 0.5 * box["height"] + 1 and abs(sheet["y"] + sheet["height"] - height) <= 2
    _shot(page, f"{screen}_{language}_info")
    assert not axe_violations(page)

    # a changed permalink moves the map that is open (no reload), and its layers follow
    page.evaluate("() => { window.notReloaded = true; }")
    page.evaluate(
        f"() => {{ location.hash = '#z=9.50&x={x - 5000:.1f}&y={y + 3000:.1f}&l=gemeenten&crs=28992'; }}"
    )
    page.wait_for_function(
        f"() => Math.abs(weerbaarViewer.map.getView().getCenter()[0] - {x - 5000:.1f}) < 1"
        f" && Math.abs(weerbaarViewer.map.getView().getZoom() - 9.5) < 0.01"
    )
    assert page.evaluate("() => window.notReloaded === true")
    assert not page.evaluate("() => weerbaarViewer.layers.vakantieparken.getVisible()")
    assert not page.locator("#layer-vakantieparken").is_checked()
    page.go_back()  # the link before it (history): the map moves back to the park
    page.wait_for_function(f"() => Math.abs(weerbaarViewer.map.getView().getCenter()[0] - {x:.1f}) < 1")
    assert page.evaluate("() => window.notReloaded === true")
    assert not errors, errors
