"""The decision form in a real browser, in Dutch and German: refused with an error summary whose
links lead to the fields, then filled in and stored; axe-core finds no serious violation."""

from __future__ import annotations

import pytest

from conftest import SCREENSHOTS
from tests.browser.conftest import axe_violations, log_in_as, set_language

from . import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(databases="__all__")]

SUMMARY = {"nl": "Er is een probleem", "de": "Es gibt ein Problem"}
SAVE = {"nl": "Opslaan", "de": "Speichern"}
CONTACT = {"nl": "Contact voor vragen", "de": "Kontakt für Fragen"}


@pytest.mark.parametrize("language", ["nl", "de"])
def test_the_decision_form_refuses_with_a_summary_and_stores_a_decision(
    context, page, region, language, settings
):
    settings.WEERBAAR_JOBS_IMMEDIATE = True
    page.goto("/health")
    log_in_as(context, f.gemeente_zwolle())
    set_language(context, language)
    page.goto("/beschikkingen/nieuw")
    assert not axe_violations(page), axe_violations(page)

    page.get_by_role("button", name=SAVE[language]).click()
    page.wait_for_load_state()
    summary = page.get_by_role("alert").filter(has_text=SUMMARY[language])
    assert summary.is_visible()
    link = summary.get_by_role("link", name=CONTACT[language], exact=False)
    assert link.get_attribute("href") == "#id_contact"
    link.click()
    assert page.evaluate("document.activeElement.id") == "id_contact"
    assert not axe_violations(page), axe_violations(page)
    page.screenshot(
        path=str(SCREENSHOTS / f"test_the_decision_form_refused-{language}.png"),
        full_page=True,
    )

    page.select_option("#id_soort", index=1)
    page.fill("#id_kenmerk", f"B-{language}-1")
    page.select_option("#id_grondslag", index=1)
    page.select_option("#id_onderwerp_soort", "onderneming")
    page.fill("#id_onderwerp_identificatie", "12345678")
    page.fill("#id_gemeente", "GM0193")
    page.fill("#id_datum", "2026-11-02")
    page.fill("#id_contact", "oov@zwolle.example")
    page.uncheck("#id_delen")
    page.get_by_role("button", name=SAVE[language]).click()
    page.wait_for_url("**/beschikkingen/*")
    assert f"B-{language}-1" in page.locator("h1").inner_text()
    assert not axe_violations(page), axe_violations(page)
