"""Tile rendering: SpatiaLite's BLOB -> WKB short cut; the bounding-box area pre-filter (both databases)."""

import pytest
import shapely
from django.db import connection

from weerbaar.geo.wkb import spatialite_wkb


@pytest.mark.needs_db_feature("geometry_column_is_spatialite_blob")
def test_spatialite_blob_of_a_polygon_reads_as_its_wkb(registers_data):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT geometrie, AsBinary(geometrie), CastToMultiPolygon(geometrie) FROM registers_kadastraalobject"
        )
        blob, wkb, multi = cursor.fetchone()
    fast = spatialite_wkb([bytes(blob)])
    assert fast is not None
    assert shapely.equals_exact(shapely.from_wkb(fast[0]), shapely.from_wkb(bytes(wkb)), 0)
    # multi types differ inside the body: no short cut, the caller asks SpatiaLite for WKB
    assert spatialite_wkb([bytes(multi)]) is None
    assert spatialite_wkb([b"\x00\x01"]) is None


def test_bbox_area_prefilter_keeps_every_polygon_at_least_that_large(registers_data):
    from weerbaar.core.spatial import bbox_filter
    from weerbaar.registers.models import KadastraalObject

    box = (202000.0, 502000.0, 204000.0, 504000.0)
    qs = KadastraalObject.objects.all()
    assert bbox_filter(qs, "geometrie", box, min_bbox_area=399).count() == 1  # the parcel is 20 × 20 m
    assert bbox_filter(qs, "geometrie", box, min_bbox_area=401).count() == 0
