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
