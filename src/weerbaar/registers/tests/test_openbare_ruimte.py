"""Openbare ruimten (BAG object type 30), derived from the addresses an import stores."""

import pytest
import shapely
from django.core.exceptions import PermissionDenied, ValidationError

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.testing import make_user
from weerbaar.registers import identifiers
from weerbaar.registers.models import (
    AdresseerbaarObject,
    ImportRun,
    Mutatie,
    OpenbareRuimte,
    Woonplaats,
)
from weerbaar.registers.services import openbare_ruimten_derive, register_import

from .formats import VBO_FIELDS, vbo_row, write_gpkg

DIEZERSTRAAT = "0193300000000001"
RUYTERLAAN = "0193300000000002"
FIELDS = [*VBO_FIELDS, "openbare_ruimte_identificatie"]


def addresses(path, rows):
    """A BAG verblijfsobject GeoPackage whose addresses carry their openbare ruimte, as PDOK's does."""
    return write_gpkg(
        path, "verblijfsobject", rows, [shapely.Point(r["x"], r["y"]) for r in rows], fields=FIELDS
    )


def street(n, identificatie, naam, woonplaats="Zwolle", **extra):
    return vbo_row(
        n,
        openbare_ruimte_identificatie=identificatie,
        openbare_ruimte_naam=naam,
        woonplaats_naam=woonplaats,
        **extra,
    )


@pytest.fixture
def zwolle(db):
    return Woonplaats.objects.create(identificatie="1234", naam="Zwolle", access_level=AccessLevel.OPENBAAR)


def test_openbare_ruimte_identificatie_needs_object_type_30():
    assert identifiers.is_openbare_ruimte_id(DIEZERSTRAAT)
    assert not identifiers.is_openbare_ruimte_id("0193200000000001")  # a nummeraanduiding
    assert not identifiers.is_openbare_ruimte_id("019330000000001")  # 15 digits
    assert identifiers.name_search_key(" De  Ruyter-laan ") == identifiers.name_search_key("dé ruyterlaan")
    street = OpenbareRuimte(
        identificatie="0193200000000001", naam="Diezerstraat", naam_sleutel="x", woonplaats_naam="Zwolle"
    )
    with pytest.raises(ValidationError) as error:
        street.full_clean()
    assert "identificatie" in error.value.message_dict


def test_an_address_import_derives_the_streets_with_counts_and_woonplaats(tmp_path, beheerder, zwolle):
    rows = [
        street(1, DIEZERSTRAAT, "Diezerstraat"),
        street(2, DIEZERSTRAAT, "Diezerstraat"),
        street(3, RUYTERLAAN, "De Ruyterlaan"),
        street(4, "", "Zonder Straatcode"),  # no identificatie: skipped, the address itself is stored
    ]
    run = register_import(actor=beheerder, path=addresses(tmp_path / "bag.gpkg", rows))
    assert run.status == ImportRun.Status.OK and run.nieuw == 4, run.fouten
    assert run.fouten == []
    found = {o.identificatie: o for o in OpenbareRuimte.objects.all()}
    assert set(found) == {DIEZERSTRAAT, RUYTERLAAN}
    diezer = found[DIEZERSTRAAT]
    assert (diezer.naam, diezer.woonplaats, diezer.woonplaats_naam, diezer.aantal_adressen) == (
        "Diezerstraat",
        zwolle,
        "Zwolle",
        2,
    )
    assert diezer.type == OpenbareRuimte.Type.WEG and diezer.access_level == AccessLevel.OPENBAAR
    assert found[RUYTERLAAN].naam_sleutel == "deruyterlaan"
    assert AdresseerbaarObject.objects.count() == 4
    # the first load is not news about every street
    assert not Mutatie.objects.filter(register="registers.openbareruimte").exists()


def test_a_renamed_street_records_its_history_and_a_new_street_is_news(tmp_path, beheerder, zwolle):
    register_import(
        actor=beheerder,
        path=addresses(
            tmp_path / "eerste.gpkg",
            [street(1, DIEZERSTRAAT, "Diezerstraat"), street(2, RUYTERLAAN, "Ruyterlaan")],
        ),
    )
    renamed = [
        street(1, DIEZERSTRAAT, "Diezerstraat"),
        street(2, RUYTERLAAN, "De Ruyterlaan"),
        street(3, "0193300000000003", "Thorbeckegracht"),
    ]
    run = register_import(actor=beheerder, path=addresses(tmp_path / "tweede.gpkg", renamed))
    assert run.status == ImportRun.Status.OK, run.fouten
    history = Mutatie.objects.filter(register="registers.openbareruimte").order_by("identificatie")
    assert [(m.identificatie, m.soort, m.wijzigingen, m.import_run_id) for m in history] == [
        (RUYTERLAAN, "gewijzigd", {"naam": ["Ruyterlaan", "De Ruyterlaan"]}, run.pk),
        ("0193300000000003", "nieuw", {}, run.pk),
    ]
    assert history[0].access_level == AccessLevel.OPENBAAR
    assert OpenbareRuimte.objects.get(identificatie=RUYTERLAAN).naam_sleutel == "deruyterlaan"
    # derived again without a change: nothing new, nothing renamed, no more history
    assert openbare_ruimten_derive(actor=beheerder) == (0, 0, 3)
    assert history.count() == 2


