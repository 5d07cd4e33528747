"""OGC API Features and Tiles: public reads with caching, shielded reads with purpose and audit."""

import mapbox_vector_tile
from django.test import Client

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user

from .conftest import X, Y, declare

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
RD = "http://www.opengis.net/def/crs/EPSG/0/28992"
#: Zwolle at z14 in WebMercatorQuad (x, y)
Z14 = (8469, 5373)


def test_landing_conformance_and_collections(client, public_layers):
    landing = client.get("/ogc/v1/").json()
    rels = {link["rel"] for link in landing["links"]}
    assert {"service-desc", "conformance", "data"} <= rels
    conformance = client.get("/ogc/v1/conformance").json()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs" in conformance
    collections = client.get("/ogc/v1/collections").json()["collections"]
    ids = {c["id"] for c in collections}
    assert {"gemeenten", "provincie", "luchtruimbeperkingen-2014", "brk-percelen"} <= ids
    assert "bag-adressen" not in ids and "kvk-vestigingen" not in ids
    gemeenten = next(c for c in collections if c["id"] == "gemeenten")
    assert RD in gemeenten["crs"] and gemeenten["weerbaar"]["credit"].startswith("Bron:")
    airspace = next(c for c in collections if c["id"] == "luchtruimbeperkingen-2014")
    assert airspace["weerbaar"]["outdated"] is True


def test_items_paging_bbox_filter_crs(client, public_layers):
    first = client.get("/ogc/v1/collections/gemeenten/items?limit=10")
    assert first.status_code == 200 and first["Content-Type"] == "application/geo+json"
    body = first.json()
    assert body["numberReturned"] == 10 and "numberMatched" not in body
    next_link = next(link["href"] for link in body["links"] if link["rel"] == "next")
    second = client.get(next_link.replace("http://testserver", "")).json()
    assert {f["id"] for f in second["features"]}.isdisjoint({f["id"] for f in body["features"]})
    last = client.get("/ogc/v1/collections/gemeenten/items?limit=10&offset=20").json()
    assert last["numberReturned"] == 5 and not any(link["rel"] == "next" for link in last["links"])
    # bbox around Zwolle in CRS84 and in RD
    in_zwolle = client.get("/ogc/v1/collections/gemeenten/items?bbox=6.09,52.51,6.10,52.52").json()
    assert "GM0193" in {f["id"] for f in in_zwolle["features"]}
    rd = client.get(
        f"/ogc/v1/collections/gemeenten/items?bbox={X},{Y},{X + 10},{Y + 10}&bbox-crs={RD}&crs={RD}"
    )
    assert rd["Content-Crs"] == f"<{RD}>"
    coordinates = rd.json()["features"][0]["geometry"]["coordinates"]
    assert 100000 < coordinates[0][0][0][0] < 300000
    filtered = client.get("/ogc/v1/collections/gemeenten/items?statnaam=Zwolle").json()
    assert [f["id"] for f in filtered["features"]] == ["GM0193"]
    assert client.get("/ogc/v1/collections/gemeenten/items?bbox=1,2,3").status_code == 400
    assert client.get("/ogc/v1/collections/gemeenten/items?crs=EPSG:9999").status_code == 400


def test_single_item_and_etag(client, public_layers):
    response = client.get("/ogc/v1/collections/gemeenten/items/GM0193")
    assert response.status_code == 200
    assert response.json()["properties"]["statnaam"] == "Zwolle"
    assert response["Cache-Control"].startswith("public") and response["ETag"]
    assert client.get("/ogc/v1/collections/gemeenten/items/GM9999").status_code == 404
    assert client.get("/ogc/v1/collections/bestaat-niet/items").status_code == 404


