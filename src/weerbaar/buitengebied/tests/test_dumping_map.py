"""The dumpings on the map: the layer `drugsafval` (the one the factsheet "Registratie
drugsafvaldumpingen" names) offered in the shielded viewer to partners and served by this app as
the list shows the reports: points with what, when, where and status, never costs, the
proces-verbaal number or the landowner. Who is no partner gets no feature."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml
from django.conf import settings

from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user

from ..maplayer import DUMPING_LAYER_CODE
from .test_dumpings import _report
from .test_vab_map import _viewer_config

pytestmark = pytest.mark.django_db
URL = "/buitengebied/dumpingen/kaart"


@pytest.fixture
def dumpings(region, media):
    reporter = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="zwolle")
    return [
        _report(reporter, proces_verbaalnummer="PV-2026-0042", opruimkosten=Decimal("4800")),
        _report(reporter, code="GM0148", gevonden_op="2026-04-15"),
    ]


def test_a_partner_gets_the_dumpings_as_points_without_costs_or_case_numbers(client, dumpings):
    login_verified(client, make_user(Role.PARTNER, "POLITIE-ON", username="agent"))
    response = client.get(URL)
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    assert "no-store" in response["Cache-Control"]
    features = {f["id"]: f for f in response.json()["features"]}
    assert set(features) == {str(d.pk) for d in dumpings}
    first = features[str(dumpings[0].pk)]
    assert first["geometry"]["coordinates"] == [round(dumpings[0].punt.x, 2), round(dumpings[0].punt.y, 2)]
    assert first["properties"]["gemeente"] == "Gemeente Zwolle"
    assert first["properties"]["gevonden_op"] == "1-3-2026"  # the reader's short date format
    assert "PV-2026-0042" not in response.content.decode() and "4800" not in response.content.decode()


def test_who_is_no_partner_gets_no_feature(client, dumpings):
    assert client.get(URL).status_code == 302  # to the login page
    login_verified(client, make_user(None, None, username="burger"))
    response = client.get(URL)
    assert response.status_code == 403 and b"Feature" not in response.content


def test_the_shielded_viewer_lists_the_layer_the_factsheet_names(client, dumpings):
    from weerbaar.geo.tests.conftest import declare

    analyst = make_user(Role.RIEC_ANALIST, "RIEC-ON", username="riec")
    login_verified(client, analyst)
    declare(client)
    html = client.get("/kaart/afgeschermd").content.decode()
    layers = {layer["code"]: layer for layer in _viewer_config(html)["layers"]}
    assert layers[DUMPING_LAYER_CODE]["geojson"] == URL
    assert "Drugsafvaldumpingen" in html and "Dumping drugsafval" in html
    public = client.get("/kaart/").content.decode()
    assert DUMPING_LAYER_CODE not in {layer["code"] for layer in _viewer_config(public)["layers"]}
    starter = settings.BASE_DIR / "src" / "weerbaar" / "catalog" / "starter" / "factsheets.yaml"
    named = {
        d.get("layer")
        for f in yaml.safe_load(starter.read_text(encoding="utf-8"))["factsheets"]
        for d in f.get("distributions", [])
        if f["identifier"] == "drugsafvaldumpingen"
    }
    assert DUMPING_LAYER_CODE in named
