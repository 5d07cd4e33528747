"""The parks on the map: the platform publishes the `vakantieparken` layer from the register; the
public reads outline, code, name and municipality through the OGC API and never a figure of a
park; partners also see the typology; a park import refreshes the layer."""

import datetime as dt
from decimal import Decimal

import pytest

from weerbaar.core.access import AccessLevel
from weerbaar.core.testing import login_verified
from weerbaar.parken.maplayer import LAYER_CODE, park_layer_publish
from weerbaar.parken.services import assessment_record, park_save
from weerbaar.privacy.context import command_context
from weerbaar.privacy.testing import ctx_of

pytestmark = pytest.mark.django_db

ITEMS = f"/ogc/v1/collections/{LAYER_CODE}/items"


@pytest.fixture
def published(park):
    """The fixture park, assessed (quality 4, outlook 3: niet-vitaal), and a second park that is
    stored *intern*, then the layer published by the platform."""
    platform = command_context(command="test")
    assessment_record(
        ctx=platform,
        park=park,
        quality=Decimal(4),
        outlook=Decimal(3),
        assessed_on=dt.date(2026, 6, 1),
        assessor="test",
    )
    park_save(
        ctx=platform,
        code="het-verborgen-bos",
        values={
            **{f: getattr(park, f) for f in ("municipality_code", "geometry", "ownership")},
            "name": "Het Verborgen Bos (fictief)",
            "access_level": AccessLevel.INTERN,
        },
    )
    return park_layer_publish(ctx=platform)


def test_public_items_carry_only_public_fields(client, published, park):
    """An anonymous reader gets the public park with code, name and municipality, nothing else:
    no typology, no figure, and not the park stored intern."""
    assert published is not None and published.features == 1
    body = client.get(ITEMS).json()
    [feature] = body["features"]
    assert feature["id"] == park.code
    # the OGC API repeats the feature id among the properties
    assert feature["properties"] == {
        "id": park.code,
        "code": park.code,
        "naam": park.name,
        "gemeente": "Ommen",
    }
    text = client.get(ITEMS).content.decode()
    assert "Verborgen" not in text
    for figure in ("uitgepond", "niet-vitaal", "niet_vitaal", "permanent", "aandachtsscore"):
        assert figure not in text, figure
    single = client.get(f"{ITEMS}/{park.code}").json()
    assert set(single["properties"]) == {"id", "code", "naam", "gemeente"}


def test_partner_sees_the_typology_on_the_map(client, published, analyst):
    """The typology is an attribute at level intern: a logged-in partner reads it."""
    login_verified(client, analyst)
    [feature] = client.get(ITEMS).json()["features"]
    assert feature["properties"]["typologie"] == "niet-vitaal"


def test_only_the_platform_publishes(park, analyst):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        park_layer_publish(ctx=ctx_of(analyst))


def test_publishing_again_serves_the_renamed_park(client, published, park):
    """A second publication is the layer's next version: the map follows the register."""
    platform = command_context(command="test")
    park_save(ctx=platform, code=park.code, values={"name": "De Nieuwe Eikenhorst (fictief)"})
    again = park_layer_publish(ctx=platform)
    assert again is not None and again.version == published.version + 1
    [feature] = client.get(ITEMS).json()["features"]
    assert feature["properties"]["naam"] == "De Nieuwe Eikenhorst (fictief)"


def test_a_park_import_refreshes_the_map(client, tmp_path, adviser):
    """After an adviser imports a park list, the public map serves the imported park."""
    from weerbaar.parken.services import park_list_import
    from weerbaar.parken.tests.test_import import GOOD, _csv

    report = park_list_import(ctx=ctx_of(adviser), path=_csv(tmp_path, GOOD))
    assert report.created == 1
    names = [f["properties"]["naam"] for f in client.get(ITEMS).json()["features"]]
    assert names == ["Het Hooge Veld"]
