"""Look-ups: Dutch address and name rules, and what each kind of user gets back (access matrix)."""

import datetime as dt

import pytest

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.privacy.testing import ctx_of
from weerbaar.registers.lookup import parse_address, parse_name
from weerbaar.registers.selectors import adres_zoeken, onderneming_zoeken, perceel_zoeken, persoon_zoeken
from weerbaar.registers.services import register_import, register_import_directory

from .formats import basisprofiel, koz, natuurlijk, vbo_row, vestigingsprofiel, write_ndjson, write_vbo_gpkg


@pytest.mark.parametrize(
    "text,expected",
    [
        ("7411AB 12", ("7411AB", 12, "", "")),
        ("7411 ab 12", ("7411AB", 12, "", "")),
        ("7411ab12a", ("7411AB", 12, "A", "")),
        ("7411AB 12-2", ("7411AB", 12, "", "2")),
        ("7411AB 12 A 3", ("7411AB", 12, "A", "3")),
        ("7411 AB, 12 bis", ("7411AB", 12, "", "BIS")),
    ],
)
def test_parse_address_is_tolerant_of_spacing_and_case(text, expected):
    q = parse_address(text)
    assert (q.postcode, q.huisnummer, q.huisletter, q.toevoeging) == expected


@pytest.mark.parametrize("text", ["", "Diezerstraat 11", "0411AB 1", "7411SS 1"])
def test_parse_address_refuses_what_is_not_an_address(text):
    assert parse_address(text) is None


@pytest.mark.parametrize(
    "text,given,prefix,surname",
    [
        ("Jan van der Berg", ("Jan",), "van der", "Berg"),
        ("Berg, van der", (), "van der", "Berg"),
        ("Berg, J. van der", ("J",), "van der", "Berg"),
        ("J.W. de Vries", ("J", "W"), "de", "Vries"),
        ("van Dijk", (), "van", "Dijk"),
        ("Müller", (), "", "Müller"),
    ],
)
def test_parse_name_knows_dutch_name_order(text, given, prefix, surname):
    q = parse_name(text)
    assert (q.voornamen, q.voorvoegsel, q.geslachtsnaam) == (given, prefix, surname)


@pytest.fixture
def registers(db, tmp_path, beheerder):
    rows = [
        vbo_row(1),
        vbo_row(2, huisnummer=11, toevoeging="2", nummeraanduiding_identificatie="0193200000000002"),
    ]
    register_import(actor=beheerder, path=write_vbo_gpkg(tmp_path / "bag.gpkg", rows))
    register_import(
        actor=beheerder,
        path=write_ndjson(
            tmp_path / "koz.ndjson",
            [
                koz("ZWL00 K 1234", [natuurlijk("P1", "Jan Willem", "van der", "Berg", "1970-05-01")]),
                koz(
                    "ZWL00 K 1235",
                    [
                        natuurlijk("P2", "Jannie", "", "Bérg", "1980-01-01"),
                        natuurlijk("P3", "Eva", "", "Müller", "1990-01-01"),
                    ],
                ),
            ],
        ),
    )
    register_import(
        actor=beheerder,
        path=write_ndjson(
            tmp_path / "basis.ndjson",
            [
                basisprofiel(
                    "12345678",
                    "Transport Zwolle B.V.",
                    rsin="111222333",
                    officers=(("P1", "Jan Willem", "van der", "Berg"),),
                )
            ],
        ),
    )
    register_import(
        actor=beheerder,
        path=write_ndjson(tmp_path / "vest.ndjson", [vestigingsprofiel("000012345678", "12345678")]),
    )
    return tmp_path


def test_address_lookup_exact_and_without_toevoeging(registers, analist):
    """'8011 rj 11' finds the address; a missing toevoeging lists every unit at that number."""
    exact = adres_zoeken(ctx=ctx_of(analist, purpose="gebiedsanalyse"), query="8011 rj 11")
    assert exact.exact and [a.identificatie for a in exact.adressen] == ["0193010000000001"]
    assert [v.vestigingsnummer for v in exact.vestigingen] == ["000012345678"]
    with_toevoeging = adres_zoeken(ctx=ctx_of(analist, purpose="gebiedsanalyse"), query="8011RJ 11-2")
    assert with_toevoeging.exact and with_toevoeging.adressen[0].toevoeging == "2"
    loose = adres_zoeken(ctx=ctx_of(analist, purpose="gebiedsanalyse"), query="8011RJ 11 A")
    assert not loose.exact and len(loose.adressen) == 2


def test_kadastrale_aanduiding_lookup_is_tolerant_and_shields_owners(
    registers, analist, partner_zonder_afscherming
):
    found = perceel_zoeken(ctx=ctx_of(analist, purpose="gebiedsanalyse"), aanduiding="zwl00-k-1234")
    assert str(found.object) == "ZWL00 K 1234"
    assert [r.persoon.bron_id for r in found.rechten] == ["P1"]
    assert (
        AuditEntry.objects.using(AUDIT_DB)
        .filter(
            object_type="registers.zakelijkrecht", actor="analist", data_subject_id="P1", result="allowed"
        )
        .exists()
    )
    hidden = perceel_zoeken(ctx=ctx_of(partner_zonder_afscherming), aanduiding="ZWL00 K 1234")
    assert hidden.object is not None and hidden.rechten is None
    assert (
        AuditEntry.objects.using(AUDIT_DB)
        .filter(object_type="registers.zakelijkrecht", actor="adviseur", result="refused")
        .exists()
    )


