"""Forms in a real browser: a refused form starts with an error summary whose links lead to the
fields, and every help text and error a field points at (aria-describedby) exists."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.conftest import axe_violations, log_in_as
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user

pytestmark = pytest.mark.browser

_MISSING_DESCRIPTIONS = """() => [...document.querySelectorAll('[aria-describedby]')].flatMap(
  el => el.getAttribute('aria-describedby').split(/\\s+/).filter(id => !document.getElementById(id))
)"""


def test_a_refused_signal_form_has_an_error_summary_linking_to_the_fields(context, page, region):
    """Submitting the intake form empty: the summary comes before the fields, names each field
    with its error, its links move focus to that field; no aria-describedby points at nothing; axe
    finds no serious violation."""
    page.goto("/health")
    log_in_as(context, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="b-formulier"))
    page.goto(reverse("signals:create"))
    assert page.evaluate(_MISSING_DESCRIPTIONS) == []
    page.get_by_role("button", name="Signaal registreren").click()
    page.wait_for_load_state()

    summary = page.get_by_role("alert").filter(has_text="Er is een probleem")
    assert summary.is_visible()
    first_field = page.locator("form .utrecht-form-field").first
    assert summary.bounding_box()["y"] < first_field.bounding_box()["y"]
    link = summary.get_by_role("link", name="Korte omschrijving", exact=False)
    assert link.get_attribute("href") == "#id_title"
    link.click()
    assert page.evaluate("document.activeElement.id") == "id_title"
    assert page.get_by_label("Korte omschrijving").get_attribute("aria-invalid") == "true"
    assert page.evaluate(_MISSING_DESCRIPTIONS) == []
    assert not axe_violations(page)
