"""Subscriptions under /api/v1/beschikkingen/abonnementen, as the Notificaties API has them: a
partner subscribes by municipalities or a drawn area (GeoJSON in RD New), lists its own and ends
one; the callback's secret is never returned; bad input is 400 naming the field with nothing
stored; another organisation's subscription is 404 and stays."""

from __future__ import annotations

import pytest
from django.test import Client

from weerbaar.core.testing import login_verified

from ..models import Abonnement
from . import factories as f

pytestmark = pytest.mark.django_db(databases="__all__")

URL = "/api/v1/beschikkingen/abonnementen"


def _client(user) -> Client:
    client = Client()
    login_verified(client, user)
    return client


def test_a_partner_subscribes_lists_and_ends_a_subscription(region):
    client = _client(f.riec())
    x, y = f.ZWOLLE
    ring = [
        [x - 500, y - 500],
        [x + 500, y - 500],
        [x + 500, y + 500],
        [x - 500, y + 500],
        [x - 500, y - 500],
    ]
    created = client.post(
        URL,
        {
            "naam": "Zwolle-centrum",
            "bezorgwijze": "callback",
            "gebied": {"type": "Polygon", "coordinates": [ring]},
            "beschikkingSoorten": ["sluiting-13b"],
            "callbackUrl": "https://riec.example/notificaties",
            "callbackAuth": "Bearer geheim",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["gebied"] is True and body["beschikkingSoorten"] == ["sluiting-13b"]
    assert "geheim" not in created.content.decode()  # the callback's secret stays in the platform
    stored = Abonnement.objects.get(pk=body["id"])
    assert stored.callback_auth == "Bearer geheim" and stored.gebied.contains(stored.gebied.centroid)

    assert [a["naam"] for a in client.get(URL).json()] == ["Zwolle-centrum"]
    assert _client(f.politie()).get(URL).json() == []  # only one's own organisation's

    assert client.delete(f"{URL}/{body['id']}").status_code == 204
    assert not Abonnement.objects.filter(pk=body["id"]).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"naam": "x", "bezorgwijze": "callback", "gemeenten": ["GM0193"]}, "callback_url"),
        ({"naam": "x", "bezorgwijze": "email"}, "gemeenten"),
        (
            {"naam": "x", "bezorgwijze": "email", "gemeenten": ["GM0193"], "beschikkingSoorten": ["?"]},
            "beschikking_soorten",
        ),
        (
            {"naam": "x", "bezorgwijze": "in_app", "gebied": {"type": "Point", "coordinates": [1, 2]}},
            "gebied",
        ),
        # GeoJSON that GDAL cannot read at all (schemathesis found it answered 500)
        ({"naam": "x", "bezorgwijze": "in_app", "gebied": {}}, "gebied"),
        ({"naam": "x", "bezorgwijze": "in_app", "gebied": {"type": "Polygon"}}, "gebied"),
    ],
)
def test_bad_input_is_400_naming_the_field_and_stores_nothing(region, body, field):
    response = _client(f.riec()).post(URL, body, content_type="application/json")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert field in response.content.decode()
    assert not Abonnement.objects.exists()


def test_another_organisations_subscription_is_not_found_and_stays(region):
    mine = _client(f.riec()).post(
        URL,
        {"naam": "mail", "bezorgwijze": "email", "gemeenten": ["GM0193"], "email": "riec@example.org"},
        content_type="application/json",
    )
    pk = mine.json()["id"]
    assert _client(f.politie()).delete(f"{URL}/{pk}").status_code == 404
    assert Abonnement.objects.filter(pk=pk).exists()
