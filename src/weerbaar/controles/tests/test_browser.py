"""A control in a real browser, in Dutch and German: plan it, open the visit list on a phone-sized
screen, record a finding while the browser is offline (kept on the phone), go back online (sent
once, with its photo: kept in IndexedDB, stored without EXIF), see it on the control and make it a
signal. The checklist asks its questions in the page's language. axe-core finds no serious
violation."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.conftest import axe_violations, log_in_as, set_language
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.privacy.context import command_context

from .. import services
from ..models import Bevinding, BevindingFoto, Controle
from .factories import X, Y, registers_in_area

pytestmark = pytest.mark.browser

#: where the root conftest writes browser screenshots (var/screenshots of the repository)
SCREENSHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"
SENT = {"nl": "Verstuurd en opgeslagen.", "de": "Gesendet und gespeichert."}
OFFLINE = {
    "nl": "Opgeslagen op dit toestel",
    "de": "Auf diesem Gerät gespeichert",
}


#: a municipality's question of the shipped set, as the checklist shows it in each language
VRAAG = {"nl": "Wordt er (permanent) gewoond?", "de": "Wird hier (dauerhaft) gewohnt?"}


def _phone_jpeg() -> bytes:
    """A JPEG with the camera and GPS tags a phone writes."""
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"
    exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 30.0, 36.0), 3: "E", 4: (6.0, 5.0, 24.0)})
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 60)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


#: how many photo Blobs wait in the checklist's IndexedDB store
IDB_COUNT = """() => new Promise((resolve) => {
  const open = indexedDB.open("weerbaar-controles", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("fotos");
  open.onsuccess = () => {
    const req = open.result.transaction("fotos").objectStore("fotos").count();
    req.onsuccess = () => { open.result.close(); resolve(req.result); };
  };
})"""


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"controles_{name}.png"), full_page=True)


def _draw_square(page, *, half: float) -> None:
    """Zoom the planning map to the test area as a user would, then click the corners of a square
    of 2 × `half` m around it and double-click the last one."""
    page.wait_for_function("() => document.getElementById('controles-kaart').olMap")
    page.evaluate(
        "([x, y, h]) => document.getElementById('controles-kaart').olMap.getView().fit([x - h, y - h, x + h, y + h])",
        [X, Y, half * 1.4],
    )
    box = page.locator("#controles-kaart").bounding_box()
    corners = [(X - half, Y - half), (X + half, Y - half), (X + half, Y + half), (X - half, Y + half)]
    pixels = page.evaluate(
        "corners => { const m = document.getElementById('controles-kaart').olMap; m.renderSync();"
        " return corners.map(c => m.getPixelFromCoordinate(c)); }",
        corners,
    )
    for i, (px, py) in enumerate(pixels):
        x, y = box["x"] + px, box["y"] + py
        if i == len(pixels) - 1:
            page.mouse.dblclick(x, y)
        else:
            page.mouse.click(x, y)
            page.wait_for_timeout(150)


@pytest.mark.parametrize("language", ["nl", "de"])
def test_plan_visit_record_offline_and_make_a_signal(context, page, region, language, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    registers_in_area()
    services.vragen_standaard_laden(ctx=command_context(command="test"))
    user = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username=f"b-controle-{language}")
    page.goto("/health")
    log_in_as(context, user)
    set_language(context, language)

    page.goto("/controles/nieuw")
    page.fill("#id_naam", "Controle Controlestraat")
    page.fill("#id_datum", "2026-12-10")
    page.select_option("#id_soort_gebied", "bedrijventerrein")
    _draw_square(page, half=500)
    assert page.input_value("#id_gebied").startswith("POLYGON")
    page.select_option("#id_doel", "gebiedsanalyse")
    page.check("input[name=partners][value=POLITIE-ON]")
    page.fill("#id_teams", "Team 1; 09:00-12:00; gemeente, politie")
    assert not axe_violations(page)
    _shot(page, f"plannen_{language}")
    page.locator("form.weerbaar-form button[type=submit]").click()
    page.wait_for_url("**/controles/*")
    controle = Controle.objects.get(naam="Controle Controlestraat")
    assert page.locator("h1").inner_text() == "Controle Controlestraat"

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/controles/{controle.pk}/bezoeklijst")
    assert "Fictief Bewoner" in page.content()  # the analyst holds a grant for the purpose
    assert not axe_violations(page)
    _shot(page, f"bezoeklijst_{language}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    page.locator("ol.controles-lijst a").first.click()
    page.wait_for_selector("#controles-checklist")
    assert not axe_violations(page)

    assert VRAAG[language] in page.content()

    context.set_offline(True)
    page.set_input_files(
        "#fotos", files=[{"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": _phone_jpeg()}]
    )
    page.check("#opvolging")
    page.fill("#toelichting", "Afgeplakte ramen, sterke geur")
    page.locator("#controles-checklist button[type=submit]").click()
    page.wait_for_function(
        "text => document.getElementById('controles-status').textContent.includes(text)",
        arg=OFFLINE[language],
    )
    assert Bevinding.objects.count() == 0
    assert page.evaluate("JSON.parse(localStorage.getItem('weerbaar.controles.wachtrij')).length") == 1
    assert page.evaluate(IDB_COUNT) == 1  # the photo waits in IndexedDB
    _shot(page, f"checklist_offline_{language}")

    context.set_offline(False)
    page.wait_for_function(
        "text => document.getElementById('controles-status').textContent.includes(text)", arg=SENT[language]
    )
    assert Bevinding.objects.filter(controle=controle, opvolging=True).count() == 1
    foto = BevindingFoto.objects.get(bevinding__controle=controle)
    with foto.bestand.open("rb") as stored:
        assert len(Image.open(io.BytesIO(stored.read())).getexif()) == 0
    assert page.evaluate(IDB_COUNT) == 0  # sent, so removed from the phone
    page.evaluate(
        "() => window.dispatchEvent(new Event('online'))"
    )  # a second 'online': nothing left to send
    page.wait_for_timeout(300)
    assert Bevinding.objects.count() == 1

    page.goto(f"/controles/{controle.pk}")
    assert "Afgeplakte ramen, sterke geur" in page.content()
    photo = page.locator("img.controles-foto")
    photo.scroll_into_view_if_needed()  # loading="lazy": fetched once it is near the viewport
    photo.evaluate("img => img.complete ? null : new Promise(done => { img.onload = img.onerror = done })")
    assert photo.evaluate("img => img.naturalWidth") == 64
    _shot(page, f"controle_{language}")
    page.locator(".controles-bevindingen form button").click()
    page.wait_for_load_state()
    number = Bevinding.objects.get().signaal_nummer
    assert number and number in page.content()
    assert not axe_violations(page)

    page.goto(f"/controles/{controle.pk}/samenvatting")
    assert not axe_violations(page)
    _shot(page, f"samenvatting_{language}")