def test_public_tile_is_cached_and_revalidated(client, public_layers):
    url = f"/ogc/v1/collections/gemeenten/tiles/WebMercatorQuad/10/{Z14[1] >> 4}/{Z14[0] >> 4}"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    decoded = mapbox_vector_tile.decode(response.content)
    names = {f["properties"].get("statnaam") for f in decoded["gemeenten"]["features"]}
    assert "Zwolle" in names
    assert response["Cache-Control"].startswith("public")
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    rd = client.get(
        "/ogc/v1/collections/gemeenten/tiles/NetherlandsRDNewQuad/5/{}/{}".format(*_rd_tile(X, Y, 5))
    )
    assert rd.status_code == 200 and mapbox_vector_tile.decode(rd.content)["gemeenten"]["features"]
    assert client.get("/ogc/v1/collections/gemeenten/tiles/WebMercatorQuad/3/99/99").status_code == 404
    tilesets = client.get("/ogc/v1/collections/gemeenten/tiles").json()["tilesets"]
    assert {t["tileMatrixSetURI"].rsplit("/", 1)[1] for t in tilesets} == {
        "WebMercatorQuad",
        "NetherlandsRDNewQuad",
    }


def _rd_tile(x, y, z):
    size = 256 * 3440.640 / (1 << z)
    return int((903401.92 - y) // size), int((x + 285401.92) // size)


def test_parcel_tiles_are_public_and_carry_no_owner(client, public_layers, registers_data):
    response = client.get(f"/ogc/v1/collections/brk-percelen/tiles/WebMercatorQuad/14/{Z14[1]}/{Z14[0]}")
    assert response.status_code == 200
    features = mapbox_vector_tile.decode(response.content)["brk-percelen"]["features"]
    assert features[0]["properties"]["id"] == "ZWL00 K 1234"
    assert "eigenaren" not in features[0]["properties"]
    # the parcel lands where it is: compare with the tile matrix, both engines, y up in tile space
    from django.contrib.gis.geos import Point

    from weerbaar.geo.tiles import TILE_MATRIX_SETS

    minx, miny, maxx, maxy = TILE_MATRIX_SETS["WebMercatorQuad"].bounds(14, Z14[0], Z14[1])
    point = Point(X, Y, srid=28992).transform(3857, clone=True)
    expected = ((point.x - minx) / (maxx - minx) * 4096, (point.y - miny) / (maxy - miny) * 4096)
    ring = features[0]["geometry"]["coordinates"][0]
    centre = (sum(c[0] for c in ring[:-1]) / (len(ring) - 1), sum(c[1] for c in ring[:-1]) / (len(ring) - 1))
    assert abs(centre[0] - expected[0]) < 3 and abs(centre[1] - expected[1]) < 3
    low = client.get("/ogc/v1/collections/brk-percelen/tiles/WebMercatorQuad/8/84/132")
    assert low.status_code == 204  # below the layer's minimum zoom: nothing


def test_shielded_collection_refuses_without_login_factor_clearance_or_purpose(public_layers, registers_data):
    url = "/ogc/v1/collections/bag-adressen/items"
    anonymous = Client().get(url)
    assert anonymous.status_code == 401 and anonymous["Content-Type"] == "application/problem+json"
    unverified = Client()
    unverified.force_login(make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="zonder-factor"))
    assert unverified.get(url).status_code == 403
    fg = Client()
    login_verified(fg, make_user(Role.FG, "PV23", username="fg"))
    assert fg.get(url).status_code == 403
    analist = Client()
    login_verified(analist, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="met-factor"))
    no_purpose = analist.get(url)
    assert no_purpose.status_code == 403 and "doel" in no_purpose.json()["detail"]


def test_shielded_reads_are_audited_with_the_purpose_and_never_cached(
    analist_client, public_layers, registers_data
):
    purpose = declare(analist_client)
    before = AuditEntry.objects.using(AUDIT_DB).count()
    response = analist_client.get("/ogc/v1/collections/bag-adressen/items?limit=5")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "ETag" not in response
    assert response.json()["features"][0]["properties"]["postcode"] == "8011AB"
    tile = analist_client.get(
        f"/ogc/v1/collections/kvk-vestigingen/tiles/WebMercatorQuad/14/{Z14[1]}/{Z14[0]}"
    )
    assert tile.status_code == 200 and "no-store" in tile["Cache-Control"]
    entries = list(AuditEntry.objects.using(AUDIT_DB).order_by("id")[before:])
    assert {e.object_type for e in entries} >= {"geo.bag-adressen", "geo.kvk-vestigingen"}
    assert all(e.processing_activity == purpose for e in entries)


