"""In a real browser under the product's own CSP: the API documentation page draws the operations
of the OpenAPI document from files the platform serves itself (no CDN, no inline script)."""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def context(browser_context):
    """Unlike the suite's context, this one keeps the page's CSP: a blocked script must fail the test."""
    return browser_context()


def test_docs_page_renders_the_operations_of_the_openapi_document(page, client, live_server):
    """Every request goes to the platform itself, nothing is refused by the CSP, and the operations
    of /api/v1/openapi.json appear as Swagger UI blocks with their method and path."""
    schema = client.get("/api/v1/openapi.json").json()
    first_path = next(iter(schema["paths"]))
    operation_count = sum(len(ops) for ops in schema["paths"].values())

    foreign, refused = [], []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else foreign.append(r.url))
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)

    response = page.goto("/api/v1/docs")
    assert response.status == 200
    assert "script-src 'self';" in response.headers["content-security-policy"]
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() == operation_count
    assert page.locator(f'.opblock-summary-path[data-path="{first_path}"]').count() >= 1
    assert page.locator(".info .title").inner_text().startswith("Weerbaar API")
    assert not foreign, foreign
    assert not refused, refused
