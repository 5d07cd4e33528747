"""The portal's own pages show what they promise: the region, the themes, the visitor's access,
and the error pages answer in the page's language."""

import pytest

from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user

pytestmark = pytest.mark.django_db


def test_home_names_the_region_its_municipalities_and_the_five_themes(client, region):
    from weerbaar.themes.starter import vocabularies_load

    vocabularies_load()
    html = client.get("/").content.decode()
    assert "Overijssel met 25 gemeenten." in html
    assert 'href="/themas/buitengebied-en-vakantieparken">Buitengebied en vakantieparken</a>' in html
    assert "Bron: CBS, Kadaster/PDOK" in html
    assert "Uw toegang" not in html  # an anonymous visitor has no access to describe


def test_home_shows_a_cleared_analyst_the_shielded_level(client, region):
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193"))
    html = client.get("/").content.decode()
    assert "Uw toegang" in html and "weerbaar-badge--afgeschermd" in html


def test_home_without_a_region_says_how_to_load_one(client, db):
    assert "weerbaar load_region" in client.get("/").content.decode()


def test_not_found_is_a_page_and_under_the_api_a_problem(client, db):
    page = client.get("/bestaat-niet")
    assert page.status_code == 404 and "<html" in page.content.decode()
    api = client.get("/api/v1/bestaat-niet")
    assert api.status_code == 404 and api["Content-Type"].startswith("application/problem+json")
