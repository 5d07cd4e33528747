"""Farm locations (VAB): derived from the registers through their selector, shown only to cleared
analysts (refusals audited), scored from a visible table of weighted inputs, and a signal opened
from a location."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.gis.geos import Point
from django.core.exceptions import PermissionDenied

from weerbaar.audit.models import AuditEntry, Result
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.context import system_context
from weerbaar.core.testing import login_verified, make_user
from weerbaar.organisations.models import Area
from weerbaar.privacy.testing import ctx_of
from weerbaar.registers import selectors as registers
from weerbaar.registers.models import Onderneming, Persoon, PersoonAdres, Vestiging
from weerbaar.registers.testing import make_address

from .. import risk, services
from ..models import Drugsafvaldumping, ErvencoachBezoek, VabLocatie, VondstSoort
from ..selectors import vab_lijst

pytestmark = pytest.mark.django_db


def _farm(code: str, n: int, *, sbi: str = "0141", ended: dt.date | None = None, residents: bool = False):
    """An establishment of a company with this SBI code at a new address in municipality `code`."""
    area = Area.objects.get(code=code)
    point = area.geometry.point_on_surface
    point = Point(point.x + n * 3000 % 9000, point.y, srid=28992)
    if not area.geometry.contains(point):
        point = area.geometry.point_on_surface
    gemeentecode = code.removeprefix("GM")
    address = make_address(
        postcode=f"7{n:03d}AB",
        huisnummer=n,
        identificatie=f"{gemeentecode}01000000{n:04d}",
        nummeraanduiding_identificatie=f"{gemeentecode}20000000{n:04d}",
        geometrie=point,
        gebruiksdoel="woonfunctie, industriefunctie",
    )
    company = Onderneming.objects.create(
        kvk_nummer=f"{10000000 + n}",
        naam=f"Melkveebedrijf {n}",
        naam_sleutel=f"melkveebedrijf {n}",
        sbi_code=sbi,
        sbi_omschrijving="Fokken en houden van melkvee",
        datum_einde=ended,
        access_level=AccessLevel.INTERN,
    )
    Vestiging.objects.create(
        vestigingsnummer=f"{n:012d}",
        onderneming=company,
        kvk_nummer=company.kvk_nummer,
        straat="Esweg",
        huisnummer=n,
        postcode=address.postcode,
        plaats="Ommen",
        adres_sleutel=address.adres_sleutel,
        postcode_huisnummer=f"{address.postcode}|{n}",
        access_level=AccessLevel.INTERN,
    )
    if residents:
        persoon = Persoon.objects.create(
            bron_id=f"P-{n}", geslachtsnaam="Boer", naam_sleutel="boer", fictief=True
        )
        PersoonAdres.objects.create(
            persoon=persoon,
            adres_sleutel=address.adres_sleutel,
            postcode_huisnummer=f"{address.postcode}|{n}",
            access_level=AccessLevel.AFGESCHERMD,
        )
    return address


def _audit(**filters):
    return AuditEntry.objects.using(AUDIT_DB).filter(**filters)


def test_the_registers_selector_answers_residence_only_to_the_platform_or_a_cleared_context(region):
    """Agricultural establishments (SBI 01*) come with point, SBI and end date for anyone who may
    see KvK data; whether anyone lives there is shielded: the platform gets it (logged as a count
    answer), a partner without clearance gets None and the refusal is logged."""
    _farm("GM0160", 1, ended=dt.date(2022, 5, 1))
    _farm("GM0160", 2, residents=True)
    _farm("GM0160", 3, sbi="6201")  # not agricultural

    rows = {
        r.vestigingsnummer: r for r in registers.agrarische_vestigingen(ctx=system_context(source="test"))
    }
    assert set(rows) == {f"{1:012d}", f"{2:012d}"}
    stopped, active = rows[f"{1:012d}"], rows[f"{2:012d}"]
    assert stopped.datum_einde == dt.date(2022, 5, 1) and active.datum_einde is None
    assert stopped.gemeente_code == "GM0160" and stopped.punt is not None
    assert (stopped.bewoners_aanwezig, active.bewoners_aanwezig) == (False, True)
    assert _audit(object_type="registers.persoon", action="count").exists()

    partner = make_user(Role.PARTNER, "POLITIE-ON", username="agent")
    refused = registers.agrarische_vestigingen(ctx=ctx_of(partner, second_factor=False))
    assert {r.bewoners_aanwezig for r in refused} == {None}
    assert _audit(object_type="registers.persoon", result=Result.REFUSED, actor="agent").exists()


def test_the_refresh_keeps_one_location_per_address_and_removes_what_is_no_longer_agricultural(region):
    """A location is stopped only when every agricultural establishment at its address ended; a
    second refresh changes nothing; a company that is no longer agricultural takes its location away."""
    _farm("GM0160", 1, ended=dt.date(2022, 5, 1))
    _farm("GM0160", 2, residents=True)
    ctx = system_context(source="test")
    assert services.vab_refresh(ctx=ctx) == services.Ververst(2, 0, 0)
    assert services.vab_refresh(ctx=ctx) == services.Ververst(0, 0, 0)
    stopped = VabLocatie.objects.get(adres_sleutel__startswith="7001")
    assert stopped.bedrijf_gestopt and stopped.bewoners_aanwezig is False
    assert stopped.gemeente.cbs_code == "GM0160"
    assert stopped.access_level == AccessLevel.AFGESCHERMD

    Onderneming.objects.filter(kvk_nummer="10000002").update(sbi_code="6201")
    assert services.vab_refresh(ctx=ctx) == services.Ververst(0, 0, 1)
    with pytest.raises(PermissionDenied):  # only the platform refreshes
        services.vab_refresh(ctx=ctx_of(make_user(Role.PROVINCIAAL_ADVISEUR, "PV23"), second_factor=True))


@pytest.mark.parametrize(
    ("role", "org", "second_factor"),
    [
        (Role.PARTNER, "POLITIE-ON", True),  # shielded clearance, but no analyst
        (Role.GEMEENTELIJK_ANALIST, "GM0160", False),  # analyst without a second factor
        (Role.FG, "PV23", True),
    ],
)
def test_the_vab_list_is_refused_to_anyone_not_cleared_and_the_refusal_is_audited(
    client, region, role, org, second_factor
):
    user = make_user(role, org, username=f"u-{role}")
    if second_factor:
        login_verified(client, user)
    else:
        client.force_login(user)
    assert client.get("/buitengebied/vab/").status_code == 403
    assert client.get("/api/v1/buitengebied/vab").status_code == 403
    assert _audit(object_type="buitengebied.vablocatie", result=Result.REFUSED, actor=user.username).exists()
    assert vab_lijst(ctx=ctx_of(user, second_factor=second_factor)) is None


def _scored_location() -> VabLocatie:
    _farm("GM0160", 1, ended=dt.date(2022, 5, 1))
    services.vab_refresh(ctx=system_context(source="test"))
    location = VabLocatie.objects.get()
    kind = VondstSoort.objects.first()
    for dx in (400, 1500):  # one dumping within 1 km, one outside
        Drugsafvaldumping.objects.create(
            gevonden_op=dt.date(2026, 2, 1),
            punt=Point(location.punt.x + dx, location.punt.y, srid=28992),
            gemeente=location.gemeente,
            soort=kind,
            hoeveelheid=Decimal(3),
            eenheid="stuks",
            organisation=location.gemeente,
        )
    ErvencoachBezoek.objects.create(
        locatie=location,
        bezocht_op=dt.date(2026, 1, 5),
        coach_naam="A. Coach",
        benaderd=True,
        gemeente=location.gemeente,
        bewaren_tot=dt.date(2028, 1, 5),
        organisation=location.gemeente,
    )
    return location


def test_the_score_is_the_weighted_sum_of_its_inputs_and_every_input_is_shown(client, region):
    """Stopped (25) + nobody registered (25) + one approach of the cap 2 (10) + one dumping within
    1 km of the cap 2 (10) + no energy data (0) = 70 of 100, highest first; the list page and
    the API show each input and its points, and the read is audited with the locations shown."""
    location = _scored_location()
    user = make_user(Role.GEMEENTELIJK_ANALIST, "GM0160", username="analist")
    rows = vab_lijst(ctx=ctx_of(user, second_factor=True))
    assert rows is not None and len(rows) == 1
    score = rows[0].score
    assert rows[0].invoer == risk.Invoer(True, False, 1, 0, 1, None)
    assert [(b.indicator.code, b.punten) for b in score.bijdragen] == [
        ("gestopt", 25.0),
        ("leegstand", 25.0),
        ("benaderd", 10.0),
        ("dumping", 10.0),
        ("energie", 0.0),
    ]
    assert score.totaal == 70.0 and risk.MAXIMUM == 100

    login_verified(client, user)
    html = client.get("/buitengebied/vab/").content.decode()
    assert "70,0" in html and "(+25,0)" in html and "gewicht 25" in html  # Dutch decimals
    api = client.get("/api/v1/buitengebied/vab").json()
    assert api[0]["score"] == 70.0
    assert {i["indicator"]: i["invoer"] for i in api[0]["invoer"]} == {
        "gestopt": True,
        "leegstand": True,
        "benaderd": 1,
        "dumping": 1,
        "energie": None,
    }
    entry = _audit(object_type="buitengebied.vablocatie", action="list", actor="analist").latest("id")
    assert entry.detail["adressen"] == [location.adres_sleutel]

    other = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="elders")  # another municipality
    assert vab_lijst(ctx=ctx_of(other, second_factor=True)) == []


def test_a_signal_is_opened_from_a_location(client, region):
    location = _scored_location()
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0160", username="analist"))
    response = client.post(f"/buitengebied/vab/{location.pk}/signaal")
    assert response.status_code == 302 and "/signalen/" in response["Location"]
    entry = _audit(object_type="buitengebied.vablocatie", action="update").latest("id")
    assert entry.detail["signaal"]
