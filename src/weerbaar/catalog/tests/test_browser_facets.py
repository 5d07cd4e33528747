"""In a real browser: a facet filter on the factsheets applies at once and keeps the focus."""

import pytest

from weerbaar.catalog.testing import starter  # noqa: F401  (the starter catalog)

pytestmark = pytest.mark.browser


def test_a_checked_facet_applies_at_once_and_focus_returns_to_it(context, starter):  # noqa: F811
    page = context.new_page()
    page.goto("/factsheets")
    assert page.get_by_text("Filters en sortering worden direct toegepast.").is_visible()
    total = page.get_by_role("status").first.inner_text()
    box = page.locator("fieldset.weerbaar-facet input[type=checkbox]").first
    box_id = box.get_attribute("id")
    with page.expect_navigation():
        box.check()  # no button pressed
    assert box.get_attribute("name") + "=" in page.url
    assert page.evaluate("document.activeElement.id") == box_id
    assert page.locator(f"#{box_id}").is_checked()
    assert page.get_by_role("status").first.inner_text() != total
    page.close()
