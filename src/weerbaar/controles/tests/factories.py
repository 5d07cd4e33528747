"""A small area with register rows for the controls' tests: three addresses (one with a resident)
and a company branch inside a 200 × 200 m square in Zwolle, one address outside."""

from __future__ import annotations

import datetime as dt

from django.contrib.gis.geos import Point, Polygon

from weerbaar.core.access import AccessLevel
from weerbaar.organisations.models import Organisation
from weerbaar.registers.models import Functionaris, Onderneming, Persoon, PersoonAdres, Vestiging
from weerbaar.registers.testing import make_address

X, Y = 203000.0, 503000.0
GEBIED = Polygon.from_bbox((X - 100, Y - 100, X + 100, Y + 100))
GEBIED.srid = 28992
BINNEN = ("8011AB|1||", "8011AB|2||", "8011AB|3|A|")
BUITEN = "8011AB|9||"


def registers_in_area() -> None:
    for number, (huisnummer, letter, x, y) in enumerate(
        [(1, "", X + 10, Y), (2, "", X - 10, Y + 10), (3, "A", X, Y - 50), (9, "", X + 500, Y)], start=1
    ):
        make_address(
            identificatie=f"01930100000000{number:02d}",
            nummeraanduiding_identificatie=f"01932000000000{number:02d}",
            openbare_ruimte_naam="Controlestraat",
            postcode="8011AB",
            huisnummer=huisnummer,
            huisletter=letter,
            gebruiksdoel="industriefunctie",
            geometrie=Point(x, y, srid=28992),
        )
    persoon = Persoon.objects.create(
        bron_id="P-CONTROLE-1",
        voornamen="Fictief",
        geslachtsnaam="Bewoner",
        naam_sleutel="bewoner",
        geboortedatum=dt.date(1970, 1, 1),
        fictief=True,
        access_level=AccessLevel.AFGESCHERMD,
    )
    PersoonAdres.objects.create(
        persoon=persoon,
        adres_sleutel=BINNEN[0],
        postcode_huisnummer="8011AB|1",
        postcode="8011AB",
        huisnummer=1,
        access_level=AccessLevel.AFGESCHERMD,
    )
    onderneming = Onderneming.objects.create(
        kvk_nummer="87654321",
        naam="Fictieve Loods B.V.",
        naam_sleutel="fictieve loods",
        access_level="intern",
    )
    Vestiging.objects.create(
        vestigingsnummer="000087654321",
        onderneming=onderneming,
        kvk_nummer=onderneming.kvk_nummer,
        eerste_handelsnaam=onderneming.naam,
        adres_sleutel=BINNEN[1],
        postcode_huisnummer="8011AB|2",
        postcode="8011AB",
        huisnummer=2,
        plaats="Zwolle",
        geometrie=Point(X - 10, Y + 10, srid=28992),
        access_level=AccessLevel.INTERN,
    )
    directeur = Persoon.objects.create(
        bron_id="P-CONTROLE-2",
        geslachtsnaam="Directeur",
        naam_sleutel="directeur",
        fictief=True,
        access_level=AccessLevel.AFGESCHERMD,
    )
    Functionaris.objects.create(
        onderneming=onderneming, persoon=directeur, functie="bestuurder", access_level=AccessLevel.AFGESCHERMD
    )


def organisation(code: str) -> Organisation:
    return Organisation.objects.get(code=code)
