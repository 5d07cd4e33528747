"""What lies in an area (for the viewer's area selection): only what meets the area, only what the
context may see, sorted, and cut off at the limit with the cut said."""

from django.contrib.gis.geos import Point, Polygon

from weerbaar.core.access import AccessLevel
from weerbaar.privacy.testing import ctx_of
from weerbaar.registers.models import KadastraalObject, Onderneming, Vestiging
from weerbaar.registers.selectors import gebied_inhoud
from weerbaar.registers.testing import make_address

X, Y = 203000.0, 503000.0
#: 100 × 100 m around the spot in Zwolle
GEBIED = Polygon.from_bbox((X - 50, Y - 50, X + 50, Y + 50))
GEBIED.srid = 28992


def _perceel(number, x, y, *, soort="perceel", geometrie=None):
    geometrie = geometrie or Polygon.from_bbox((x - 5, y - 5, x + 5, y + 5))
    geometrie.srid = 28992
    return KadastraalObject.objects.create(
        identificatie=f"NL.IMKAD.KadastraalObject.{number:014d}",
        soort=soort,
        kadastrale_aanduiding=f"ZWL00 K {number}",
        kadastrale_gemeente_code="ZWL00",
        kadastrale_gemeente_naam="Zwolle",
        sectie="K",
        perceelnummer=number,
        geometrie=geometrie,
        access_level=AccessLevel.OPENBAAR,
    )


def _vestiging(number, x, y):
    onderneming = Onderneming.objects.create(
        kvk_nummer=f"{number:08d}", naam=f"Bedrijf {number}", naam_sleutel="bedrijf", access_level="intern"
    )
    return Vestiging.objects.create(
        vestigingsnummer=f"{number:012d}",
        onderneming=onderneming,
        kvk_nummer=onderneming.kvk_nummer,
        eerste_handelsnaam=onderneming.naam,
        adres_sleutel=f"v{number}",
        postcode_huisnummer=f"v{number}",
        geometrie=Point(x, y, srid=28992),
        access_level=AccessLevel.INTERN,
    )


def test_what_lies_in_an_area_by_what_the_context_may_see(region, analist):
    for number, (x, y) in enumerate([(X + 10, Y), (X - 10, Y + 10), (X + 200, Y)], start=1):
        make_address(
            identificatie=f"01930100000000{number:02d}",
            nummeraanduiding_identificatie=f"01932000000000{number:02d}",
            openbare_ruimte_naam="Teststraat",
            postcode="8011AB",
            huisnummer=10 - number,
            geometrie=Point(x, y, srid=28992),
        )
    _perceel(1234, X, Y)
    _perceel(1235, X + 48, Y)  # its edge is inside: it meets the area
    _perceel(1236, X + 60, Y)  # outside by 5 m
    _perceel(1237, X, Y, soort="appartementsrecht")
    # its bounding box overlaps the area's north-east corner, the triangle itself does not
    corner = Polygon(((X + 45, Y + 70), (X + 70, Y + 70), (X + 70, Y + 45), (X + 45, Y + 70)))
    _perceel(1238, X, Y, geometrie=corner)
    _vestiging(12345678, X, Y)
    found = gebied_inhoud(ctx=ctx_of(analist), gebied=GEBIED, limit=10)
    assert [a["huisnummer"] for a in found.adressen] == [8, 9]  # sorted by address, the third is outside
    assert found.adressen[0]["openbare_ruimte_naam"] == "Teststraat" and "geometrie" not in found.adressen[0]
    assert [p["kadastrale_aanduiding"] for p in found.percelen] == ["ZWL00 K 1234", "ZWL00 K 1235"]
    assert [v["kvk_nummer"] for v in found.vestigingen] == ["12345678"]
    assert found.afgekapt is False
    # KvK is intern: an anonymous context gets the open registers only
    anonymous = gebied_inhoud(ctx=ctx_of(None), gebied=GEBIED, limit=10)
    assert len(anonymous.adressen) == 2 and len(anonymous.percelen) == 2 and anonymous.vestigingen == []
    # the limit cuts each list and says so
    cut = gebied_inhoud(ctx=ctx_of(analist), gebied=GEBIED, limit=1)
    assert len(cut.adressen) == 1 and len(cut.percelen) == 1 and cut.afgekapt is True
