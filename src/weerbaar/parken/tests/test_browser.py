"""In a real browser, as a provincial adviser: the park list, filtered, to a park's profile
(quadrant, indicators with inputs, trajectory), in Dutch and German, axe-core clean."""

import pytest

from tests.browser.conftest import axe_violations, log_in_as, set_language
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("language", "quadrant", "inputs"), [("nl", "Kwadrant", "Invoer"), ("de", "Quadrant", "Eingabe")]
)
def test_list_to_profile(page, context, region, language, quadrant, inputs):
    from weerbaar.parken.demo import load_parks

    parks = load_parks(count=8)
    with_trajectory = parks[1]
    page.goto("/health")
    log_in_as(context, make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username=f"browser-adviseur-{language}"))
    set_language(context, language)
    page.goto("/parken/")
    page.select_option("#id_gemeente", with_trajectory.municipality_code)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**gemeente=*")
    assert not axe_violations(page), axe_violations(page)
    page.get_by_role("link", name=with_trajectory.name).click()
    page.wait_for_url(f"**/parken/{with_trajectory.pk}")
    main = page.locator("main").inner_text()
    assert quadrant in main and inputs in main
    assert page.locator("td.parken-quadrant__here").count() == 1
    assert page.locator("form[action$='/stap']").count() == 1
    assert not axe_violations(page), axe_violations(page)


def test_adviser_records_an_assessment_in_the_browser(page, context, region, tmp_path):
    """The assessment form on the profile: a quality of 12 comes back in the error summary with a
    link to the field; a good assessment is recorded with a success message. Screenshots of both
    are left in the test's temporary directory for a look."""
    from weerbaar.parken.demo import load_parks

    park = load_parks(count=2)[0]
    page.goto("/health")
    log_in_as(context, make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username="browser-adviseur-form"))
    set_language(context, "nl")
    page.goto(f"/parken/{park.pk}")
    page.locator("details.parken-form summary").click()
    page.fill("#id_beoordeling-quality", "12")
    page.fill("#id_beoordeling-outlook", "6")
    page.fill("#id_beoordeling-assessed_on", "2026-11-02")
    page.fill("#id_beoordeling-assessor", "M. de Adviseur")
    page.locator("details.parken-form button[type=submit]").click()
    summary = page.locator(".weerbaar-error-summary")
    assert summary.count() == 1 and summary.locator("a[href='#id_beoordeling-quality']").count() == 1
    page.screenshot(path=tmp_path / "parken-beoordeling-fout.png", full_page=True)
    assert not axe_violations(page), axe_violations(page)
    page.fill("#id_beoordeling-quality", "7")
    page.locator("details.parken-form button[type=submit]").click()
    page.wait_for_url(f"**/parken/{park.pk}")
    assert "De vitaliteitsbeoordeling is vastgelegd." in page.locator("body").inner_text()
    page.screenshot(path=tmp_path / "parken-beoordeling-ok.png", full_page=True)
    print(tmp_path)


@pytest.mark.parametrize(
    ("language", "link", "quadrant"),
    [("nl", "Profiel van het park", "Kwadrant"), ("de", "Profil des Parks", "Quadrant")],
)
def test_from_the_map_to_the_profile(page, context, park, adviser, language, link, quadrant):
    """A provincial adviser clicks the park on the map: the object information names it and links
    to its profile (the link rests on `profiel`, an attribute for partners); the link opens the
    profile with the quadrant. An anonymous reader clicking the same park gets no link."""
    from weerbaar.parken.maplayer import park_layer_publish
    from weerbaar.privacy.context import command_context

    park_layer_publish(ctx=command_context(command="test"))
    point = park.geometry.point_on_surface

    def click_the_park():
        page.goto(f"/kaart/#z=13&x={point.x:.1f}&y={point.y:.1f}&l=vakantieparken&crs=28992")
        page.wait_for_function("() => window.weerbaarViewer && document.querySelector('#geo-map canvas')")
        page.evaluate(
            "() => new Promise(r => { weerbaarViewer.map.once('rendercomplete', r); weerbaarViewer.map.render(); })"
        )
        box = page.locator("#geo-map").bounding_box()
        pixel = page.evaluate(
            "([x, y]) => weerbaarViewer.map.getPixelFromCoordinate([x, y])", [point.x, point.y]
        )
        page.mouse.click(box["x"] + pixel[0], box["y"] + pixel[1])
        page.locator("#geo-info", has_text=park.name).wait_for()

    page.goto("/health")
    set_language(context, language)
    click_the_park()
    assert page.locator("#geo-info a.geo-feature__link").count() == 0  # the public: outline and name

    log_in_as(context, adviser)
    page.goto("/health")  # the same map URL again would only change its fragment, not reload
    click_the_park()
    page.get_by_role("link", name=link).click()
    page.wait_for_url(f"**/parken/{park.pk}")
    assert quadrant in page.locator("main").inner_text()
    assert not axe_violations(page), axe_violations(page)
