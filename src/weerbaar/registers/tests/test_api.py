"""The look-ups through /api/v1/: same answers as the selectors, shielded parts only when cleared."""

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import Role
from weerbaar.core.testing import persona_client

from .test_selectors import registers  # noqa: F401  (fixture)


def test_address_endpoint_is_open_but_hides_residents_from_the_public(client, registers):  # noqa: F811
    response = client.get("/api/v1/adressen", {"q": "8011 rj 11"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["exact"] and body["adressen"][0]["postcode"] == "8011RJ" and body["bewoners"] is None
    by_parts = client.get(
        "/api/v1/adressen", {"postcode": "8011rj", "huisnummer": 11, "huisnummertoevoeging": "2"}
    )
    assert by_parts.json()["adressen"][0]["toevoeging"] == "2"


def test_parcel_owners_only_for_a_cleared_analyst(registers, client):  # noqa: F811
    public = client.get("/api/v1/kadastrale-objecten/ZWL00 K 1234").json()
    assert public["kadastraleAanduiding"] == "ZWL00 K 1234" and public["zakelijkGerechtigden"] is None
    assert client.get("/api/v1/kadastrale-objecten/ZWL00 K 9999").status_code == 404


def test_person_search_is_empty_without_clearance_and_ranked_with_it(registers, client):  # noqa: F811
    from django.test import Client

    response = client.get("/api/v1/personen", {"naam": "Jan van der Berg"})
    assert response.status_code == 401  # persons are shielded as a whole: the API says so
    fg = persona_client(Client, Role.FG)
    assert fg.get("/api/v1/personen", {"naam": "Jan van der Berg"}).status_code == 403
    analyst = persona_client(Client, Role.GEMEENTELIJK_ANALIST)
    without_purpose = analyst.get("/api/v1/personen", {"naam": "Berg, van der"})
    assert without_purpose.status_code == 403 and "Doelbinding" in without_purpose.json()["detail"]
    foreign_purpose = analyst.get(
        "/api/v1/personen", {"naam": "Berg, van der"}, HTTP_DOELBINDING="bibob-toets"
    )
    assert foreign_purpose.status_code == 403  # a purpose the organisation holds no grant for
    hits = analyst.get(
        "/api/v1/personen", {"naam": "Berg, van der"}, HTTP_DOELBINDING="signaalverrijking"
    ).json()
    assert hits and hits[0]["persoon"]["identificatie"] == "P1" and hits[0]["toelichting"]
    entry = (
        AuditEntry.objects.using(AUDIT_DB)
        .filter(action="search", actor="persona-gemeentelijk_analist")
        .latest("id")
    )
    assert (entry.processing_activity, entry.legal_basis) == ("signaalverrijking", "avg-6-1-e")


def test_invalid_query_is_a_problem_json_400(client, registers):  # noqa: F811
    response = client.get("/api/v1/personen", {"naam": "x"})
    assert response.status_code == 400 and response["Content-Type"].startswith("application/problem+json")
