"""The whole path in a real browser, with four roles from four organisations:

gemeente Zwolle registers, enriches and brings in; the RIEC makes a case and forms the team; the
politie records and starts the intervention; the provincie (only once in the team) evaluates; the
RIEC closes. Each role sees only what it may, checked on the pages and in the audit log.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import SCREENSHOTS
from tests.browser.conftest import axe_violations, log_in_as, set_language
from weerbaar.audit.models import AuditEntry
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.organisations.models import Organisation
from weerbaar.signals.models import Signal

pytestmark = pytest.mark.browser


def _as(context, page, user):
    context.clear_cookies()
    page.goto("/health")
    log_in_as(context, user)


def _step(page, label: str, reason: str = "") -> None:
    """Take a step from the signal page's overview tab, where the next step is."""
    page.get_by_role("tab", name="Overzicht").click()
    button = page.get_by_role("button", name=f"Naar: {label}")
    if reason:
        form = page.locator("form", has=button)
        form.locator("textarea").fill(reason)
    button.click()
    page.wait_for_load_state()


def test_signal_to_intervention_to_evaluation_in_the_browser(context, page, registers_data):
    gemeente = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="b-gemeente")
    riec = make_user(Role.RIEC_ANALIST, "RIEC-ON", username="b-riec")
    politie = make_user(Role.PARTNER, "POLITIE-ON", username="b-politie")
    provincie = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username="b-provincie")

    # 1. gemeente: register (with subjects), enrich, triage, bring in
    _as(context, page, gemeente)
    page.goto(reverse("signals:create"))
    page.get_by_label("Korte omschrijving").fill("Hennepkwekerij in loods")
    page.get_by_label("Fenomeen").select_option("drugs")
    page.get_by_label("Adres (postcode en huisnummer)").fill("8011 AB 12")
    first = page.get_by_role("group", name="Onderwerp 1")
    first.get_by_label("Soort").select_option("onderneming")
    first.get_by_label("KvK-nummer").fill("12345678")
    page.get_by_role("button", name="Nog een onderwerp").click()
    second = page.get_by_role("group", name="Onderwerp 2")
    second.get_by_label("Soort").select_option("persoon")
    second.get_by_role("textbox", name="Naam", exact=True).fill("Jan de Vries")  # a person: by name
    second.get_by_label("Geboortedatum").fill("1980-01-01")
    page.get_by_role("button", name="Signaal registreren").click()
    page.wait_for_url("**/signalen/*")
    signal = Signal.objects.get(title="Hennepkwekerij in loods")
    assert page.get_by_test_id("state").inner_text() == "ontvangen"
    page.get_by_role("tab", name="Verrijking").click()
    page.get_by_role("button", name="Verrijken").click()
    page.wait_for_load_state()
    assert page.get_by_role("tab", name="Verrijking").get_attribute("aria-selected") == "true"  # back on it
    facts = page.get_by_role("table", name="Feiten uit registers en kaart")
    assert facts.get_by_text("Kweek Handel B.V.").first.is_visible()
    assert facts.get_by_text("Afstand tot de Duitse grens").is_visible()
    assert not axe_violations(page)
    _step(page, "in behandeling (triage)")
    _step(page, "ingebracht bij het informatieplein")
    assert page.get_by_test_id("state").inner_text() == "ingebracht bij het informatieplein"
    stepper = page.get_by_role("navigation", name="Voortgang van het signaal")
    assert "ingebracht bij het informatieplein" in stepper.locator("[aria-current=step]").inner_text()
    assert stepper.locator(".signals-stepper__step--done").count() == 2
    assert not axe_violations(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "signal_stepper_nl.png"))
    for width, height in ((1280, 800), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(SCREENSHOTS / f"signals-signal-{width}x{height}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    # 2. provincie: not involved yet, sees nothing
    _as(context, page, provincie)
    page.goto(reverse("signals:list"))
    assert page.get_by_text(signal.number).count() == 0
    assert page.goto(reverse("signals:detail", args=[signal.pk])).status == 404

    # 3. RIEC: the informatieplein makes a case and forms the team
    _as(context, page, riec)
    page.goto(reverse("signals:list"))
    page.get_by_role("link", name=signal.number).click()
    _step(page, "casus")
    signal.refresh_from_db()
    case_url = reverse("signals:case", args=[signal.case_id])
    # the case owns its team: formed on the case page's team tab, with a message after each addition
    page.get_by_role("tab", name="Casus").click()
    page.get_by_role("link", name="Naar de casus").click()
    page.get_by_role("tab", name="Casusteam").click()
    for code in ("POLITIE-ON", "PV23"):
        organisation = Organisation.objects.get(code=code)
        page.locator("#team_organisation").select_option(str(organisation.pk))
        page.get_by_role("button", name="Aan het casusteam toevoegen").click()
        page.wait_for_load_state()
        assert page.get_by_text(f"{organisation.name} is aan het casusteam toegevoegd.").is_visible()
        assert page.get_by_role("tab", name="Casusteam").get_attribute("aria-selected") == "true"
    assert not axe_violations(page)
    page.goto(reverse("signals:detail", args=[signal.pk]))
    _step(page, "interventievoorstel")
    page.goto(case_url + "#netwerk")
    page.wait_for_selector("#network-list li")
    shown = page.locator("#network-list li").count()
    page.get_by_role("button", name="onderneming: 12345678").click()  # chosen in the list
    page.get_by_role("button", name="Alle buren").click()  # expanded with its signed key
    page.wait_for_function(f"document.querySelectorAll('#network-list li').length > {shown}")
    assert int(page.locator("#network").get_attribute("data-node-count")) > shown  # drawn in the chart too
    assert not axe_violations(page)

    # 4. politie: in the team now; records the intervention and starts it
    _as(context, page, politie)
    page.goto(case_url + "#interventies")
    page.get_by_text("Interventie toevoegen").click()
    page.locator("#intervention_kind").select_option("sluiting_13b")
    page.locator("#intervention_executing_organisation").select_option(
        str(Organisation.objects.get(code="GM0193").pk)
    )
    page.locator("#intervention_legal_basis").fill("Opiumwet art. 13b")
    page.get_by_role("button", name="Interventie vastleggen").click()
    page.wait_for_load_state()
    assert page.get_by_text("De interventie is vastgelegd.").is_visible()
    page.goto(reverse("signals:detail", args=[signal.pk]))
    _step(page, "interventie in uitvoering")
    _step(page, "evaluatie")

    # 5. provincie: in the team, evaluates
    _as(context, page, provincie)
    page.goto(case_url + "#evaluatie")
    page.locator("#evaluation_effect").fill("Loods gesloten, kwekerij geruimd")
    page.locator("#evaluation_what_worked").fill("Snelle inbreng via het informatieplein")
    page.locator("#evaluation_bottlenecks").fill("BRP-gegevens pas laat gedeeld")
    page.locator("#evaluation_lessons").fill("Eerder de politie betrekken")
    page.get_by_role("button", name="Evaluatie opslaan").click()
    page.wait_for_load_state()
    assert page.get_by_text("De evaluatie is opgeslagen.").is_visible()
    page.goto(reverse("signals:detail", args=[signal.pk]))
    assert page.get_by_role("button", name="Naar: afgesloten").count() == 0  # only the RIEC closes

    # 6. RIEC closes, once the intervention has its outcome; the bottleneck is on the list for the
    # IVZ/RCIV agenda
    _as(context, page, riec)
    page.goto(reverse("signals:detail", args=[signal.pk]))
    _step(page, "afgesloten")
    assert page.get_by_test_id("state").inner_text() == "evaluatie"
    assert page.get_by_text("elke interventie een resultaat heeft").is_visible()
    page.goto(case_url + "#interventies")
    intervention = signal.case.interventions.get()
    page.locator(f"#executed-{intervention.pk}").fill("2026-11-20")
    page.locator(f"#result-{intervention.pk}").fill("Loods gesloten voor zes maanden")
    page.get_by_role("button", name="Resultaat opslaan").click()
    page.wait_for_load_state()
    assert page.get_by_text("Het resultaat van de interventie is opgeslagen.").is_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=str(SCREENSHOTS / "signals-case-interventions-1280x800.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / "signals-case-interventions-390x844.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(reverse("signals:detail", args=[signal.pk]))
    _step(page, "afgesloten")
    assert page.get_by_test_id("state").inner_text() == "afgesloten"
    page.goto(reverse("signals:bottlenecks"))
    assert page.get_by_text("BRP-gegevens pas laat gedeeld").is_visible()

    # the detail and case pages in German and English: translated and without axe violations
    detail_url = reverse("signals:detail", args=[signal.pk])
    for language, history, timeline in (("de", "Verlauf", "Zeitleiste"), ("en", "History", "Timeline")):
        set_language(context, language)
        for url, tab in ((detail_url, history), (case_url, timeline)):
            page.goto(url)
            assert page.get_attribute("html", "lang") == language
            page.get_by_role("tab", name=tab).click()
            assert page.get_by_role("heading", name=tab).is_visible()
            assert not axe_violations(page), (language, url)

    # the audit log: every role's reads are there; the provincie's first try was refused
    entries = AuditEntry.objects.using("audit").filter(object_type="signals.signal")
    for user in (gemeente, riec, politie, provincie):
        assert entries.filter(actor=user.username, action="view", result="allowed").exists(), user.username
    assert entries.filter(actor="b-provincie", result="refused", object_id=str(signal.pk)).exists()
    steps = entries.filter(action="update", result="allowed", object_id=signal.number)
    assert {e.actor for e in steps} == {"b-gemeente", "b-riec", "b-politie"}
    assert {e.organisation for e in steps} == {"GM0193", "RIEC-ON", "POLITIE-ON"}


def test_a_point_and_an_area_are_drawn_on_the_intake_map(context, page, region):
    from shapely import wkt
    from shapely.geometry import box

    _as(context, page, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="b-kaart"))
    page.goto(reverse("signals:create"))
    svg = page.locator("#intake-map")
    assert page.locator("#intake-map path").count() == 25
    svg.click(position={"x": 200, "y": 200})
    point = wkt.loads(page.locator("#id_geometry").input_value())
    assert point.geom_type == "Point" and box(180000, 455000, 272000, 545000).contains(point)
    page.locator("#intake-map-mode").select_option("area")
    for x, y in ((150, 150), (250, 150), (250, 250)):
        svg.click(position={"x": x, "y": y})
    area = wkt.loads(page.locator("#id_geometry").input_value())
    assert area.geom_type == "Polygon" and area.area > 0
    assert not axe_violations(page)
