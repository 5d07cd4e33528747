"""The bulk-load building blocks: exact duplicate keys, and COPY/INSERT of awkward values."""

import pyarrow as pa
import shapely
from django.contrib.gis.db.models.functions import AsWKB

from weerbaar.importing.keys import SeenKeys
from weerbaar.registers.fastinsert import ewkb_hex, ewkb_hex_array, insert_columns
from weerbaar.registers.models import KadastraalObject


def test_seen_keys_are_exact_within_and_across_calls():
    seen = SeenKeys()
    first = seen.repeated("k", pa.array(["A", "B", "A", "A\0", "", "é", "B "]))
    assert first.tolist() == [False, False, True, False, False, False, False]
    # a later call: wider keys, a list instead of an Arrow array, values seen before or not
    second = seen.repeated("k", ["A", "A\0", "longer than any key before", "", "e", "é", "B"])
    assert second.tolist() == [True, True, False, True, False, True, True]
    assert seen.repeated("other", ["A"]).tolist() == [False]  # per key column
    assert seen.repeated("k", pa.array([], pa.string())).tolist() == []


def test_ewkb_hex_array_matches_the_row_by_row_conversion():
    polygon = shapely.Polygon([(0, 0), (1, 0), (1, 1), (0, 0)])
    values = [
        shapely.to_wkb(shapely.Point(203000.5, 502000.25), byte_order=1),
        None,
        shapely.to_wkb(polygon, byte_order=1),
        shapely.to_wkb(shapely.MultiPolygon([polygon]), byte_order=1),
    ]
    expected = [None if v is None else ewkb_hex(v) for v in values]
    assert ewkb_hex_array(values).to_pylist() == expected
    assert ewkb_hex_array(pa.array(values, pa.binary())[1:]).to_pylist() == expected[1:]  # a slice
    big_endian = shapely.to_wkb(polygon, byte_order=0)  # not the fast path: converted one by one
    assert ewkb_hex_array([big_endian, None]).to_pylist() == [ewkb_hex(values[2]), None]


def test_awkward_values_survive_the_bulk_insert(db):
    """On PostGIS this goes through COPY in CSV; on SpatiaLite through executemany."""
    names = ['quote " and, comma', "new\nline\r\n", "tab\there", "back\\slash \\N", "", "Überijssel ✓"]
    polygon = shapely.Polygon([(203000, 502000), (203010, 502000), (203010, 502010), (203000, 502000)])
    n = len(names)
    insert_columns(
        KadastraalObject,
        {
            "identificatie": [f"id{i}" for i in range(n)],
            "soort": ["perceel"] * n,
            "kadastrale_aanduiding": pa.array([f"ZWL00 K {i + 1}" for i in range(n)]),
            "kadastrale_gemeente_code": ["ZWL00"] * n,
            "kadastrale_gemeente_naam": pa.array(names),
            "sectie": ["K"] * n,
            "perceelnummer": pa.array(list(range(1, n + 1))),
            "grootte": [None, 0, 5, None, 7, 8],
            "geometrie": [shapely.to_wkb(polygon, byte_order=1) if i % 2 else None for i in range(n)],
            "plaatscoordinaat": pa.array(
                [shapely.to_wkb(shapely.Point(i, i), byte_order=1) for i in range(n)]
            ),
            "access_level": ["openbaar"] * n,
        },
    )
    stored = list(
        KadastraalObject.objects.annotate(g=AsWKB("geometrie"), p=AsWKB("plaatscoordinaat"))
        .order_by("perceelnummer")
        .values_list("kadastrale_gemeente_naam", "grootte", "grondperceel_identificatie", "g", "p")
    )
    assert [row[0] for row in stored] == names  # "" stays an empty string, not NULL
    assert [row[1] for row in stored] == [None, 0, 5, None, 7, 8]
    assert {row[2] for row in stored} == {""}  # a field left out takes its default
    assert [row[3] is not None and shapely.from_wkb(bytes(row[3])).equals(polygon) for row in stored] == [
        i % 2 == 1 for i in range(n)
    ]
    assert [shapely.from_wkb(bytes(row[4])).x for row in stored] == list(range(n))
