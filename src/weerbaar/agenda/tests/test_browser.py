"""In a real browser, in Dutch and German: the agenda page and the diff page of two versions
show what they must and pass axe-core's WCAG 2.1 AA checks (the conftest writes a screenshot of
each page to var/screenshots)."""

import pytest

from tests.browser.conftest import axe_violations, log_in_as, set_language
from weerbaar.agenda.services import action_remove, action_update, agenda_publish
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.privacy.testing import ctx_of

pytestmark = pytest.mark.browser


@pytest.fixture
def two_versions(agenda, region):
    province = ctx_of(make_user(Role.PROVINCIAAL_ADVISEUR, "PV23"))
    action_update(
        ctx=province,
        key="dashboard-vnonl",
        changes={"status": "gereed", "results_nl": "Leerpunten gedeeld met alle gemeenten."},
    )
    action_remove(ctx=province, key="ervencoaches")
    return agenda_publish(ctx=province, reason="Jaarversie voor het DVO", dvo=True)


def _open(context, page, language: str, url: str):
    page.goto("/health")
    log_in_as(context, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username=f"browser-agenda-{language}"))
    set_language(context, language)
    response = page.goto(url)
    assert response.status == 200
    assert page.get_attribute("html", "lang") == language


@pytest.mark.parametrize(
    ("language", "heading", "theme"),
    [
        ("nl", "Samenwerkingsagenda aanpak ondermijning", "Buitengebied en vakantieparken"),
        ("de", "Kooperationsagenda gegen organisierte Kriminalität", "Ländlicher Raum und Ferienparks"),
    ],
)
def test_the_agenda_page(two_versions, context, page, language, heading, theme):
    _open(context, page, language, "/agenda/")
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert page.get_by_role("heading", level=2, name=f"3. {theme}").is_visible()
    assert page.locator("article.weerbaar-agenda-action").count() == 22
    assert not axe_violations(page)


@pytest.mark.parametrize(
    ("language", "heading", "status_old", "status_new"),
    [
        ("nl", "Verschil tussen versie 1 en 2", "loopt", "gereed"),
        ("de", "Unterschied zwischen Version 1 und 2", "läuft", "fertig"),
    ],
)
def test_the_diff_page(two_versions, context, page, language, heading, status_old, status_new):
    """Removed and changed words are in <del>/<ins> with a spoken label, not colour alone."""
    _open(context, page, language, "/agenda/versies/1/verschil/2")
    assert page.get_by_role("heading", level=1).inner_text() == heading
    deleted = page.locator("del").all_inner_texts()
    inserted = page.locator("ins").all_inner_texts()
    assert any(status_old in t for t in deleted) and any(status_new in t for t in inserted)
    assert any("Leerpunten gedeeld met alle gemeenten." in t for t in inserted)
    assert page.locator("#verwijderd ~ ul del").count() == 1
    assert page.locator("del").first.evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
    assert not axe_violations(page)
