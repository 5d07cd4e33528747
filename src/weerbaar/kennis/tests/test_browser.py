"""In a real browser, in Dutch: an editor shares a knowledge item through the form — first sent
incomplete, the error summary links to the field — and lands on the item with the success message;
both pages pass axe-core's WCAG 2.1 AA checks (the conftest writes a screenshot to var/screenshots)."""

import pytest

from tests.browser.conftest import axe_violations, log_in_as, set_language
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.kennis.models import KnowledgeItem
from weerbaar.themes.starter import vocabularies_load

pytestmark = pytest.mark.browser


def test_an_editor_shares_a_knowledge_item_in_dutch(region, context, page):
    vocabularies_load()
    page.goto("/health")
    log_in_as(context, make_user(Role.GEMEENTELIJK_ANALIST, "GM0141", username="browser-kennis"))
    set_language(context, "nl")
    assert page.goto("/kennis/").status == 200
    page.get_by_role("link", name="Kennis delen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kennis delen"
    assert not axe_violations(page)

    page.get_by_label("Soort").select_option("pilot")
    page.get_by_label("Samenvatting (Nederlands)").fill("Wat de BZK-pilot in Almelo opleverde.")
    page.get_by_role("button", name="Delen").click()
    summary = page.locator(".weerbaar-error-summary")
    assert summary.get_by_role("heading", name="Er is een probleem").is_visible()
    summary.get_by_role("link", name="Titel (Nederlands)").click()
    assert page.evaluate("document.activeElement.id") == "id_title_nl"
    assert not axe_violations(page)

    page.get_by_label("Titel (Nederlands)").fill("Pilot weerbaarheid Almelo")
    page.get_by_label("Thema's").select_option(["weerbaarheidsscans"])
    page.get_by_label("Trefwoorden").fill("bzk, pilot")
    page.get_by_role("button", name="Delen").click()
    item = KnowledgeItem.objects.get(title_nl="Pilot weerbaarheid Almelo")
    assert page.url.split("#")[0].endswith(f"/kennis/{item.pk}")
    assert page.get_by_text("Het kennisitem is gedeeld.").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == "Pilot weerbaarheid Almelo"
    assert item.tags == ["bzk", "pilot"]
    assert not axe_violations(page)