def test_conflicting_names_are_reported_not_crashed_on(tmp_path, beheerder, zwolle):
    rows = [
        street(1, DIEZERSTRAAT, "Diezerstraat"),
        street(2, DIEZERSTRAAT, "Diezerstraat"),
        street(3, DIEZERSTRAAT, "Diezer Straat"),
        street(4, "0193999999999999", "Geen Straat"),  # not object type 30
    ]
    run = register_import(actor=beheerder, path=addresses(tmp_path / "bag.gpkg", rows))
    assert run.status == ImportRun.Status.OK
    stored = OpenbareRuimte.objects.get()
    assert (stored.identificatie, stored.naam, stored.aantal_adressen) == (DIEZERSTRAAT, "Diezerstraat", 3)
    messages = {e["field"]: e["message"] for e in ImportRun.objects.get(pk=run.pk).fouten}
    assert (
        "'Diezer Straat'" in messages["openbare_ruimte_naam"]
        and DIEZERSTRAAT in messages["openbare_ruimte_naam"]
    )
    assert "0193999999999999" in messages["openbare_ruimte_identificatie"]


def test_derived_on_its_own_the_history_hangs_on_a_run_of_its_own(tmp_path, beheerder, zwolle):
    register_import(
        actor=beheerder, path=addresses(tmp_path / "bag.gpkg", [street(1, RUYTERLAAN, "Ruyterlaan")])
    )
    AdresseerbaarObject.objects.update(openbare_ruimte_naam="De Ruyterlaan")
    assert openbare_ruimten_derive(actor=beheerder) == (0, 1, 0)
    mutatie = Mutatie.objects.get(register="registers.openbareruimte")
    assert mutatie.import_run.importer == "bag-openbare-ruimte" and mutatie.import_run.actor == "beheerder"
    entry = AuditEntry.objects.using(AUDIT_DB).filter(object_type="registers.openbareruimte").latest("id")
    assert entry.actor == "beheerder" and entry.detail["hernoemd"] == 1


def test_only_an_administrator_derives(db, region):
    analist = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="analist2")
    with pytest.raises(PermissionDenied):
        openbare_ruimten_derive(actor=analist)


def test_a_failed_address_import_leaves_the_streets_as_they_were(tmp_path, beheerder, zwolle):
    register_import(
        actor=beheerder, path=addresses(tmp_path / "a.gpkg", [street(1, RUYTERLAAN, "Ruyterlaan")])
    )
    bad = [street(1, RUYTERLAAN, "De Ruyterlaan"), street(2, DIEZERSTRAAT, "Diezerstraat", postcode="0000")]
    run = register_import(actor=beheerder, path=addresses(tmp_path / "b.gpkg", bad))
    assert run.status == ImportRun.Status.FAILED
    assert list(OpenbareRuimte.objects.values_list("identificatie", "naam")) == [(RUYTERLAAN, "Ruyterlaan")]


@pytest.fixture
def streets(tmp_path, beheerder, zwolle):
    Woonplaats.objects.create(identificatie="1235", naam="Kampen", access_level=AccessLevel.OPENBAAR)
    rows = [
        street(1, DIEZERSTRAAT, "Diezerstraat"),
        street(2, RUYTERLAAN, "Ruyterlaan"),
        street(3, "0193300000000003", "Dé Ruyterlaan-Noord"),
        street(4, "0166300000000001", "De Ruyterlaan", woonplaats="Kampen", postcode="8261AA"),
        street(5, "0166300000000001", "De Ruyterlaan", woonplaats="Kampen", postcode="8261AB"),
    ]
    register_import(actor=beheerder, path=addresses(tmp_path / "bag.gpkg", rows))
    rows[1] = street(2, RUYTERLAAN, "De Ruyterlaan")
    register_import(actor=beheerder, path=addresses(tmp_path / "bag2.gpkg", rows))


