"""Subjects typed per kind with register suggestions, in a real browser (issue 16 item 3): a
municipal analyst registers a signal about an address found by street and place, a company found
by name and a parcel found by its aanduiding, choosing each from the suggestions with keyboard
or mouse, and the signal stores each with the identifier its kind keys on."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from tests.browser.conftest import axe_violations, log_in_as
from weerbaar.core.access import AccessLevel
from weerbaar.registers.models import AdresseerbaarObject, OpenbareRuimte, Woonplaats
from weerbaar.signals.models import Signal

pytestmark = pytest.mark.browser
SCREENSHOTS = settings.BASE_DIR / "var" / "screenshots"


@pytest.fixture
def loodsweg(registers_data):
    """The Loodsweg in Zwolle as a BAG openbare ruimte, so its address is found by street and place."""
    zwolle = Woonplaats.objects.create(identificatie="0193", naam="Zwolle", access_level=AccessLevel.OPENBAAR)
    street = OpenbareRuimte.objects.create(
        identificatie="0193300000000777",
        naam="Loodsweg",
        naam_sleutel="loodsweg",
        woonplaats=zwolle,
        woonplaats_naam="Zwolle",
        woonplaats_sleutel="zwolle",
        access_level=AccessLevel.OPENBAAR,
    )
    AdresseerbaarObject.objects.filter(pk=registers_data["adres"].pk).update(
        openbare_ruimte_identificatie=street.identificatie
    )
    return registers_data


def _pick(page, row, kind: str, typed: str, option: str, *, keyboard: bool) -> None:
    group = page.get_by_role("group", name=row)
    group.get_by_label("Soort").select_option(kind)
    search = group.get_by_role("combobox", name="Zoeken in de registers")
    search.fill(typed)
    listbox = group.get_by_role("listbox")
    listbox.get_by_role("option", name=option).wait_for()
    assert search.get_attribute("aria-expanded") == "true"
    assert search.get_attribute("aria-controls") == listbox.get_attribute("id")
    if keyboard:
        search.press("ArrowDown")
        active = search.get_attribute("aria-activedescendant")
        assert page.locator(f"#{active}").inner_text() == option
        search.press("Enter")  # chooses; does not submit the form
    else:
        listbox.get_by_role("option", name=option).click()
    assert search.get_attribute("aria-expanded") == "false" and listbox.is_hidden()


def test_an_analyst_registers_three_subjects_chosen_from_register_suggestions(
    context, page, gemeente, loodsweg
):
    page.goto("/health")
    log_in_as(context, gemeente)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(reverse("signals:create"))
    page.get_by_label("Korte omschrijving").fill("Loods met stroomverbruik")
    page.get_by_label("Fenomeen").select_option("drugs")

    # 1. an address by street and place, chosen with the keyboard
    first = page.get_by_role("group", name="Onderwerp 1")
    first.get_by_label("Soort").select_option("adres")
    assert first.get_by_label("Postcode en huisnummer").is_visible()  # the kind's identifier label
    assert first.get_by_label("Geboortedatum").is_hidden()  # not a field of an address
    _pick(page, "Onderwerp 1", "adres", "Loodsweg Zwolle", "Loodsweg 12, 8011AB Zwolle", keyboard=True)
    assert first.get_by_label("Postcode en huisnummer").input_value() == "8011AB 12"
    assert page.url.endswith(reverse("signals:create"))  # Enter chose, did not submit

    # 2. a company by name, with the mouse; the row added in the page
    page.get_by_role("button", name="Nog een onderwerp").click()
    _pick(page, "Onderwerp 2", "onderneming", "Kweek", "Kweek Handel B.V. (12345678)", keyboard=False)
    second = page.get_by_role("group", name="Onderwerp 2")
    assert second.get_by_label("KvK-nummer").input_value() == "12345678"
    assert second.get_by_label("Naam").input_value() == "Kweek Handel B.V."
    second.get_by_label("Rol in het signaal").fill("huurder")

    # 3. a parcel by the beginning of its aanduiding; Escape closes the list first
    page.get_by_role("button", name="Nog een onderwerp").click()
    third = page.get_by_role("group", name="Onderwerp 3")
    third.get_by_label("Soort").select_option("perceel")
    search = third.get_by_role("combobox", name="Zoeken in de registers")
    search.fill("zwl00 k 12")
    third.get_by_role("option", name="ZWL00 K 1234 (perceel)").wait_for()
    status = third.locator("[role=status]")
    assert status.inner_text() == "1 suggestie, kies met pijl omlaag en Enter."
    search.press("Escape")
    assert search.get_attribute("aria-expanded") == "false"
    _pick(page, "Onderwerp 3", "perceel", "zwl00 k 123", "ZWL00 K 1234 (perceel)", keyboard=True)
    assert third.get_by_label("Kadastrale aanduiding").input_value() == "ZWL00 K 1234"

    assert not axe_violations(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 800), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(200)
        page.screenshot(path=str(SCREENSHOTS / f"signal_subjects-{width}x{height}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    # the open list as a user sees it while choosing, on the phone
    search.evaluate("el => el.scrollIntoView({block: 'center'})")
    search.fill("zwl00 k 12")
    third.get_by_role("option", name="ZWL00 K 1234 (perceel)").wait_for()
    page.screenshot(path=str(SCREENSHOTS / "signal_subjects-suggestions-390x844.png"))
    search.press("Escape")
    page.set_viewport_size({"width": 1280, "height": 800})

    page.get_by_role("button", name="Signaal registreren").click()
    page.wait_for_url("**/signalen/*")
    signal = Signal.objects.get(title="Loods met stroomverbruik")
    stored = [(s.kind, s.identifier, s.name, s.role, s.key) for s in signal.subjects.order_by("id")]
    assert stored == [
        ("adres", "8011AB 12", "", "", "adres:8011AB|12||"),
        ("onderneming", "12345678", "Kweek Handel B.V.", "huurder", "onderneming:12345678"),
        ("perceel", "ZWL00 K 1234", "", "", "perceel:ZWL00 K 1234"),
    ]


def test_the_signal_page_adds_a_subject_with_the_same_suggestions(context, page, gemeente, loodsweg):
    page.goto("/health")
    log_in_as(context, gemeente)
    page.goto(reverse("signals:create"))
    page.get_by_label("Korte omschrijving").fill("Loods zonder onderwerpen")
    page.get_by_label("Fenomeen").select_option("drugs")
    page.get_by_role("button", name="Signaal registreren").click()
    page.wait_for_url("**/signalen/*")
    page.get_by_role("tab", name="Onderwerpen").click()
    page.get_by_text("Onderwerp toevoegen").click()
    # persons are searched only with a declared purpose: the refusal is shown, not an empty list
    group = page.get_by_role("group", name="Nieuw onderwerp")
    group.get_by_label("Soort").select_option("persoon")
    group.get_by_role("combobox", name="Zoeken in de registers").fill("Jan de Vries")
    refusal = group.locator("[data-subject-error]")
    refusal.wait_for()  # visible, and said by the status region too
    assert refusal.inner_text() == "Verklaar eerst het doel van deze zoekvraag (doelbinding)."
    assert group.get_by_role("status").inner_text() == refusal.inner_text()
    group.get_by_label("Soort").select_option("onderneming")
    assert refusal.is_hidden()
    _pick(page, "Nieuw onderwerp", "onderneming", "1234 5678", "Kweek Handel B.V. (12345678)", keyboard=True)
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    page.wait_for_load_state()
    signal = Signal.objects.get(title="Loods zonder onderwerpen")
    assert list(signal.subjects.values_list("key", "name")) == [("onderneming:12345678", "Kweek Handel B.V.")]
    assert not axe_violations(page)
