"""Suggestions while a subject is typed (issue 16 item 3): GET /api/v1/registers/suggesties reads
through the registers' selectors, answers with the identifier the signal's subject stores, and
refuses (and logs) persons for a context without shielded clearance."""

import pytest
from django.test import Client

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import Role
from weerbaar.core.subjects import subject_kinds
from weerbaar.core.testing import make_user

from .test_lookup_page import _client, rietweg  # noqa: F401  (fixture: a Rietweg in Almelo and Zwolle)
from .test_selectors import registers  # noqa: F401  (fixture: Zwolle addresses, parcels, a company, persons)

URL = "/api/v1/registers/suggesties"


@pytest.fixture
def adviseur(region):
    """Logged in, intern clearance, no shielded data."""
    return _client(make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username="adviseur"))


def test_an_address_by_street_and_place_comes_with_the_key_the_subject_stores(adviseur, rietweg):  # noqa: F811
    answer = adviseur.get(URL, {"soort": "adres", "q": "Rietweg 12 Almelo"})
    assert answer.status_code == 200, answer.content
    assert answer.json() == [
        {
            "soort": "adres",
            "kenmerk": "7601AB 12",
            "label": "Rietweg 12, 7601AB Almelo",
            "naam": "",
            "geboortedatum": None,
        }
    ]
    everything = adviseur.get(URL, {"soort": "adres", "q": "Rietweg Almelo"}).json()
    assert [s["kenmerk"] for s in everything] == ["7601AB 3", "7601AB 12"]
    # the address kind reads the kenmerk back to the register's key
    assert subject_kinds["adres"].normalise("7601AB 12") == "7601AB|12||"


def test_an_address_by_postcode_and_huisnummer_keeps_its_toevoeging(adviseur, registers):  # noqa: F811
    found = adviseur.get(URL, {"soort": "adres", "q": "8011 rj 11-2"}).json()
    assert [s["kenmerk"] for s in found] == ["8011RJ 11-2"]
    assert subject_kinds["adres"].normalise(found[0]["kenmerk"]) == "8011RJ|11||2"


def test_a_company_by_name_and_by_kvk_nummer(adviseur, registers):  # noqa: F811
    by_name = adviseur.get(URL, {"soort": "onderneming", "q": "transport zw"}).json()
    assert [(s["kenmerk"], s["naam"]) for s in by_name] == [("12345678", "Transport Zwolle B.V.")]
    by_number = adviseur.get(URL, {"soort": "onderneming", "q": "1234 5678"}).json()
    assert [s["kenmerk"] for s in by_number] == ["12345678"]


def test_a_company_is_intern_the_public_gets_no_suggestion(client, registers):  # noqa: F811
    assert client.get(URL, {"soort": "onderneming", "q": "transport"}).json() == []


def test_a_parcel_by_the_beginning_of_its_aanduiding_without_reading_owners(adviseur, registers):  # noqa: F811
    before = AuditEntry.objects.using(AUDIT_DB).count()
    found = adviseur.get(URL, {"soort": "perceel", "q": "zwl00k123"}).json()
    assert [s["kenmerk"] for s in found] == ["ZWL00 K 1234", "ZWL00 K 1235"]
    assert found[0]["label"] == "ZWL00 K 1234 (perceel)"
    assert AuditEntry.objects.using(AUDIT_DB).count() == before  # no owners read, nothing to log


def test_persons_are_refused_and_logged_without_clearance_and_found_with_it(adviseur, registers):  # noqa: F811
    refused = adviseur.get(URL, {"soort": "persoon", "q": "Jan van der Berg"})
    assert refused.status_code == 403
    assert refused["Content-Type"].startswith("application/problem+json")
    assert (
        AuditEntry.objects.using(AUDIT_DB)
        .filter(actor="adviseur", object_type="registers.persoon", result="refused")
        .exists()
    )
    assert Client().get(URL, {"soort": "persoon", "q": "Jan van der Berg"}).status_code == 401

    riec = make_user(Role.RIEC_ANALIST, "RIEC-ON", username="riec")
    assert _client(riec).get(URL, {"soort": "persoon", "q": "Berg"}).status_code == 403  # no purpose yet
    found = _client(riec, "informatieplein").get(URL, {"soort": "persoon", "q": "Jan van der Berg"}).json()
    first = found[0]
    assert (first["soort"], first["kenmerk"], first["naam"]) == ("persoon", *["Jan Willem van der Berg"] * 2)
    year, month, day = first["geboortedatum"].split("-")
    assert first["label"] == f"Jan Willem van der Berg ({day}-{month}-{year})"
    entry = (
        AuditEntry.objects.using(AUDIT_DB)
        .filter(actor="riec", object_type="registers.persoon", result="allowed", action="search")
        .latest("id")
    )
    assert entry.processing_activity == "informatieplein" and "P1" in str(entry.detail)


def test_a_short_query_is_no_search(adviseur, registers):  # noqa: F811
    before = AuditEntry.objects.using(AUDIT_DB).count()
    assert adviseur.get(URL, {"soort": "onderneming", "q": "Tr"}).json() == []
    assert adviseur.get(URL, {"soort": "persoon", "q": " J "}).json() == []
    assert AuditEntry.objects.using(AUDIT_DB).count() == before


def test_an_unknown_kind_is_a_400_naming_the_field(adviseur):
    answer = adviseur.get(URL, {"soort": "schip", "q": "Rietweg"})
    assert answer.status_code == 400
    assert answer["Content-Type"].startswith("application/problem+json")
    (param,) = answer.json()["invalidParams"]
    assert param["name"] == "soort" and "adres" in param["reason"]


def test_a_kind_without_a_register_suggests_nothing(adviseur):
    assert adviseur.get(URL, {"soort": "voertuig", "q": "AB-123-C"}).json() == []
