import pytest
from django.test import Client

from weerbaar.core.access import Role
from weerbaar.core.testing import persona_client


def test_anonymous_sees_only_open_factsheets(starter):
    """The public browses open factsheets; closed ones do not exist for them."""
    client = Client()
    page = client.get("/factsheets?q=kadaster").content.decode()
    assert "Basisregistratie Kadaster — kadastrale kaart" in page
    assert "eigenaren en zakelijk gerechtigden" not in page
    assert client.get("/factsheets/brp").status_code == 404


def test_partner_sees_closed_factsheets_as_discoverable(starter):
    """A logged-in partner finds the closed BRP factsheet: that it exists, who holds it, how to ask."""
    client = persona_client(Client, Role.GEMEENTELIJK_ANALIST)
    response = client.get("/factsheets/brp")
    assert response.status_code == 200
    html = response.content.decode()
    assert "afgeschermd" in html and "Wet basisregistratie personen" in html


@pytest.mark.parametrize("url", ["/factsheets", "/factsheets/bag", "/factsheets/bag/versies"])
def test_pages_render(starter, url):
    assert persona_client(Client, Role.PROVINCIAAL_ADVISEUR).get(url).status_code == 200
