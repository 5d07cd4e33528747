"""axe-core finds no serious or critical WCAG 2.1 AA violation on any page, in nl, de and en."""

import pytest
from django.urls import reverse

from tests.test_access_matrix import CASES
from weerbaar.core.matrix import ANONYMOUS
from weerbaar.core.testing import PERSONAS

from .conftest import axe_violations, log_in_as, make_user, set_language

#: the persona a page is checked as: the first in this order that may see it
PREFERENCE = [ANONYMOUS, "gemeentelijk_analist", "fg", "beheerder", "partner", "publiek"]
PREFERENCE += sorted(set(PERSONAS) - set(PREFERENCE))

PAGES = [
    case
    for case in CASES
    if case.html
    and not case.api
    and case.method == "get"
    and case.ok == 200
    and not case.url_name.startswith("admin:")
    and case.url_name not in {"portal:health", "javascript_catalog"}
]


def _persona(case) -> str:
    return next(p for p in PREFERENCE if p in case.allowed)


@pytest.mark.parametrize("language", ["nl", "de", "en"])
@pytest.mark.parametrize("case", PAGES, ids=lambda c: c.url_name)
def test_page_has_no_serious_accessibility_violations(case, language, context, page, region):
    persona = _persona(case)
    page.goto("/health")
    if persona != ANONYMOUS:
        role, org = PERSONAS[persona]
        log_in_as(context, make_user(role, org, username=f"axe-{persona}"))
    set_language(context, language)
    response = page.goto(reverse(case.url_name, kwargs=case.kwargs))
    assert response.status == 200
    assert page.get_attribute("html", "lang") == language
    violations = axe_violations(page)
    assert not violations, violations


def test_the_check_itself_catches_a_violation(page, live_server):
    """Guard against a check that cannot fail: an unlabeled form field and a low-contrast text."""
    page.goto("/health")
    page.set_content(
        '<html lang="nl"><body><main><input type="text">'
        '<p style="color:#ccc;background:#fff">te licht</p></main></body></html>'
    )
    ids = {v["id"] for v in axe_violations(page)}
    assert {"label", "color-contrast"} <= ids
