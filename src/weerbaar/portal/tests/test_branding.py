"""The theme reaches every page: its stylesheet and logo are public, cacheable and never touch the
session; the page frame links them, shows the logo with its text in the visitor's language, and
changes with WEERBAAR_THEME."""

import pytest

from weerbaar.core.access import Role
from weerbaar.core.branding.loading import current_theme
from weerbaar.core.testing import login_verified, make_user

pytestmark = pytest.mark.django_db


def test_the_stylesheet_holds_the_tokens_and_may_be_cached(client):
    response = client.get("/thema.css")
    css = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"] == "text/css; charset=utf-8"
    assert ".weerbaar-theme {" in css and "--weerbaar-primary: #154273;" in css
    assert "--utrecht-button-primary-action-background-color: var(--weerbaar-action);" in css
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    assert response["ETag"] == current_theme().etag
    again = client.get("/thema.css", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_the_stylesheet_is_served_without_a_session(client, region):
    """No cookie set, no Vary: Cookie, and no no-store even for a logged-in user: it is the same for all."""
    response = client.get("/thema.css")
    assert not response.cookies and "Cookie" not in response.get("Vary", "")
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193"))
    logged_in = client.get("/thema.css")
    assert "no-store" not in logged_in["Cache-Control"] and "public" in logged_in["Cache-Control"]
    assert not logged_in.cookies


def test_a_page_of_a_logged_in_user_stays_uncached(region):
    """The exception for the theme does not weaken the rule for pages."""
    from django.test import Client

    client = Client()
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193"))
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_the_default_theme_keeps_the_text_brand_and_links_the_stylesheet(client):
    html = client.get("/").content.decode()
    assert f'<link rel="stylesheet" href="/thema.css?v={current_theme().version}">' in html
    assert html.index("weerbaar/weerbaar.css") < html.index("/thema.css")  # tokens after the other sheets
    assert '<html lang="nl" class="utrecht-theme weerbaar-theme">' in html
    assert '<meta name="theme-color" content="#154273">' in html
    assert '<span class="weerbaar-brand__name">Weerbaar</span></a>' in html
    assert "weerbaar-brand__logo" not in html and client.get("/thema/logo").status_code == 404


def test_the_example_theme_shows_its_logo_with_its_text_in_each_language(client, settings):
    settings.WEERBAAR_THEME = "overijssel"
    html = client.get("/").content.decode()
    version = current_theme().logo.version
    assert f'<img class="weerbaar-brand__logo" src="/thema/logo?v={version}" alt="Voorbeeldlogo">' in html
    assert '<span class="weerbaar-brand__organisation">Provincie Overijssel (voorbeeld)</span>' in html
    assert '<meta name="theme-color" content="#0b4f6c">' in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    html = client.get("/").content.decode()
    assert 'alt="Beispiellogo"' in html and "Provinz Overijssel (Beispiel)" in html


def test_the_setting_changes_the_stylesheet_and_the_logo(client, settings):
    before = client.get("/thema.css")
    settings.WEERBAAR_THEME = "overijssel"
    after = client.get("/thema.css")
    assert "--weerbaar-header-background: #0b4f6c;" in after.content.decode()
    assert after["ETag"] != before["ETag"]
    logo = client.get("/thema/logo")
    assert logo.status_code == 200 and logo["Content-Type"] == "image/svg+xml"
    assert logo.content == (settings.DATA_DIR / "themes" / "overijssel" / "logo.svg").read_bytes()
    assert "default-src 'none'" in logo["Content-Security-Policy"]  # opened alone, the SVG runs nothing


def test_the_page_carries_no_inline_style_for_the_theme(client, settings):
    settings.WEERBAAR_THEME = "overijssel"
    response = client.get("/")
    assert "style-src 'self'" in response["Content-Security-Policy"]
    assert "<style" not in response.content.decode() and "#0b4f6c;" not in response.content.decode()
