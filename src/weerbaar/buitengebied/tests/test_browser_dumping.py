"""A dumping reported from a phone-sized viewport (390×844) and turned into a signal, in Dutch and
German: the form fits the screen, the photo's GPS places the report, the pages are axe-clean."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations, log_in_as, set_language
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user

from ..models import Drugsafvaldumping
from .conftest import jpeg_with_gps, point_in

pytestmark = pytest.mark.browser

TEXT = {
    "nl": {
        "submit": "Melding versturen",
        "signal": "Signaal maken van deze melding",
        "kind": "Wat is gevonden",
    },
    "de": {
        "submit": "Meldung senden",
        "signal": "Aus dieser Meldung ein Signal erstellen",
        "kind": "Was wurde gefunden",
    },
}


@pytest.mark.parametrize("language", ["nl", "de"])
def test_a_dumping_reported_on_a_phone_becomes_a_signal(context, page, region, media, language):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/health")
    set_language(context, language)
    log_in_as(context, make_user(Role.GEMEENTELIJK_ANALIST, "GM0160", username=f"veld-{language}"))
    page.goto("/buitengebied/dumpingen/melden")
    words = TEXT[language]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    assert not axe_violations(page)

    page.get_by_label(words["kind"]).select_option("jerrycans")
    page.locator("#id_hoeveelheid").fill("14")
    page.locator("#id_eenheid").select_option("stuks")
    page.locator("#id_proces_verbaalnummer").fill("PL0600-2026000777")
    page.locator("#id_foto").set_input_files(
        {"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps(point_in("GM0160"))}
    )
    page.get_by_role("button", name=words["submit"]).click()
    page.wait_for_load_state()

    dumping = Drugsafvaldumping.objects.get()
    assert dumping.gemeente.cbs_code == "GM0160"  # placed by the photo's GPS, no coordinates typed
    assert page.url.endswith(f"/buitengebied/dumpingen/{dumping.pk}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not axe_violations(page)

    page.get_by_role("button", name=words["signal"]).click()
    page.wait_for_load_state()
    dumping.refresh_from_db()
    assert dumping.signaal_nummer
    assert page.url.endswith(f"/signalen/{dumping.signaal_id}")
    assert dumping.signaal_nummer in page.content()
    assert not axe_violations(page)
