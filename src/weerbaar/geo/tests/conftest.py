import io

import pytest
from django.contrib.gis.geos import Point, Polygon

from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.testing import as_verified, login_verified, make_user
from weerbaar.geo import tiles

SMALL = {
    "gemeenten",
    "provincie",
    "luchtruimbeperkingen-2014",
    "brk-percelen",
    "bag-adressen",
    "kvk-vestigingen",
}
#: a spot in Zwolle (RD New)
X, Y = 203000.0, 503000.0
RD_Z9 = 256 * tiles.RD_Z0_CELL / (1 << 9)
#: the RD New z9 tile (x, y) around the spot in Zwolle, and its bounds
RD_TILE = (int((X - tiles.RD_ORIGIN[0]) // RD_Z9), int((tiles.RD_ORIGIN[1] - Y) // RD_Z9))
RD_BOUNDS = tiles.TILE_MATRIX_SETS["NetherlandsRDNewQuad"].bounds(9, *RD_TILE)


@pytest.fixture
def public_layers(region):
    """The shipped registry with the small public layers loaded (municipalities, province, airspace)."""
    from weerbaar.geo.demo import load_public_layers
    from weerbaar.geo.models import Layer

    load_public_layers(io.StringIO(), only=SMALL)
    return {layer.code: layer for layer in Layer.objects.all()}


def square(x, y, size):
    return ((x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y))


@pytest.fixture
def parcels(public_layers):
    """Parcels in Zwolle: plain, with holes, across the RD tile's west edge (one with a hole), a
    sliver and a small triangle whose bounding boxes pass the R*Tree pre-filter but whose areas are
    below the minimum."""

    west = RD_BOUNDS[0]
    shapes = {
        "plain": Polygon(square(X, Y, 20)),
        "hole": Polygon(square(X + 100, Y, 60), square(X + 120, Y + 20, 20)),
        "two holes": Polygon(
            square(X - 400, Y, 90), square(X - 390, Y + 10, 20), square(X - 350, Y + 50, 20)
        ),
        "edge": Polygon(
            ((west - 40, Y), (west + 70, Y + 5), (west + 60, Y + 80), (west - 30, Y + 70), (west - 40, Y))
        ),
        "edge hole": Polygon(square(west - 50, Y + 200, 120), square(west + 10, Y + 220, 30)),
        "sliver": Polygon(((X, Y + 300), (X + 100, Y + 400), (X + 100.1, Y + 400), (X, Y + 300))),
        # 7.5 m² (bounding box 15 m²): below the minimum of 11.3 m² at RD z9 but drawable
        "small": Polygon(((X, Y + 500), (X + 6, Y + 500), (X, Y + 502.5), (X, Y + 500))),
    }
    for number, (name, polygon) in enumerate(shapes.items()):
        add_parcel(name, polygon, number)
    return public_layers["brk-percelen"]


def add_parcel(name, polygon, number):
    """A public parcel with `name` as its kadastrale aanduiding (the tiles' feature id)."""
    from weerbaar.registers.models import KadastraalObject

    polygon.srid = 28992
    return KadastraalObject.objects.create(
        identificatie=f"NL.IMKAD.KadastraalObject.1930012350{number:04d}",
        soort="perceel",
        kadastrale_aanduiding=name,
        kadastrale_gemeente_code="ZWL00",
        kadastrale_gemeente_naam="Zwolle",
        sectie="K",
        perceelnummer=number + 1,
        grootte=int(polygon.area),
        geometrie=polygon,
        access_level=AccessLevel.OPENBAAR,
    )


@pytest.fixture
def registers_data(region):
    """One address, one parcel with a (fictitious) owner and one company branch in Zwolle."""
    from weerbaar.registers.models import (
        KadastraalObject,
        Onderneming,
        Persoon,
        Vestiging,
        ZakelijkRecht,
    )
    from weerbaar.registers.testing import make_address

    adres = make_address(
        identificatie="0193010000000001",
        nummeraanduiding_identificatie="0193200000000001",
        openbare_ruimte_naam="Teststraat",
        huisnummer=12,
        postcode="8011AB",
        gebruiksdoel="woonfunctie",
        geometrie=Point(X, Y, srid=28992),
    )
    perceel = KadastraalObject.objects.create(
        identificatie="NL.IMKAD.KadastraalObject.19300123400000",
        soort="perceel",
        kadastrale_aanduiding="ZWL00 K 1234",
        kadastrale_gemeente_code="ZWL00",
        kadastrale_gemeente_naam="Zwolle",
        sectie="K",
        perceelnummer=1234,
        grootte=400,
        geometrie=Polygon.from_bbox((X - 10, Y - 10, X + 10, Y + 10)),
        access_level=AccessLevel.OPENBAAR,
    )
    perceel.geometrie.srid = 28992
    perceel.save()
    persoon = Persoon.objects.create(
        bron_id="P-1",
        voornamen="Jan",
        voorvoegsel="van der",
        geslachtsnaam="Berg",
        naam_sleutel="berg",
        fictief=True,
    )
    ZakelijkRecht.objects.create(
        kadastraal_object=perceel, soort="eigendom", persoon=persoon, access_level=AccessLevel.AFGESCHERMD
    )
    onderneming = Onderneming.objects.create(
        kvk_nummer="12345678",
        naam="Testbedrijf B.V.",
        naam_sleutel="testbedrijf",
        access_level=AccessLevel.INTERN,
    )
    Vestiging.objects.create(
        vestigingsnummer="000012345678",
        onderneming=onderneming,
        kvk_nummer="12345678",
        eerste_handelsnaam="Testbedrijf",
        postcode="8011AB",
        huisnummer=12,
        plaats="Zwolle",
        adres_sleutel=adres.adres_sleutel,
        postcode_huisnummer="8011AB|12",
        geometrie=Point(X + 1, Y + 1, srid=28992),
        access_level=AccessLevel.INTERN,
    )
    return {"adres": adres, "perceel": perceel}


@pytest.fixture
def analist(region):
    return make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="geo-analist")


@pytest.fixture
def analist_client(client, analist):
    login_verified(client, analist)
    return client


def declare(client, activity=None):
    """Declare a purpose in the client's session, as the privacy page does."""
    from weerbaar.core.clearance import clearance_for
    from weerbaar.privacy.purpose import SESSION_KEY

    user = client.session.get("_auth_user_id")
    from weerbaar.accounts.models import User

    u = as_verified(User.objects.get(pk=user))
    code = activity or sorted(clearance_for(u).activities)[0]
    response = client.post("/privacy/doel", {"activity": code, "next": "/kaart/afgeschermd"})
    assert response.status_code == 302, response.content
    assert client.session[SESSION_KEY]["activity"] == code
    return code
