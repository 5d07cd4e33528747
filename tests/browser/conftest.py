"""Browser-test helpers; the `browser`, `context` and `page` fixtures live in the root conftest."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from weerbaar.core.testing import login_verified, make_user

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def log_in_as(context, user) -> None:
    """Give the browser the session of a second-factor-verified login of `user`."""
    client = Client()
    login_verified(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    url = context.pages[0].url if context.pages and context.pages[0].url.startswith("http") else None
    base = url or context._impl_obj._options.get("baseURL")
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base}])


def set_language(context, language: str) -> None:
    base = context._impl_obj._options.get("baseURL")
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}])


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in impacts
    ]


__all__ = ["axe_violations", "log_in_as", "make_user", "set_language"]
