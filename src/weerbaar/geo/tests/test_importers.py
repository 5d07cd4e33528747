"""Layer import: every format, every bad input named in the issue, and the atomic switch."""

import hashlib
import json
import zipfile

import pyogrio
import pytest
import shapely

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.context import system_context
from weerbaar.geo.importers import ImportFailed, read_features
from weerbaar.geo.models import Feature, Layer, LayerVersion
from weerbaar.geo.services import layer_define, layer_import

BOWTIE = [[[5.0, 52.0], [5.01, 52.01], [5.01, 52.0], [5.0, 52.01], [5.0, 52.0]]]
SQUARE = [[[6.0, 52.4], [6.01, 52.4], [6.01, 52.41], [6.0, 52.41], [6.0, 52.4]]]


def geojson(path, features, crs=None):
    body = {"type": "FeatureCollection", "features": features}
    if crs:
        body["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(body), encoding="utf-8")
    return path


def feature(name, geometry_type, coordinates):
    return {
        "type": "Feature",
        "properties": {"naam": name},
        "geometry": {"type": geometry_type, "coordinates": coordinates},
    }


def zipped_shapefile(directory, name, naam, crs, **options):
    """A zip with a one-point shapefile (RD 203000, 503000) with one attribute `naam`."""
    import numpy as np
    from pyogrio.raw import write

    write(
        str(directory / f"{name}.shp"),
        geometry=np.array([shapely.to_wkb(shapely.Point(203000, 503000))], dtype=object),
        field_data=[np.array([naam], dtype=object)],
        fields=["naam"],
        geometry_type="Point",
        crs=crs,
        driver="ESRI Shapefile",
        **options,
    )
    archive = directory / f"{name}.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in directory.glob(f"{name}.*"):
            if part.suffix != ".zip":
                z.write(part, part.name)
    return archive


def test_geojson_in_wgs84_is_stored_in_rd(tmp_path):
    path = geojson(tmp_path / "a.geojson", [feature("Vierkant", "Polygon", SQUARE)])
    features, report = read_features(path)
    assert report.crs.startswith("EPSG:4326") and report.imported == 1
    minx, miny, _maxx, _maxy = features[0].geometry.bounds
    assert 190000 < minx < 260000 and 470000 < miny < 520000


def test_invalid_geometry_with_a_small_self_intersection_is_repaired(tmp_path):
    # a square with a tiny spike back over its own edge: make_valid keeps (nearly) the same area
    ring = [
        [6.0, 52.4],
        [6.01, 52.4],
        [6.01, 52.41],
        [6.005, 52.41],
        [6.0051, 52.4099],
        [6.0052, 52.41],
        [6.0, 52.41],
        [6.0, 52.4],
    ]
    ring.insert(4, [6.0052, 52.41001])
    path = geojson(tmp_path / "spike.geojson", [feature("Spike", "Polygon", [ring])])
    features, report = read_features(path)
    assert report.imported == 1
    assert report.repaired and "object 1" in report.repaired[0]
    assert features[0].geometry.is_valid


def test_bowtie_is_rejected_naming_the_feature(tmp_path):
    path = geojson(
        tmp_path / "bowtie.geojson", [feature("Strik", "Polygon", BOWTIE), feature("Goed", "Polygon", SQUARE)]
    )
    features, report = read_features(path, id_field="naam")
    assert [f.fid for f in features] == ["Goed"]
    assert len(report.rejected) == 1 and "Strik" in report.rejected[0] and "niet veilig" in report.rejected[0]


def test_real_nnn_file_is_repaired(settings):
    _features, report = read_features(settings.DATA_DIR / "layers" / "nnn_overijssel_wgs84.geojson")
    assert report.imported == 1 and report.repaired


def test_unknown_crs_is_refused(tmp_path):
    path = tmp_path / "utm.gpkg"
    pyogrio.write_dataframe if False else None
    import numpy as np
    from pyogrio.raw import write

    write(
        str(path),
        geometry=np.array([shapely.to_wkb(shapely.Point(500000, 5800000))], dtype=object),
        field_data=[np.array(["a"], dtype=object)],
        fields=["naam"],
        geometry_type="Point",
        crs="EPSG:32631",
        driver="GPKG",
    )
    with pytest.raises(ImportFailed) as failed:
        read_features(path)
    assert "onbekend coördinatenstelsel" in failed.value.report.errors[0]


def test_shapefile_without_prj_needs_a_crs(tmp_path):
    archive = zipped_shapefile(tmp_path, "punten", "Zwolle", crs=None)
    with pytest.raises(ImportFailed) as failed:
        read_features(archive)
    assert "onbekend coördinatenstelsel" in failed.value.report.errors[0]
    features, report = read_features(archive, crs="EPSG:28992")
    assert report.format == "Shapefile (zip)" and features[0].geometry.x == 203000


def test_zipped_shapefile_in_cp1252(tmp_path):
    archive = zipped_shapefile(tmp_path, "plaatsen", "Café 't Hoekje", crs="EPSG:28992", encoding="cp1252")
    features, report = read_features(archive)
    assert features[0].properties["naam"] == "Café 't Hoekje"
    assert report.crs.startswith("EPSG:28992")


def test_mixed_geometry_types_are_reported(tmp_path):
    path = geojson(
        tmp_path / "mixed.geojson",
        [
            feature("Punt", "Point", [6.0, 52.4]),
            feature("Vlak", "Polygon", SQUARE),
            feature("Vlak2", "Polygon", SQUARE),
        ],
    )
    with pytest.raises(ImportFailed) as failed:
        read_features(path)
    assert "gemengde geometrietypen" in failed.value.report.errors[0]
    features, report = read_features(path, geometry_type="polygon", id_field="naam")
    assert len(features) == 2 and "Punt" in report.rejected[0]


def test_geopackage_with_several_layers_needs_a_choice(tmp_path):
    import numpy as np
    from pyogrio.raw import write

    path = tmp_path / "twee.gpkg"
    for name in ("een", "twee"):
        write(
            str(path),
            geometry=np.array([shapely.to_wkb(shapely.Point(203000, 503000))], dtype=object),
            field_data=[np.array([name], dtype=object)],
            fields=["naam"],
            geometry_type="Point",
            crs="EPSG:28992",
            driver="GPKG",
            layer=name,
            append=name == "twee",
        )
    with pytest.raises(ImportFailed) as failed:
        read_features(path)
    assert "meer lagen" in failed.value.report.errors[0]
    features, _ = read_features(path, layer="twee")
    assert features[0].properties["naam"] == "twee"


def test_csv_with_rd_coordinates_decimal_comma_and_cp1252(tmp_path):
    path = tmp_path / "locaties.csv"
    path.write_bytes("id;naam;x;y\n1;Café;203000,5;503000,25\n2;Kapot;abc;503000\n".encode("cp1252"))
    features, report = read_features(path)
    assert report.crs.startswith("EPSG:28992") and report.encoding == "cp1252" and report.warnings
    assert features[0].properties["naam"] == "Café" and features[0].geometry.x == 203000.5
    assert "rij 3" in report.rejected[0]


def test_csv_with_wgs84_columns(tmp_path):
    path = tmp_path / "wgs.csv"
    path.write_text("naam,lat,lon\nZwolle,52.5125,6.0944\n", encoding="utf-8")
    features, report = read_features(path)
    assert report.crs.startswith("EPSG:4326")
    assert 202000 < features[0].geometry.x < 205000


def test_csv_outside_the_netherlands_is_an_unknown_crs(tmp_path):
    path = tmp_path / "ver.csv"
    path.write_text("naam,x,y\nA,1000000,1000000\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        read_features(path)
    assert "onbekend coördinatenstelsel" in failed.value.report.errors[0]


def test_wrong_declared_encoding_is_reported(tmp_path):
    path = tmp_path / "utf8.csv"
    path.write_bytes("naam;x;y\nCafé;203000;503000\n".encode("utf-16"))
    with pytest.raises(ImportFailed) as failed:
        read_features(path, encoding="utf-8")
    assert "codering" in failed.value.report.errors[0]


def test_reimport_switches_atomically_and_a_failed_import_keeps_serving(db, tmp_path):
    layer = layer_define(
        ctx=system_context(), code="proef", title_nl="Proef", theme="economie", access_level="openbaar"
    )
    first = geojson(tmp_path / "v1.geojson", [feature("Een", "Polygon", SQUARE)])
    layer_import(actor=None, layer=layer, path=first)
    second = geojson(
        tmp_path / "v2.geojson", [feature("Twee", "Polygon", SQUARE), feature("Drie", "Polygon", SQUARE)]
    )
    v2, _ = layer_import(actor=None, layer=layer, path=second)
    layer.refresh_from_db()
    assert layer.current_version == v2 and Feature.objects.filter(version=v2).count() == 2
    broken = tmp_path / "v3.geojson"
    broken.write_text("{ dit is geen json", encoding="utf-8")
    with pytest.raises(ImportFailed):
        layer_import(actor=None, layer=layer, path=broken)
    layer.refresh_from_db()
    assert layer.current_version == v2
    assert LayerVersion.objects.get(layer=layer, number=3).status == "failed"


def test_a_crash_while_writing_leaves_the_previous_version(db, tmp_path, monkeypatch):
    layer = layer_define(
        ctx=system_context(), code="proef2", title_nl="Proef", theme="economie", access_level="openbaar"
    )
    v1, _ = layer_import(
        actor=None, layer=layer, path=geojson(tmp_path / "a.geojson", [feature("Een", "Polygon", SQUARE)])
    )

    def boom(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(Feature.objects, "bulk_create", boom)
    with pytest.raises(RuntimeError):
        layer_import(
            actor=None,
            layer=layer,
            path=geojson(tmp_path / "b.geojson", [feature("Twee", "Polygon", SQUARE)]),
        )
    layer.refresh_from_db()
    assert layer.current_version == v1
    assert Layer.objects.get(code="proef2").current_version.features.count() == 1
    # the broken-off attempt is on record as a failed version without features, and audited as an error
    failed = LayerVersion.objects.get(layer=layer, number=2)
    assert failed.status == "failed" and not failed.features.exists()
    assert failed.report["status"] == "failed" and "schijf vol" in failed.report["errors"][0]
    entry = AuditEntry.objects.using(AUDIT_DB).get(object_type="geo.layerversion", object_id="proef2 v2")
    assert entry.result == "error"


def test_a_repeated_id_in_a_csv_layer_is_refused_naming_both_rows(tmp_path):
    """Never renamed ("8011 ab-3"): the repeat is refused and the report names both rows."""
    path = tmp_path / "locaties.csv"
    path.write_text(
        "id;naam;x;y\n8011 ab;Eerste;203000;503000\n8011 ab;Tweede;203010;503010\n12;Derde;203020;503020\n",
        encoding="utf-8",
    )
    features, report = read_features(path)
    assert [f.fid for f in features] == ["8011 ab", "12"]
    assert report.rejected == ["rij 3 (8011 ab): dubbele id '8011 ab', ook in rij 2"]
    assert report.status == "partial" and report.run.report.refused == 1


def test_a_name_column_that_repeats_is_not_taken_as_id(tmp_path):
    """`naam` is an id only when it is unique; otherwise the features keep their numbers, and the report says so."""
    path = geojson(
        tmp_path / "namen.geojson",
        [feature("Zelfde", "Polygon", SQUARE), feature("Zelfde", "Polygon", SQUARE)],
    )
    features, report = read_features(path)
    assert [f.fid for f in features] == ["0", "1"] and not report.rejected
    assert "kolom naam is niet uniek ('Zelfde' in object 1 en 2)" in report.warnings[0]


def test_a_failed_import_is_a_failed_version_and_an_audited_error(db, tmp_path):
    layer = layer_define(
        ctx=system_context(), code="proef3", title_nl="Proef", theme="economie", access_level="openbaar"
    )
    broken = tmp_path / "kapot.geojson"
    broken.write_text("{ dit is geen json", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        layer_import(actor=None, layer=layer, path=broken)
    assert failed.value.report.status == "failed"
    version = LayerVersion.objects.get(layer=layer, number=1)
    assert version.status == "failed" and version.report["run"]["status"] == "failed"
    assert version.sha256  # the refused file is identified too
    entry = AuditEntry.objects.using(AUDIT_DB).get(object_type="geo.layerversion", object_id="proef3 v1")
    assert entry.result == "error" and entry.detail["bestand"] == "kapot.geojson"


def test_import_layer_command(db, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = geojson(tmp_path / "c.geojson", [feature("Een", "Polygon", SQUARE)])
    call_command("import_layer", "eigen-laag", str(path), "--title", "Eigen laag")
    assert Layer.objects.get(code="eigen-laag").current_version.feature_count == 1
    with pytest.raises(CommandError, match="vorige versie blijft"):
        call_command("import_layer", "eigen-laag", str(tmp_path / "ontbreekt.geojson"))


def test_import_page_uploads_reports_progress_and_refuses_non_admins(client, region, tmp_path, settings):
    """The upload becomes a job (run here as it is queued, through the worker's code); the status
    URL reports it from the job's row; a broken file is reported failed and the layer keeps its version."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from weerbaar.core.access import Role
    from weerbaar.core.testing import login_verified, make_user

    settings.WEERBAAR_JOBS_IMMEDIATE = True
    settings.MEDIA_ROOT = tmp_path
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="geen-beheerder"))
    assert client.get("/kaart/lagen/import").status_code == 403
    login_verified(client, make_user(Role.BEHEERDER, "PV23", username="laagbeheerder"))
    assert client.get("/kaart/lagen/import").status_code == 200
    # no personal-data attributes: a shielded layer is not the administrator's to re-import
    vlak = {
        "type": "Feature",
        "properties": {"omschrijving": "Een"},
        "geometry": {"type": "Polygon", "coordinates": SQUARE},
    }
    body = json.dumps({"type": "FeatureCollection", "features": [vlak]})
    upload = SimpleUploadedFile("vlak.geojson", body.encode(), content_type="application/geo+json")
    response = client.post(
        "/kaart/lagen/import", {"new_code": "upload-proef", "title": "Proef", "file": upload}
    )
    assert response.status_code == 200
    job = response.context["job"]
    state = client.get(f"/kaart/lagen/import/{job}").json()
    assert state["status"] == "done" and state["percent"] == 100 and "geïmporteerd 1" in state["report"]
    assert Layer.objects.get(code="upload-proef").current_version.feature_count == 1
    broken = SimpleUploadedFile("kapot.geojson", b"{ kapot", content_type="application/geo+json")
    job = client.post("/kaart/lagen/import", {"layer": "upload-proef", "file": broken}).context["job"]
    state = client.get(f"/kaart/lagen/import/{job}").json()
    assert state["status"] == "failed" and "FOUT" in state["report"] and "kapot.geojson" in state["report"]
    assert Layer.objects.get(code="upload-proef").current_version.feature_count == 1
    # audited as an error, naming the file as uploaded (not its random stored name) and its SHA-256
    entry = AuditEntry.objects.using(AUDIT_DB).get(
        object_type="geo.layerversion", object_id="upload-proef v2"
    )
    assert entry.result == "error" and entry.detail["bestand"] == "kapot.geojson"
    assert entry.detail["sha256"] == hashlib.sha256(b"{ kapot").hexdigest()
    assert LayerVersion.objects.get(layer__code="upload-proef", number=2).source_file == "kapot.geojson"
    assert not list((tmp_path / "geo-imports").iterdir())  # uploads are removed when their job ends
    assert client.get("/kaart/lagen/import/12345").status_code == 404
