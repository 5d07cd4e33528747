import pytest

from weerbaar.core.access import Role
from weerbaar.core.testing import PERSONAS, as_verified, make_user
from weerbaar.organisations.models import Organisation


@pytest.fixture
def users(region):
    """One verified user per role, in the persona's organisation of the shipped region."""
    result = {}
    for persona, (role, org) in PERSONAS.items():
        if role is None:
            continue
        result[role] = as_verified(make_user(role, org, username=f"sig-{role}"))
    return result


@pytest.fixture
def gemeente(users):
    return users[Role.GEMEENTELIJK_ANALIST]


@pytest.fixture
def riec(users):
    return users[Role.RIEC_ANALIST]


@pytest.fixture
def politie(users):
    return users[Role.PARTNER]


@pytest.fixture
def provincie(users):
    return users[Role.PROVINCIAAL_ADVISEUR]


@pytest.fixture
def other_gemeente(region):
    """An analyst of another municipality (Enschede): not involved in Zwolle's signals."""
    return as_verified(make_user(Role.GEMEENTELIJK_ANALIST, "GM0153", username="sig-enschede"))


def org(code):
    return Organisation.objects.get(code=code)


@pytest.fixture
def registers_data(region):
    """A tiny piece of the registers around one address in Zwolle: BAG, KvK, BRK, persons."""
    import datetime as dt

    from django.contrib.gis.geos import Point, Polygon

    from weerbaar.registers import models as r
    from weerbaar.registers.testing import make_address

    point = Point(203000, 502500, srid=28992)
    adres = make_address(
        identificatie="0193010000000012",
        nummeraanduiding_identificatie="0193200000000012",
        openbare_ruimte_naam="Loodsweg",
        huisnummer=12,
        postcode="8011AB",
        gebruiksdoel="industriefunctie",
        oppervlakte=850,
        bouwjaar=1978,
        geometrie=point,
    )
    key = adres.adres_sleutel
    company = r.Onderneming.objects.create(
        kvk_nummer="12345678",
        naam="Kweek Handel B.V.",
        naam_sleutel="kweekhandelbv",
        rechtsvorm="BV",
        registratiedatum=dt.date(2021, 3, 1),
        access_level="intern",
    )
    r.Vestiging.objects.create(
        vestigingsnummer="000012345678",
        onderneming=company,
        kvk_nummer="12345678",
        eerste_handelsnaam="Kweek Handel",
        straat="Loodsweg",
        huisnummer=12,
        postcode="8011AB",
        plaats="Zwolle",
        adres_sleutel=key,
        postcode_huisnummer="8011AB|12",
        access_level="intern",
    )
    person = r.Persoon.objects.create(
        bron_id="P-1",
        voornamen="Jan",
        voorvoegsel="de",
        geslachtsnaam="Vries",
        geboortedatum=dt.date(1980, 1, 1),
        naam_sleutel="vries",
        fictief=True,
    )
    r.PersoonAdres.objects.create(
        persoon=person,
        straat="Loodsweg",
        huisnummer=12,
        postcode="8011AB",
        woonplaats="Zwolle",
        adres_sleutel=key,
        postcode_huisnummer="8011AB|12",
        access_level="afgeschermd",
    )
    r.Functionaris.objects.create(
        onderneming=company, persoon=person, functie="bestuurder", access_level="afgeschermd"
    )
    parcel = r.KadastraalObject.objects.create(
        identificatie="ZWL00K1234",
        soort="perceel",
        kadastrale_aanduiding="ZWL00 K 1234",
        kadastrale_gemeente_code="ZWL00",
        sectie="K",
        perceelnummer=1234,
        grootte=2400,
        geometrie=Polygon.from_bbox((202950, 502450, 203050, 502550)),
        plaatscoordinaat=point,
        access_level="openbaar",
    )
    r.ZakelijkRecht.objects.create(
        kadastraal_object=parcel, soort="eigendom", persoon=person, access_level="afgeschermd"
    )
    return {"adres": adres, "onderneming": company, "persoon": person, "perceel": parcel}
