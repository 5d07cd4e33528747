"""BIO / NL API security headers on every response; nothing personal in any cache."""

import pytest

from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user

pytestmark = pytest.mark.django_db


def test_public_page_has_csp_without_inline_script_and_no_framing(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_for_a_logged_in_user_are_not_cached(client, region):
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193"))
    assert client.get("/")["Cache-Control"] == "no-store"
    assert client.get("/api/v1/ik")["Cache-Control"] == "no-store"


def test_hsts_and_secure_cookies_behind_tls(settings, client):
    """With WEERBAAR_TLS the reverse proxy's https is trusted and HSTS is sent."""
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_trace_id_is_taken_from_traceparent(client):
    trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    response = client.get("/health", HTTP_TRACEPARENT=f"00-{trace}-00f067aa0ba902b7-01")
    assert response["traceparent"].startswith(f"00-{trace}-")