def test_parcel_owners_only_with_clearance_and_purpose(client, analist_client, public_layers, registers_data):
    url = "/ogc/v1/collections/brk-percelen/items/ZWL00%20K%201234"
    public = client.get(url).json()
    assert (
        public["properties"]["kadastrale_aanduiding"] == "ZWL00 K 1234"
        and "eigenaren" not in public["properties"]
    )
    assert "eigenaren" not in analist_client.get(url).json()["properties"]
    purpose = declare(analist_client)
    before = AuditEntry.objects.using(AUDIT_DB).count()
    response = analist_client.get(url)
    owners = response.json()["properties"]["eigenaren"]
    assert owners[0]["naam"] == "Jan van der Berg" and "no-store" in response["Cache-Control"]
    subjects = AuditEntry.objects.using(AUDIT_DB).order_by("id")[before:]
    assert any(e.data_subject_id == "P-1" and e.processing_activity == purpose for e in subjects)


def test_openapi_lists_the_collections_the_caller_may_see(analist_client, public_layers):
    """The OpenAPI document describes the items of each visible collection, not the shielded
    ones for an anonymous caller; a cleared analyst sees those too."""
    paths = Client().get("/ogc/v1/api").json()["paths"]
    assert "/ogc/v1/collections/gemeenten/items" in paths
    assert "/ogc/v1/collections/brk-percelen/items/{featureId}" in paths
    assert not any("bag-adressen" in p for p in paths)
    params = {p["name"] for p in paths["/ogc/v1/collections/gemeenten/items"]["get"]["parameters"]}
    assert params == {"bbox", "bbox-crs", "crs", "limit", "offset"}
    assert "/ogc/v1/collections/bag-adressen/items" in analist_client.get("/ogc/v1/api").json()["paths"]


def test_tile_matrix_sets_describe_both_grids(client, public_layers):
    listed = client.get("/ogc/v1/tileMatrixSets").json()["tileMatrixSets"]
    assert [t["id"] for t in listed] == ["WebMercatorQuad", "NetherlandsRDNewQuad"]
    rd = client.get("/ogc/v1/tileMatrixSets/NetherlandsRDNewQuad").json()
    assert rd["crs"] == RD and len(rd["tileMatrices"]) == 17
    assert rd["tileMatrices"][0]["cellSize"] == 3440.640
    assert rd["tileMatrices"][0]["pointOfOrigin"] == [-285401.92, 903401.92]
    assert client.get("/ogc/v1/tileMatrixSets/Onbekend").status_code == 404


def test_rd_tiles_honour_the_layer_zoom_range_at_the_same_scale(client, public_layers, registers_data):
    """Layer zoom ranges are Web Mercator levels; RD New level z shows about Web Mercator z + 5."""
    from weerbaar.geo.models import Layer

    first = Layer.objects.get(code="brk-percelen").min_zoom - 5
    base = "/ogc/v1/collections/brk-percelen/tiles/NetherlandsRDNewQuad"
    level = first + 3  # below the layer's Web Mercator min_zoom as a number, above it in scale
    row, col = _rd_tile(X, Y, level)
    shown = client.get(f"{base}/{level}/{row}/{col}")
    assert shown.status_code == 200
    features = mapbox_vector_tile.decode(shown.content)["brk-percelen"]["features"]
    assert "ZWL00 K 1234" in {f["properties"]["id"] for f in features}
    row, col = _rd_tile(X, Y, first - 1)
    assert client.get(f"{base}/{first - 1}/{row}/{col}").status_code == 204
    tileset = client.get(base).json()
    assert tileset["layers"][0]["minTileMatrix"] == str(first)
