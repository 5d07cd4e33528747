"""Partner datasets delivered as a GeoPackage or a zipped Shapefile (with a .cpg naming Windows-1252):
read through GDAL like any table, the geometry left out of the entities, a bad row named by its
feature id (the fid GIS tools show: from 1 in a GeoPackage, from 0 in a Shapefile) and column,
valid rows kept, accented names intact."""

from __future__ import annotations

import zipfile

import numpy as np
import pytest
import shapely
from pyogrio.raw import write

from weerbaar.core.access import AccessLevel
from weerbaar.crossref import services
from weerbaar.crossref.models import DatasetEntity
from weerbaar.privacy.testing import ctx_of

ROWS = [
    ("Jan van der Berg", "04-03-1980", "8011 AB", "12"),
    ("Émile Dupré", "1975-12-01", "8011AC", "3"),
    ("Piet Bakker", "31-02-1990", "8011 AD", "7"),  # no such date
]
MAPPING = {
    "naam": "person.name",
    "gebdatum": "person.birth_date",
    "pc": "address.postcode",
    "nr": "address.huisnummer",
}


def _write(path, driver, **options):
    write(
        str(path),
        geometry=np.array(
            [shapely.to_wkb(shapely.Point(203000 + i, 503000)) for i in range(len(ROWS))], dtype=object
        ),
        field_data=[np.array([row[i] for row in ROWS], dtype=object) for i in range(4)],
        fields=["naam", "gebdatum", "pc", "nr"],
        geometry_type="Point",
        crs="EPSG:28992",
        driver=driver,
        **options,
    )
    return path


def _zipped_shapefile(directory):
    _write(directory / "bewoners.shp", "ESRI Shapefile", encoding="cp1252")
    assert (directory / "bewoners.cpg").read_text().strip().upper() in {"1252", "CP1252"}
    archive = directory / "bewoners.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in directory.glob("bewoners.*"):
            if part.suffix != ".zip":
                z.write(part, part.name)
    return archive


@pytest.mark.parametrize("kind", ["gpkg", "shapefile"])
def test_a_vector_delivery_is_read_as_a_table(holder, tmp_path, kind):
    path = _write(tmp_path / "bewoners.gpkg", "GPKG") if kind == "gpkg" else _zipped_shapefile(tmp_path)
    dataset = services.dataset_create(
        ctx=ctx_of(holder),
        name=f"Bewoners ({kind})",
        access_level=AccessLevel.AFGESCHERMD,
        contact="x@zwolle.example",
    )
    version = services.version_upload(ctx=ctx_of(holder), dataset=dataset, path=path, mapping=MAPPING)
    assert version.status == "partial"
    assert version.run["problems"] == [
        {"row": 3 if kind == "gpkg" else 2, "field": "gebdatum", "message": "'31-02-1990' is geen datum"}
    ]
    names = {
        name
        for e in DatasetEntity.objects.filter(version=version)
        if e.data["schema"] == "Person"
        for name in e.data["properties"].get("name", [])
    }
    assert names == {"Jan van der Berg", "Émile Dupré"}
    assert all("geometry" not in e.data["properties"] for e in DatasetEntity.objects.filter(version=version))
