"""Nevenadressen: imported from an address export with a hoofdadres column, found by look-ups."""

from django.test import Client

from weerbaar.privacy.testing import ctx_of
from weerbaar.registers.models import AdresseerbaarObject, ImportRun, Mutatie, Nevenadres
from weerbaar.registers.selectors import adres_zoeken
from weerbaar.registers.services import register_import, register_import_directory

from .formats import vbo_row, write_text, write_vbo_gpkg

HEADER = (
    "openbareruimte;huisnummer;huisletter;huisnummertoevoeging;postcode;woonplaats;object_id;object_type;"
    "nummeraanduiding;x;y;hoofdadres\n"
)
# a corner shop: hoofdadres Diezerstraat 11, nevenadressen Kerkstraat 1 and Kerkstraat 1a
ROWS = (
    "Diezerstraat;11;;;8011RJ;Zwolle;0193010000000001;VBO;0193200000000001;203000,5;502000,25;J\n"
    "Kerkstraat;1;;;8011 rk;Zwolle;0193010000000001;VBO;0193200000000901;203000,5;502000,25;N\n"
    "Kerkstraat;1;a;;8011RK;Zwolle;0193010000000001;VBO;0193200000000902;203000,5;502000,25;nee\n"
    "Diezerstraat;12;;;8011RJ;Zwolle;0193010000000002;VBO;0193200000000002;203010,5;502000,25;J\n"
)


def _import(tmp_path, text, importer=None):
    return register_import(
        actor=None, path=write_text(tmp_path / "adressen.csv", HEADER + text, "cp1252"), importer=importer
    )


def test_an_export_with_a_hoofdadres_column_gives_objects_and_their_nevenadressen(db, tmp_path):
    hoofd = _import(tmp_path, ROWS)
    assert hoofd.importer == "bag-csv" and hoofd.status == ImportRun.Status.OK, hoofd.fouten
    assert hoofd.rijen == 2 and AdresseerbaarObject.objects.count() == 2
    neven = _import(tmp_path, ROWS, "bag-nevenadres")
    assert neven.status == ImportRun.Status.OK, neven.fouten
    assert neven.rijen == 2
    stored = {n.nummeraanduiding_identificatie: n for n in Nevenadres.objects.all()}
    assert set(stored) == {"0193200000000901", "0193200000000902"}
    corner = stored["0193200000000902"]
    assert corner.adresseerbaar_object_identificatie == "0193010000000001"
    assert (corner.postcode, corner.huisnummer, corner.huisletter) == ("8011RK", 1, "A")
    assert corner.adres_sleutel == "8011RK|1|A|" and corner.access_level == "openbaar"

    # a newer export: a nevenadres renumbered is updated in place, with a mutation
    again = _import(tmp_path, ROWS.replace("Kerkstraat;1;a;", "Kerkstraat;3;;"), "bag-nevenadres")
    assert (again.status, again.gewijzigd, again.ongewijzigd) == (ImportRun.Status.OK, 1, 1)
    change = Mutatie.objects.get(identificatie="0193200000000902", soort="gewijzigd")
    assert change.wijzigingen["huisnummer"] == [1, 3]


def test_bad_nevenadressen_are_reported_by_row_and_field_and_nothing_is_stored(db, tmp_path):
    text = ROWS.replace("0193200000000901", "0193200000000999X").replace(";nee\n", ";misschien\n")
    text += "Kerkstraat;2;;;8011RK;Zwolle;0193010000000001;VBO;0193200000000002;203000,5;502000,25;N\n"
    neven = _import(tmp_path, text, "bag-nevenadres")
    assert neven.status == ImportRun.Status.FAILED
    assert {(e["row"], e["field"]) for e in neven.fouten} == {(3, "nummeraanduiding_identificatie")}
    hoofd = _import(tmp_path, text, "bag-csv")  # the unknown J/N value is the hoofdadres import's to report
    assert hoofd.status == ImportRun.Status.FAILED
    assert (4, "hoofdadres") in {(e["row"], e["field"]) for e in hoofd.fouten}
    assert not Nevenadres.objects.exists() and not AdresseerbaarObject.objects.exists()
    # a nevenadres repeating another nummeraanduiding of the same file, or an address twice
    twice = ROWS + "Kerkstraat;1;;;8011RK;Zwolle;0193010000000002;VBO;0193200000000903;203000,5;502000,25;N\n"
    run = _import(tmp_path, twice, "bag-nevenadres")
    assert run.status == ImportRun.Status.FAILED
    assert {(e["row"], e["field"]) for e in run.fouten} == {(6, "adres")}


def test_a_directory_with_the_geopackage_still_takes_the_nevenadressen_from_the_export(db, tmp_path):
    """The GeoPackage supersedes the export's hoofdadressen, not its nevenadressen."""
    write_vbo_gpkg(tmp_path / "bag.gpkg", [vbo_row(1)])
    write_text(tmp_path / "adressen.csv", HEADER + ROWS, "cp1252")
    runs = register_import_directory(actor=None, directory=tmp_path)
    assert [r.importer for r in runs] == ["bag-verblijfsobject", "bag-nevenadres"]
    assert all(r.status == ImportRun.Status.OK for r in runs), [r.fouten for r in runs]
    assert Nevenadres.objects.count() == 2


def test_a_look_up_of_a_nevenadres_finds_its_object(db, tmp_path):
    _import(tmp_path, ROWS)
    _import(tmp_path, ROWS, "bag-nevenadres")
    anonymous = Client().get("/api/v1/adressen", {"q": "8011 rk 1a"}).json()
    assert anonymous["exact"] is True
    [found] = anonymous["adressen"]
    assert found["identificatie"] == "0193010000000001" and found["openbareRuimteNaam"] == "Diezerstraat"
    assert found["gevondenViaNevenadres"]["nummeraanduidingIdentificatie"] == "0193200000000902"
    assert [n["huisletter"] for n in found["nevenadressen"]] == ["", "A"]
    # by its hoofdadres: the same object, not "found via" a nevenadres, still listing them
    [direct] = Client().get("/api/v1/adressen", {"q": "8011RJ 11"}).json()["adressen"]
    assert direct["gevondenViaNevenadres"] is None and len(direct["nevenadressen"]) == 2
    # a letter that is not there: every object with an address at that postcode and huisnummer
    loose = adres_zoeken(ctx=ctx_of(None), query="8011RK 1 B")
    assert loose.exact is False and [a.identificatie for a in loose.adressen] == ["0193010000000001"]
    assert set(loose.sleutels()) == {"8011RJ|11||", "8011RK|1||", "8011RK|1|A|"}
    assert adres_zoeken(ctx=ctx_of(None), query="8011RK 2").adressen == []


def test_the_viewer_search_names_the_nevenadres_and_its_object(db, tmp_path):
    from weerbaar.geo.selectors import search_all

    _import(tmp_path, ROWS)
    _import(tmp_path, ROWS, "bag-nevenadres")
    [hit] = search_all(ctx=ctx_of(None), query="8011RK 1A")
    assert hit["label"] == "Kerkstraat 1A, 8011RK Zwolle (nevenadres van Diezerstraat 11, 8011RJ Zwolle)"
    assert hit["exact"] is True
    [direct] = search_all(ctx=ctx_of(None), query="8011RJ 11")
    assert direct["label"] == "Diezerstraat 11, 8011RJ Zwolle"
