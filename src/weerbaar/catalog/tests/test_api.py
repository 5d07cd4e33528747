"""/api/v1/factsheets and /api/v1/contactpersonen follow the policy and the NL API rules."""

import pytest
from django.test import Client

from weerbaar.core.access import Role
from weerbaar.core.testing import persona_client


def test_public_api_lists_only_open_factsheets_with_facets(starter):
    body = Client().get("/api/v1/factsheets?q=kadaster&paginaGrootte=50").json()
    assert body["totaal"] >= 1
    assert {r["toegangsniveau"] for r in body["resultaten"]} == {"openbaar"}
    assert set(body["facetten"]["toegangsniveau"]) == {"openbaar"}


def test_partner_api_filters_by_facets(starter):
    client = persona_client(Client, Role.GEMEENTELIJK_ANALIST)
    body = client.get(
        "/api/v1/factsheets?toegangsniveau=afgeschermd&persoonsgegevens=ja&paginaGrootte=100"
    ).json()
    assert body["totaal"] > 0
    assert all(r["toegangsniveau"] == "afgeschermd" and r["persoonsgegevens"] for r in body["resultaten"])


def test_closed_factsheet_is_404_for_the_public_and_visible_to_partners(starter):
    assert Client().get("/api/v1/factsheets/brp").status_code == 404
    body = persona_client(Client, Role.PARTNER).get("/api/v1/factsheets/brp").json()
    assert body["grondslagen"] == ["wet-brp"] and body["toegangsniveau"] == "afgeschermd"


def test_invalid_parameters_are_a_400_problem(starter):
    response = Client().get("/api/v1/factsheets?pagina=0&sortering=willekeurig")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert {p["name"] for p in response.json()["invalidParams"]} >= {"pagina", "sortering"}


@pytest.mark.parametrize(
    ("persona", "status"), [("anoniem", 401), (Role.PUBLIEK, 403), (Role.RIEC_ANALIST, 200)]
)
def test_contacts_api_is_for_partners_only(starter, persona, status):
    assert (
        persona_client(Client, persona).get("/api/v1/contactpersonen?q=vakantieparken").status_code == status
    )


def test_contacts_api_answers_who_to_call_about_holiday_parks_in_twente(starter):
    body = (
        persona_client(Client, Role.GEMEENTELIJK_ANALIST)
        .get("/api/v1/contactpersonen?q=vakantieparken Twente")
        .json()
    )
    keys = [c["sleutel"] for c in body[:3]]
    assert "pv-adviseur-ondermijning-twente" in keys
    assert all(c["fictief"] for c in body)
