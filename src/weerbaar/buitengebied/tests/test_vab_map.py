"""The shielded map layer of farm locations (VAB): offered in the viewer and served by this app
only to who may see farm locations (`policies.may_see_farm_locations`), through the VAB list's
selector, so every read is audited as the list's and the area scope of a municipal analyst holds.
Everyone else gets no feature: 403 (refusal audited) or the login page."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from weerbaar.audit.models import Result
from weerbaar.core.access import Role
from weerbaar.core.context import system_context
from weerbaar.core.testing import login_verified, make_user

from .. import services
from ..maplayer import LAYER_CODE
from ..models import VabLocatie
from .test_vab import _audit, _farm

pytestmark = pytest.mark.django_db
URL = "/buitengebied/vab/kaart"


@pytest.fixture
def locations(region):
    """Two farm locations in Dalfsen (one stopped), one in Hardenberg."""
    _farm("GM0148", 1, ended=dt.date(2022, 5, 1))
    _farm("GM0148", 2, residents=True)
    _farm("GM0160", 3)
    services.vab_refresh(ctx=system_context(source="test"))
    assert VabLocatie.objects.count() == 3
    return VabLocatie.objects.all()


def test_a_cleared_provincial_analyst_gets_every_location_as_geojson_and_the_read_is_audited(
    client, locations
):
    """Points in RD New with address, municipality, activity, stopped and score; one audit entry
    like the list's, naming the map and the addresses shown."""
    user = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username="adviseur")
    login_verified(client, user)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["crs"]["properties"]["name"].endswith("EPSG::28992")
    features = {f["id"]: f for f in body["features"]}
    assert set(features) == {str(loc.pk) for loc in locations}
    stopped = VabLocatie.objects.get(bedrijf_gestopt=True)
    feature = features[str(stopped.pk)]
    assert feature["geometry"]["coordinates"] == [round(stopped.punt.x, 2), round(stopped.punt.y, 2)]
    assert feature["properties"]["bedrijf_gestopt"] is True and feature["properties"]["score"] > 0
    assert feature["properties"]["gemeente"] == stopped.gemeente.name
    assert feature["properties"]["pagina"] == f"/buitengebied/vab/{stopped.pk}"
    entry = _audit(object_type="buitengebied.vablocatie", actor="adviseur", result=Result.ALLOWED).get()
    assert entry.object_id == "vab-kaart"
    assert sorted(entry.detail["adressen"]) == sorted(loc.adres_sleutel for loc in locations)


def test_a_municipal_analyst_sees_only_the_locations_of_their_municipality(client, locations):
    """The area scope of `VabLocatiePolicy` holds on the map as in the list."""
    user = make_user(Role.GEMEENTELIJK_ANALIST, "GM0148", username="analist-dalfsen")
    login_verified(client, user)
    features = client.get(URL).json()["features"]
    assert {f["properties"]["gemeente"] for f in features} == {"Gemeente Dalfsen"}
    assert len(features) == 2


@pytest.mark.parametrize(
    ("role", "org", "second_factor"),
    [
        (Role.PARTNER, "POLITIE-ON", True),  # a partner with shielded clearance, no analyst
        (Role.GEMEENTELIJK_ANALIST, "GM0148", False),  # an analyst without a second factor
    ],
)
def test_who_may_not_see_farm_locations_gets_no_feature_and_the_refusal_is_audited(
    client, locations, role, org, second_factor
):
    user = make_user(role, org, username=f"u-{role}")
    if second_factor:
        login_verified(client, user)
    else:
        client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 403
    assert b"Feature" not in response.content
    assert _audit(object_type="buitengebied.vablocatie", result=Result.REFUSED, actor=user.username).exists()
    assert not _audit(
        object_type="buitengebied.vablocatie", result=Result.ALLOWED, actor=user.username
    ).exists()


def test_the_public_gets_no_feature(client, locations):
    """An anonymous caller is sent to the login page; nothing of the locations is in the answer."""
    response = client.get(URL)
    assert response.status_code == 302
    assert b"Feature" not in response.content


def _viewer_config(html: str) -> dict:
    match = re.search(r'<script[^>]*id="geo-config"[^>]*>(.*?)</script>', html, re.S)
    assert match, "the viewer page carries its configuration"
    return json.loads(match.group(1))


def test_the_shielded_viewer_offers_the_layer_only_to_who_may_see_farm_locations(client, locations):
    """A cleared analyst with a declared purpose finds the layer in the shielded viewer, loaded
    from this app's URL; a partner with shielded clearance and the public viewer do not list it."""
    from weerbaar.geo.tests.conftest import declare

    analyst = make_user(Role.RIEC_ANALIST, "RIEC-ON", username="riec")
    login_verified(client, analyst)
    declare(client)
    html = client.get("/kaart/afgeschermd").content.decode()
    layers = {layer["code"]: layer for layer in _viewer_config(html)["layers"]}
    assert layers[LAYER_CODE]["geojson"] == URL
    assert "Vrijkomende agrarische bebouwing (VAB)" in html

    public = client.get("/kaart/").content.decode()
    assert LAYER_CODE not in {layer["code"] for layer in _viewer_config(public)["layers"]}

    client.logout()
    partner = make_user(Role.PARTNER, "POLITIE-ON", username="agent")
    login_verified(client, partner)
    declare(client)
    html = client.get("/kaart/afgeschermd").content.decode()
    assert LAYER_CODE not in {layer["code"] for layer in _viewer_config(html)["layers"]}
