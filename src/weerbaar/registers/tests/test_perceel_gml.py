"""The kadastrale kaart as Kadaster GML: the same checks and all-or-nothing storage as the GeoPackage."""

from weerbaar.registers.models import ImportRun, KadastraalObject, Mutatie
from weerbaar.registers.services import register_import

from .formats import perceel_gml_feature, write_perceel_gml

SECOND = [(203020.0, 503000.0), (203030.0, 503000.0), (203030.0, 503010.0), (203020.0, 503000.0)]


def test_gml_parcels_are_recognised_imported_and_reimported_with_mutations(db, tmp_path, beheerder):
    features = [
        perceel_gml_feature("50000000010000"),
        perceel_gml_feature("50000000020000", nummer="1235", ring=SECOND),
    ]
    path = write_perceel_gml(tmp_path / "kadastralekaart.gml", features)
    run = register_import(actor=beheerder, path=path)
    assert run.importer == "brk-perceel-gml" and run.status == ImportRun.Status.OK, run.fouten
    assert (run.rijen, run.nieuw) == (2, 2)
    perceel = KadastraalObject.objects.get(kadastrale_aanduiding="ZWL00 K 1234")
    assert (perceel.identificatie, perceel.grootte, perceel.geometrie.srid) == ("50000000010000", 100, 28992)
    assert perceel.geometrie.area == 100
    assert not list(tmp_path.glob("*.gfs"))  # GDAL wrote nothing next to the upload

    features[0] = perceel_gml_feature("50000000010000", grootte="120")
    run = register_import(actor=beheerder, path=write_perceel_gml(tmp_path / "nieuwer.gml", features))
    assert (run.nieuw, run.gewijzigd, run.ongewijzigd) == (0, 1, 1)
    assert Mutatie.objects.get(soort="gewijzigd").wijzigingen["grootte"] == [100, 120]


def test_a_bad_feature_is_reported_per_row_and_field_and_nothing_is_stored(db, tmp_path, beheerder):
    bowtie = [
        (203000.0, 503000.0),
        (203010.0, 503010.0),
        (203010.0, 503000.0),
        (203000.0, 503010.0),
        (203000.0, 503000.0),
    ]
    features = [
        perceel_gml_feature("50000000010000"),
        perceel_gml_feature("50000000020000", nummer="12a4", ring=SECOND),
        perceel_gml_feature("50000000030000", nummer="1236", ring=bowtie),
        perceel_gml_feature("50000000040000", nummer="1234", ring=SECOND),
    ]
    run = register_import(actor=beheerder, path=write_perceel_gml(tmp_path / "kaart.gml", features))
    assert run.status == ImportRun.Status.FAILED
    problems = {(e["row"], e["field"]) for e in run.fouten}
    assert {(2, "perceelnummer"), (3, "geometry"), (4, "kadastrale_aanduiding")} <= problems, run.fouten
    assert not KadastraalObject.objects.exists()


def test_gml_in_another_crs_is_refused_for_the_whole_file(db, tmp_path, beheerder):
    feature = perceel_gml_feature("50000000010000", srs="urn:ogc:def:crs:EPSG::4258")
    run = register_import(
        actor=beheerder, path=write_perceel_gml(tmp_path / "kaart.gml", [feature]), importer="brk-perceel-gml"
    )
    assert run.status == ImportRun.Status.FAILED
    assert run.fouten[0]["field"] == "crs" and "EPSG:4258" in run.fouten[0]["message"]
    assert not KadastraalObject.objects.exists()
