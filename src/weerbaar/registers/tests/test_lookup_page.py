"""The look-up page and the street search (issue 16 item 3): addresses by street and place or
postcode, companies by name or KvK-nummer, parcels by aanduiding, persons only with shielded
clearance, each through the registers' selectors (persons logged, refusals too)."""

import pytest
from django.contrib.gis.geos import Point
from django.test import Client
from django.urls import reverse

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.privacy.purpose import SESSION_KEY
from weerbaar.privacy.testing import ctx_of
from weerbaar.registers import selectors
from weerbaar.registers.models import OpenbareRuimte, Woonplaats
from weerbaar.registers.testing import make_address

from .test_selectors import registers  # noqa: F401  (fixture: Zwolle addresses, parcels, a company, persons)


@pytest.fixture
def rietweg(db):
    """A Rietweg in Almelo and one in Zwolle: the place tells them apart."""
    found = {}
    for code, plaats, postcode, n in (("0141", "Almelo", "7601AB", 1), ("0193", "Zwolle", "8011ZZ", 2)):
        woonplaats = Woonplaats.objects.create(
            identificatie=code, naam=plaats, access_level=AccessLevel.OPENBAAR
        )
        street = OpenbareRuimte.objects.create(
            identificatie=f"{code}30000000000{n}",
            naam="Rietweg",
            naam_sleutel="rietweg",
            woonplaats=woonplaats,
            woonplaats_naam=plaats,
            woonplaats_sleutel=plaats.lower(),
            access_level=AccessLevel.OPENBAAR,
        )
        for nr in (3, 12):
            make_address(
                identificatie=f"{code}01000000{n}{nr:03d}",
                nummeraanduiding_identificatie=f"{code}20000000{n}{nr:03d}",
                openbare_ruimte_identificatie=street.identificatie,
                openbare_ruimte_naam="Rietweg",
                woonplaats_naam=plaats,
                postcode=postcode,
                huisnummer=nr,
                geometrie=Point(240000 + nr, 485000, srid=28992),
            )
        found[plaats] = street
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rietweg Almelo", {"Almelo"}),
        ("rietweg 12, almelo", {"Almelo"}),
        ("Rietweg 12 Zwolle", {"Zwolle"}),
        ("Rietweg", {"Almelo", "Zwolle"}),  # no place: the street in every place
        ("Rietw 3 Almelo", {"Almelo"}),  # a beginning of the street name is enough
    ],
)
def test_addresses_by_street_number_and_place(rietweg, text, expected):
    found = selectors.adressen_op_straat(ctx=ctx_of(None), vraag=text)
    assert found and {a.woonplaats_naam for a in found} == expected
    if any(c.isdigit() for c in text):
        assert {a.huisnummer for a in found} == {int("".join(c for c in text if c.isdigit()))}


def test_a_street_in_another_place_finds_nothing(rietweg):
    assert selectors.adressen_op_straat(ctx=ctx_of(None), vraag="Rietweg Deventer") == []


def test_the_map_search_finds_an_address_by_street_and_place(rietweg, client):
    answer = client.get(reverse("geo:search"), {"q": "Rietweg 12 Almelo"}).json()
    results = answer["results"] if isinstance(answer, dict) else answer
    assert [r["label"] for r in results] == ["Rietweg 12, 7601AB Almelo"]
    assert results[0]["geometry"]["type"] == "Point"


def _client(user, purpose=""):
    client = Client()
    login_verified(client, user)
    if purpose:
        session = client.session
        session[SESSION_KEY] = {"activity": purpose, "declared_at": "2026-01-01T00:00:00+00:00"}
        session.save()
    return client


def test_the_page_finds_addresses_companies_and_parcels(registers, rietweg, region):  # noqa: F811
    client = _client(make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username="adviseur"))
    url = reverse("registers:lookup")
    page = client.get(url, {"soort": "adres", "straat": "Rietweg", "plaats": "Almelo"}).content.decode()
    assert "Rietweg 3, 7601AB Almelo" in page and "Zwolle" not in page.split("Resultaten")[1]
    page = client.get(url, {"soort": "onderneming", "naam": "transport zw"}).content.decode()
    assert "Transport Zwolle B.V." in page and "12345678" in page
    page = client.get(url, {"soort": "onderneming", "naam": "1234 5678"}).content.decode()
    assert "Transport Zwolle B.V." in page
    page = client.get(url, {"soort": "perceel", "aanduiding": "zwl00-k-1234"}).content.decode()
    assert "ZWL00 K 1234" in page


def test_a_form_without_what_it_needs_names_the_field(rietweg, region):
    client = _client(make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username="adviseur"))
    page = client.get(reverse("registers:lookup"), {"soort": "adres", "postcode": "7601AB"}).content.decode()
    assert "Vul bij een postcode het huisnummer in." in page and 'href="#id_huisnummer"' in page


def test_persons_only_with_clearance_and_a_refusal_is_logged(registers, region):  # noqa: F811
    url = reverse("registers:lookup_person")
    unverified = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username="zonder-factor")
    client = Client()
    client.force_login(unverified)
    assert client.get(url, {"naam": "Berg"}).status_code == 403
    refused = AuditEntry.objects.using(AUDIT_DB).filter(actor="zonder-factor", result="refused")
    assert refused.filter(object_type="registers.persoon").count() == 1
    riec = make_user(Role.RIEC_ANALIST, "RIEC-ON", username="riec")
    page = _client(riec).get(url, {"naam": "Berg"}).content.decode()
    assert "leg eerst het doel" in page and "1970" not in page  # cleared, no purpose yet: asked for it
    page = _client(riec, "informatieplein").get(url, {"naam": "Jan van der Berg"}).content.decode()
    assert "Geen personen gevonden" not in page, page.split("Resultaten")[-1][:600]
    results = page.split("Gevonden personen")[1][:800]
    assert "Jan Willem van der Berg" in results and "100%" in results
    shown = AuditEntry.objects.using(AUDIT_DB).filter(
        actor="riec", object_type="registers.persoon", result="allowed"
    )
    assert shown.filter(action="search").exists()


def test_the_person_search_is_offered_only_to_who_may_use_it(region):
    """The crawler's dead end: a partner without clearance was shown a tab that answered 403."""
    person_search = reverse("registers:lookup_person")
    partner = make_user(Role.PARTNER, "DE-BORKEN", username="kreis")  # a partner without a grant
    assert person_search not in _client(partner).get(reverse("registers:lookup")).content.decode()
    riec = make_user(Role.RIEC_ANALIST, "RIEC-ON", username="riec")
    assert person_search in _client(riec).get(reverse("registers:lookup")).content.decode()
