"""A German partner reads factsheets and searches contacts in German."""

from django.test import Client

from weerbaar.core.access import Role
from weerbaar.core.testing import persona_client


def test_factsheet_and_directory_in_german(starter):
    client = persona_client(Client, Role.PARTNER)
    client.cookies["weerbaar_language"] = "de"
    html = client.get("/factsheets/brp").content.decode()
    for text in [
        "Basisregister Personen (BRP)",
        "Zugangsstufe der Daten",
        "Gesetz über das Personenregister",
        "geschützt",
    ]:
        assert text in html, text
    html = client.get("/contactpersonen", {"q": "Ferienparks"}).content.decode()
    assert "Expertisezentrum vitale Ferienparks" in html
