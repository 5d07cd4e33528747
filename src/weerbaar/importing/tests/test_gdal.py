"""What GDAL reads through pyogrio: zipped Shapefile with .cpg/.prj, GeoJSON, GeoPackage, GML."""

import json
import zipfile

import numpy as np
import pytest
import shapely
from pyogrio.raw import write

from weerbaar.importing import FileError
from weerbaar.importing.readers import gdal


def _points(path, names, *, crs="EPSG:28992", driver="GPKG", **options):
    write(
        str(path),
        geometry=np.array(
            [shapely.to_wkb(shapely.Point(203000 + i, 503000)) for i in range(len(names))], dtype=object
        ),
        field_data=[np.array(names, dtype=object)],
        fields=["naam"],
        geometry_type="Point",
        crs=crs,
        driver=driver,
        **options,
    )
    return path


def test_a_zipped_shapefile_reads_its_encoding_from_the_cpg_and_its_crs_from_the_prj(tmp_path):
    _points(tmp_path / "plaatsen.shp", ["Café 't Hoekje"], driver="ESRI Shapefile", encoding="cp1252")
    assert (tmp_path / "plaatsen.cpg").exists() and (tmp_path / "plaatsen.prj").exists()
    archive = tmp_path / "plaatsen.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in tmp_path.glob("plaatsen.*"):
            if part.suffix != ".zip":
                z.write(part, f"map/{part.name}")
    source = gdal.vector_source(archive)
    assert source.format == "Shapefile (zip)" and source.path.endswith("map/plaatsen.shp")
    data = gdal.read_layer(source)
    assert data.meta["crs"] == "EPSG:28992" and data.columns[0][0] == "Café 't Hoekje"


def test_a_zip_without_or_with_several_shapefiles(tmp_path):
    empty = tmp_path / "leeg.zip"
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("lees mij.txt", "niets")
    with pytest.raises(FileError, match=r"geen \.shp"):
        gdal.vector_source(empty)
    (tmp_path / "kapot.zip").write_bytes(b"geen zip")
    with pytest.raises(FileError, match="geen geldig zip-bestand"):
        gdal.vector_source(tmp_path / "kapot.zip")
    with pytest.raises(FileError, match=r"onbekend bestandsformaat \.dwg"):
        gdal.vector_source(tmp_path / "tekening.dwg")


def test_geojson_without_crs_is_wgs84(tmp_path):
    path = tmp_path / "a.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"naam": "A"},
                        "geometry": {"type": "Point", "coordinates": [6.1, 52.5]},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    info = gdal.layer_info(path, None, crs={"EPSG:4326"}, required={"naam"})
    assert info["crs"] == "EPSG:4326"


def test_a_layer_in_the_wrong_crs_or_without_columns_is_refused_whole(tmp_path):
    path = _points(tmp_path / "utm.gpkg", ["a"], crs="EPSG:32631")
    with pytest.raises(FileError) as error:
        list(gdal.feature_chunks(path, "utm", crs={"EPSG:28992"}))
    assert error.value.field == "crs" and error.value.code == "crs"
    assert str(error.value) == "coördinaatsysteem is EPSG:32631, verwacht EPSG:28992 (RD New)"
    path = _points(tmp_path / "rd.gpkg", ["a"])
    with pytest.raises(FileError, match="kolommen ontbreken: huisnummer, postcode"):
        list(gdal.feature_chunks(path, "rd", {"naam", "postcode", "huisnummer"}))
    with pytest.raises(FileError, match="laag 'pand' ontbreekt"):
        list(gdal.feature_chunks(path, "pand"))
    assert gdal.layer_names(path) == ["rd"] and gdal.layer_names(tmp_path / "geen.gpkg") == []


def test_feature_chunks_in_file_order_with_their_checks(tmp_path):
    path = tmp_path / "v.gpkg"
    write(
        str(path),
        geometry=np.array(
            [
                shapely.to_wkb(shapely.Polygon([(0, 0), (1, 0), (1, 1), (0, 0)])),
                shapely.to_wkb(shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])),  # bow-tie
                None,
            ],
            dtype=object,
        ),
        field_data=[np.array(["a", "b", "c"], dtype=object)],
        fields=["naam"],
        geometry_type="Polygon",
        crs="EPSG:28992",
        driver="GPKG",
    )
    chunks = list(gdal.feature_chunks(path, "v", size=2))
    assert [len(c) for c in chunks] == [2, 1] and chunks[0].fids.tolist() == [1, 2]
    rows = list(gdal.feature_rows(path, "v", {"naam"}))
    assert [(n, r["naam"], r["__checked__"][0]) for n, r in rows] == [
        (1, "a", "Polygon"),
        (2, "b", "Polygon"),
        (3, "c", "onleesbaar"),
    ]
    assert rows[1][1]["__checked__"][1].startswith("Self-intersection") and rows[2][1]["geometry"] is None
    assert gdal.feature_count(path, "v") == 3


def test_gml_through_pyogrio_with_a_template_and_its_srs(tmp_path):
    path = tmp_path / "punten.gml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<ogr:FeatureCollection xmlns:ogr="http://ogr.maptools.org/" xmlns:gml="http://www.opengis.net/gml/3.2">'
        '<ogr:featureMember><ogr:punt gml:id="p.1"><ogr:naam>Zwolle</ogr:naam>'
        '<ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::28992"><gml:pos>203000 503000</gml:pos>'
        "</gml:Point></ogr:geometryProperty></ogr:punt></ogr:featureMember></ogr:FeatureCollection>",
        encoding="utf-8",
    )
    options = {"FORCE_SRS_DETECTION": "YES"}
    assert gdal.layer_info(path, "punt", crs={"EPSG:28992"}, open_options=options)["crs"] == "EPSG:28992"
    [(_fid, row)] = list(gdal.feature_rows(path, "punt", {"naam"}, open_options=options))
    assert row["naam"] == "Zwolle" and shapely.from_wkb(row["geometry"]).x == 203000
