"""Fixtures of the holiday-park tests: the shipped region, one park in Ommen with register rows
on its ground (an address with a resident and a company, a parcel with a person as owner)."""

from __future__ import annotations

import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon

from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.testing import as_verified, make_user
from weerbaar.privacy.context import command_context

#: a spot in the municipality of Ommen (RD New)
X, Y = 229_800.0, 500_300.0


def box(x0: float, y0: float, x1: float, y1: float) -> Polygon:
    shape = Polygon.from_bbox((x0, y0, x1, y1))
    shape.srid = 28992
    return shape


@pytest.fixture
def park(region):
    from weerbaar.parken.services import park_save

    outline = MultiPolygon(box(X - 200, Y - 150, X + 200, Y + 150), srid=28992)
    park, _ = park_save(
        ctx=command_context(command="test"),
        code="de-eikenhorst",
        values={
            "name": "De Eikenhorst (fictief)",
            "municipality_code": "GM0175",
            "geometry": outline,
            "ownership": "uitgepond",
            "units_recreatiewoning": 80,
            "fictitious": True,
            "access_level": AccessLevel.OPENBAAR,
            "permanent_residents_share": 0.3,
            "signals_two_years": 4,
        },
    )
    return park


@pytest.fixture
def ground(park):
    """Register rows on the park's ground: an address with a registered resident and a company,
    a parcel owned by a person."""
    from weerbaar.registers.models import (
        KadastraalObject,
        Onderneming,
        Persoon,
        PersoonAdres,
        Vestiging,
        ZakelijkRecht,
    )
    from weerbaar.registers.testing import make_address

    adres = make_address(
        identificatie="0175010000000001",
        nummeraanduiding_identificatie="0175200000000001",
        openbare_ruimte_naam="Parklaan",
        huisnummer=7,
        postcode="7731AB",
        woonplaats_naam="Ommen",
        gebruiksdoel="logiesfunctie",
        geometrie=Point(X, Y, srid=28992),
    )
    perceel = KadastraalObject.objects.create(
        identificatie="NL.IMKAD.KadastraalObject.17500123400000",
        soort="perceel",
        kadastrale_aanduiding="OMN00 A 1234",
        kadastrale_gemeente_code="OMN00",
        kadastrale_gemeente_naam="Ommen",
        sectie="A",
        perceelnummer=1234,
        grootte=400,
        geometrie=box(X - 10, Y - 10, X + 10, Y + 10),
        access_level=AccessLevel.OPENBAAR,
    )
    persoon = Persoon.objects.create(
        bron_id="P-PARK-1", voornamen="Gerrit", geslachtsnaam="Wolters", naam_sleutel="wolters", fictief=True
    )
    ZakelijkRecht.objects.create(
        kadastraal_object=perceel, soort="eigendom", persoon=persoon, access_level=AccessLevel.AFGESCHERMD
    )
    PersoonAdres.objects.create(
        persoon=persoon,
        postcode="7731AB",
        huisnummer=7,
        woonplaats="Ommen",
        adres_sleutel=adres.adres_sleutel,
        postcode_huisnummer="7731AB|7",
        access_level=AccessLevel.AFGESCHERMD,
    )
    onderneming = Onderneming.objects.create(
        kvk_nummer="87654321",
        naam="Parkbeheer B.V.",
        naam_sleutel="parkbeheer",
        access_level=AccessLevel.INTERN,
    )
    Vestiging.objects.create(
        vestigingsnummer="000087654321",
        onderneming=onderneming,
        kvk_nummer="87654321",
        eerste_handelsnaam="Parkbeheer",
        postcode="7731AB",
        huisnummer=7,
        plaats="Ommen",
        adres_sleutel=adres.adres_sleutel,
        postcode_huisnummer="7731AB|7",
        geometrie=Point(X + 1, Y + 1, srid=28992),
        access_level=AccessLevel.INTERN,
    )
    return {"persoon": persoon}


@pytest.fixture
def adviser(region):
    return as_verified(make_user(Role.PROVINCIAAL_ADVISEUR, "PV23"))


@pytest.fixture
def analyst(region):
    return as_verified(make_user(Role.GEMEENTELIJK_ANALIST, "GM0175"))
