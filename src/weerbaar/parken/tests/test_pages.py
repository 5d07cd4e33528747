"""The pages and the API: the public gets outline and name only; partners the figures and the
inputs next to the score; a trajectory step from the profile goes through the transition table."""

import pytest

from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.parken.models import Step
from weerbaar.parken.services import trajectory_start
from weerbaar.privacy.testing import ctx_of

pytestmark = pytest.mark.django_db


def test_public_api_gives_outline_and_name_only(client, park):
    [item] = client.get("/api/v1/parken").json()
    assert item["naam"] == "De Eikenhorst (fictief)" and item["omtrek"]["type"] == "MultiPolygon"
    assert "aandachtsscore" not in item and "eigendomsstructuur" not in item
    detail = client.get(f"/api/v1/parken/{park.pk}").json()
    assert "invoer" not in detail and "typologie" not in detail


def test_partner_api_shows_the_score_with_its_inputs(client, park, analyst):
    login_verified(client, analyst)
    detail = client.get(f"/api/v1/parken/{park.pk}").json()
    inputs = {i["indicator"]: i for i in detail["invoer"]}
    assert inputs["permanente_bewoning"]["waarde"] == 0.3 and inputs["leegstand"].get("waarde") is None
    assert detail["aandachtsscore"] == pytest.approx(sum(i["bijdrage"] for i in detail["invoer"]), abs=0.1)


def test_profile_page_shows_inputs_quadrant_and_a_step_can_be_taken(client, park, adviser):
    trajectory = trajectory_start(ctx=ctx_of(adviser), park=park)
    login_verified(client, adviser)
    page = client.get(f"/parken/{park.pk}").content.decode()
    assert "Aandeel permanente bewoners" in page and "Kwaliteit hoog" in page and "Intake" in page.title()
    assert "<dd>Ommen</dd>" in page and "GM0175" not in page  # the municipality by name, not its code
    client.post(f"/parken/trajecten/{trajectory.pk}/stap", {"stap": Step.ANALYSE})
    trajectory.refresh_from_db()
    assert trajectory.step == Step.ANALYSE
    # skipping from analyse to monitoring is not in the table: refused, step unchanged
    response = client.post(f"/parken/trajecten/{trajectory.pk}/stap", {"stap": Step.MONITORING}, follow=True)
    trajectory.refresh_from_db()
    assert trajectory.step == Step.ANALYSE and "geen toegestane stap" in response.content.decode()


def test_algorithm_page_is_public_and_names_every_indicator(client):
    page = client.get("/parken/algoritme/").content.decode()
    for heading in ("Doel", "Gegevens", "Werking", "Menselijke tussenkomst", "Wettelijke grondslag"):
        assert heading in page
    assert "Onderhoudsstaat" in page


def test_a_user_without_a_partner_role_gets_no_list(client, region):
    login_verified(client, make_user(Role.PUBLIEK))
    assert client.get("/parken/").status_code == 403


@pytest.mark.parametrize(
    ("language", "name"), [("de", "Anteil dauerhafter Bewohner"), ("en", "Share of permanent residents")]
)
def test_indicator_names_in_the_readers_language(client, park, analyst, language, name):
    """The API's inputs and the profile's table name the indicators in the reader's language."""
    from django.utils import translation

    login_verified(client, analyst)
    # the request activates the reader's language in this thread: restored when the block ends
    with translation.override("nl"):
        detail = client.get(f"/api/v1/parken/{park.pk}", HTTP_ACCEPT_LANGUAGE=language).json()
        assert detail["invoer"][0]["naam"] == name
        client.cookies["django_language"] = language
        assert name in client.get(f"/parken/{park.pk}", HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_the_list_names_each_municipality_once_per_page_not_once_per_row(client, park, analyst):
    """Municipality names are looked up once per code per page: ten more parks in Ommen add no
    name look-ups (the list shows 'Ommen', never GM0175)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from weerbaar.parken.services import park_save
    from weerbaar.privacy.context import command_context

    login_verified(client, analyst)
    with CaptureQueriesContext(connection) as one:
        page = client.get("/parken/").content.decode()
    assert "Ommen" in page
    for i in range(10):
        park_save(
            ctx=command_context(command="test"),
            code=f"extra-{i}",
            values={
                "name": f"Extra {i} (fictief)",
                "municipality_code": "GM0175",
                "geometry": park.geometry,
                "fictitious": True,
                "ownership": "uitgepond",
                "access_level": park.access_level,
            },
        )
    with CaptureQueriesContext(connection) as eleven:
        page = client.get("/parken/").content.decode()
    assert page.count('<td class="utrecht-table__cell">Ommen</td>') == 11

    def name_lookups(queries):
        return [q for q in queries.captured_queries if 'FROM "organisations_area"' in q["sql"]]

    assert len(name_lookups(eleven)) == len(name_lookups(one))