def test_search_is_tolerant_of_case_diacritics_and_spacing_and_ranks_exact_names_first(client, streets):
    response = client.get("/api/v1/openbare-ruimten", {"naam": "de  ruyterLAAN"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["totaal"] == 3 and (body["pagina"], body["paginaGrootte"]) == (1, 20)
    names = [(r["naam"], r["woonplaats"]) for r in body["resultaten"]]
    assert names[:2] == [("De Ruyterlaan", "Kampen"), ("De Ruyterlaan", "Zwolle")]
    assert names[2] == ("Dé Ruyterlaan-Noord", "Zwolle")
    kampen = body["resultaten"][0]
    assert kampen == {
        "identificatie": "0166300000000001",
        "naam": "De Ruyterlaan",
        "type": "Weg",
        "woonplaats": "Kampen",
        "woonplaatsIdentificatie": "1235",
        "aantalAdressen": 2,
    }
    in_zwolle = client.get("/api/v1/openbare-ruimten", {"naam": "ruyter", "woonplaats": "zwolle"}).json()
    assert {r["identificatie"] for r in in_zwolle["resultaten"]} == {RUYTERLAAN, "0193300000000003"}
    by_code = client.get("/api/v1/openbare-ruimten", {"woonplaats": "1235"}).json()
    assert [r["identificatie"] for r in by_code["resultaten"]] == ["0166300000000001"]


def test_search_is_paged(client, streets):
    first = client.get("/api/v1/openbare-ruimten", {"paginaGrootte": 3}).json()
    second = client.get("/api/v1/openbare-ruimten", {"paginaGrootte": 3, "pagina": 2}).json()
    assert first["totaal"] == second["totaal"] == 4
    assert len(first["resultaten"]) == 3 and len(second["resultaten"]) == 1
    seen = [r["identificatie"] for r in first["resultaten"] + second["resultaten"]]
    assert len(set(seen)) == 4


def test_one_street_with_its_address_count_and_history(client, streets):
    response = client.get(f"/api/v1/openbare-ruimten/{RUYTERLAAN}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["naam"], body["aantalAdressen"], body["woonplaatsIdentificatie"]) == (
        "De Ruyterlaan",
        1,
        "1234",
    )
    assert [(h["soort"], h["wijzigingen"]) for h in body["historie"]] == [
        ("gewijzigd", {"naam": ["Ruyterlaan", "De Ruyterlaan"]})
    ]


def test_unknown_and_malformed_identificaties_are_problems(client, streets):
    missing = client.get("/api/v1/openbare-ruimten/0193300000009999")
    assert missing.status_code == 404 and missing["Content-Type"].startswith("application/problem+json")
    malformed = client.get("/api/v1/openbare-ruimten/0193200000000001")  # a nummeraanduiding
    assert malformed.status_code == 400 and malformed["Content-Type"].startswith("application/problem+json")
    assert malformed.json()["invalidParams"][0]["name"] == "identificatie"
    too_big = client.get("/api/v1/openbare-ruimten", {"paginaGrootte": 500})
    assert too_big.status_code == 400 and too_big.json()["invalidParams"][0]["name"] == "paginaGrootte"


def test_streets_are_open_data_but_an_intern_one_stays_hidden_from_the_public(client, streets):
    OpenbareRuimte.objects.filter(identificatie=DIEZERSTRAAT).update(access_level=AccessLevel.INTERN)
    assert client.get(f"/api/v1/openbare-ruimten/{DIEZERSTRAAT}").status_code == 404
    assert client.get(f"/api/v1/openbare-ruimten/{RUYTERLAAN}").status_code == 200
    listed = client.get("/api/v1/openbare-ruimten").json()
    assert DIEZERSTRAAT not in {r["identificatie"] for r in listed["resultaten"]}


def test_the_openapi_document_describes_the_endpoints(client):
    spec = client.get("/api/v1/openapi.json").json()
    listing = spec["paths"]["/api/v1/openbare-ruimten"]["get"]
    assert listing["description"] and listing["summary"]
    parameters = {p["name"]: p for p in listing["parameters"]}
    assert {"naam", "woonplaats", "pagina", "paginaGrootte"} <= set(parameters)
    assert parameters["naam"]["description"]
    assert "/api/v1/openbare-ruimten/{identificatie}" in spec["paths"]


def test_a_street_without_addresses_keeps_its_name_and_counts_zero(tmp_path, beheerder, zwolle):
    rows = [street(1, DIEZERSTRAAT, "Diezerstraat"), street(2, RUYTERLAAN, "Ruyterlaan")]
    register_import(actor=beheerder, path=addresses(tmp_path / "a.gpkg", rows))
    AdresseerbaarObject.objects.filter(openbare_ruimte_identificatie=RUYTERLAAN).update(
        openbare_ruimte_identificatie=DIEZERSTRAAT, openbare_ruimte_naam="Diezerstraat"
    )
    assert openbare_ruimten_derive(actor=None) == (0, 0, 1)
    counts = dict(OpenbareRuimte.objects.values_list("naam", "aantal_adressen"))
    assert counts == {"Diezerstraat": 2, "Ruyterlaan": 0}