def test_kvk_lookup(registers, analist, partner_zonder_afscherming):
    found = onderneming_zoeken(ctx=ctx_of(analist, purpose="gebiedsanalyse"), kvk_nummer="1234 5678")
    assert found.onderneming.naam == "Transport Zwolle B.V." and len(found.vestigingen) == 1
    assert [f.persoon.bron_id for f in found.functionarissen] == ["P1"]
    intern = onderneming_zoeken(ctx=ctx_of(partner_zonder_afscherming), kvk_nummer="12345678")
    assert intern.onderneming is not None and intern.functionarissen is None
    assert onderneming_zoeken(ctx=ctx_of(None), kvk_nummer="12345678").onderneming is None


@pytest.mark.parametrize(
    "query,expected",
    [
        ("Jan van der Berg", "P1"),
        ("Berg, van der", "P1"),
        ("J.W. van der Berg", "P1"),
        ("J. v.d. Berg", "P1"),
        ("Eva Muller", "P3"),
        ("Eva Müler", "P3"),
        ("Jannie Berg", "P2"),
    ],
)
def test_fuzzy_name_lookup_follows_dutch_rules(registers, analist, query, expected):
    hits = persoon_zoeken(ctx=ctx_of(analist, purpose="gebiedsanalyse"), naam=query)
    assert hits and hits[0].persoon.bron_id == expected, [(h.persoon.bron_id, h.score) for h in hits]
    assert hits[0].score.explanation


def test_name_lookup_with_date_of_birth_narrows(registers, analist):
    hits = persoon_zoeken(
        ctx=ctx_of(analist, purpose="gebiedsanalyse"), naam="Berg", geboortedatum=dt.date(1980, 1, 1)
    )
    assert [h.persoon.bron_id for h in hits] == ["P2"]


@pytest.mark.parametrize(
    "persona", ["anoniem", Role.PUBLIEK, Role.PROVINCIAAL_ADVISEUR, Role.BEHEERDER, Role.FG]
)
def test_access_matrix_persons_are_shielded(registers, persona):
    """Only a shielded role with second factor and legal basis sees persons; refusals are logged."""
    user = None if persona == "anoniem" else make_user(persona, "PV23", username=f"u-{persona}")
    assert persoon_zoeken(ctx=ctx_of(user), naam="Jan van der Berg") == []
    assert adres_zoeken(ctx=ctx_of(user), query="8011RJ 11").bewoners is None
    if persona in ("anoniem", Role.PUBLIEK):
        assert onderneming_zoeken(ctx=ctx_of(user), kvk_nummer="12345678").onderneming is None
    else:
        assert onderneming_zoeken(ctx=ctx_of(user), kvk_nummer="12345678").functionarissen is None
    assert adres_zoeken(ctx=ctx_of(user), query="8011RJ 11").adressen  # BAG is open data
    assert (
        AuditEntry.objects.using(AUDIT_DB).filter(object_type="registers.persoon", result="refused").exists()
    )


def test_cleared_analyst_search_is_logged_with_subjects(registers, analist):
    persoon_zoeken(ctx=ctx_of(analist, purpose="gebiedsanalyse"), naam="Eva Müller")
    entry = (
        AuditEntry.objects.using(AUDIT_DB)
        .filter(action="search", object_type="registers.persoon", actor="analist")
        .latest("id")
    )
    assert entry.detail["resultaten"][0] == "P3" and entry.trace_id


def test_synthetic_directory_imports_through_the_real_path(db, tmp_path, beheerder):
    """The generator's files go through the same importers; a second import changes nothing."""
    from weerbaar.registers.synthetic import generate

    generate(0.0005, 11, tmp_path / "synth")
    runs = register_import_directory(actor=beheerder, directory=tmp_path / "synth")
    assert {r.importer for r in runs} >= {
        "bag-verblijfsobject",
        "bag-pand",
        "brk-perceel",
        "brk-haal-centraal",
        "kvk-basisprofiel",
        "kvk-vestigingsprofiel",
        "personen",
    }
    assert all(r.status == "ok" for r in runs), [(r.importer, r.fouten[:3]) for r in runs]
    again = register_import_directory(actor=beheerder, directory=tmp_path / "synth")
    assert all(r.gewijzigd == 0 and r.nieuw == 0 for r in again), [
        (r.importer, r.nieuw, r.gewijzigd) for r in again
    ]


def test_demo_loader_is_idempotent(db, tmp_path, settings):
    """`make run` loads a small region; a second run adds nothing."""
    import io

    from weerbaar.registers.demo import _load
    from weerbaar.registers.models import AdresseerbaarObject

    settings.VAR_DIR = tmp_path
    _load(io.StringIO())
    count = AdresseerbaarObject.objects.count()
    assert count > 1000
    _load(io.StringIO())
    assert AdresseerbaarObject.objects.count() == count


def test_anonymous_address_lookup_is_open_data_and_not_logged(registers):
    """BAG is open: an anonymous look-up returns the address and writes no audit entry."""
    before = AuditEntry.objects.using(AUDIT_DB).count()
    result = adres_zoeken(ctx=ctx_of(None), query="8011RJ 11")
    assert result.adressen and result.bewoners is None and result.vestigingen == []
    assert AuditEntry.objects.using(AUDIT_DB).count() == before
