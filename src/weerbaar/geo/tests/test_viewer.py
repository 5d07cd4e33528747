"""The viewer pages, search and the shielded area selection with its audited CSV export."""

from django.test import Client

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB

from .conftest import X, Y, declare


def test_public_viewer_shows_public_layers_only(client, public_layers):
    response = client.get("/kaart/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-layer="gemeenten"' in html and 'data-layer="brk-percelen"' in html
    assert 'data-layer="bag-adressen"' not in html and 'data-layer="kvk-vestigingen"' not in html
    assert "vendor/ol/dist/ol.js" in html and "<script>" not in html and 'style="' not in html
    assert "Bron: CBS, Kadaster/PDOK" in html


def test_shielded_viewer_asks_for_a_purpose_first(analist_client, public_layers):
    response = analist_client.get("/kaart/afgeschermd")
    assert response.status_code == 302 and response["Location"].startswith("/privacy/doel?next=")
    declare(analist_client)
    page = analist_client.get("/kaart/afgeschermd").content.decode()
    assert 'data-layer="bag-adressen"' in page and 'id="geo-draw-area"' in page


def test_search_place_address_parcel_and_kvk(client, public_layers, registers_data):
    places = client.get("/kaart/zoeken", {"q": "Zwolle"}).json()["results"]
    assert places[0]["label"] == "Zwolle" and places[0]["geometry"]["type"] == "MultiPolygon"
    address = client.get("/kaart/zoeken", {"q": "8011 ab 12"}).json()["results"]
    assert address[0]["label"].startswith("Teststraat 12") and address[0]["geometry"]["type"] == "Point"
    parcel = client.get("/kaart/zoeken", {"q": "zwl00-k-1234"}).json()["results"]
    assert parcel[0]["label"] == "ZWL00 K 1234" and "eigenaren" not in parcel[0]
    assert client.get("/kaart/zoeken", {"q": "12345678"}).json()["results"] == []  # KvK is intern


def test_search_by_a_cleared_analist_shows_owners_and_is_audited(
    analist_client, public_layers, registers_data
):
    purpose = declare(analist_client)
    before = AuditEntry.objects.using(AUDIT_DB).count()
    parcel = analist_client.get("/kaart/zoeken", {"q": "ZWL00 K 1234"}).json()["results"][0]
    assert parcel["eigenaren"][0].startswith("Jan van der Berg")
    company = analist_client.get("/kaart/zoeken", {"q": "1234 5678"}).json()["results"]
    assert company[0]["label"].startswith("Testbedrijf")
    entries = list(AuditEntry.objects.using(AUDIT_DB).order_by("id")[before:])
    assert any(
        e.object_type == "registers.zakelijkrecht" and e.processing_activity == purpose for e in entries
    )


def test_area_selection_and_csv_are_shielded_and_audited(analist_client, public_layers, registers_data):
    wkt = "POLYGON((6.09 52.51, 6.10 52.51, 6.10 52.52, 6.09 52.52, 6.09 52.51))"
    assert Client().get("/kaart/gebied", {"wkt": wkt}).status_code == 401
    assert analist_client.get("/kaart/gebied", {"wkt": wkt}).status_code == 403  # no purpose yet
    purpose = declare(analist_client)
    before = AuditEntry.objects.using(AUDIT_DB).count()
    body = analist_client.get("/kaart/gebied", {"wkt": wkt}).json()
    assert [a["postcode"] for a in body["adressen"]] == ["8011AB"]
    assert [p["kadastrale_aanduiding"] for p in body["percelen"]] == ["ZWL00 K 1234"]
    assert [b["kvk_nummer"] for b in body["bedrijven"]] == ["12345678"]
    by_municipality = analist_client.get("/kaart/gebied", {"gemeente": "GM0193"}).json()
    assert by_municipality["label"] == "Zwolle" and len(by_municipality["adressen"]) == 1
    csv = analist_client.get("/kaart/gebied.csv", {"wkt": wkt})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "ZWL00 K 1234" in text and "Teststraat 12" in text
    entries = list(AuditEntry.objects.using(AUDIT_DB).order_by("id")[before:])
    actions = [(e.action, e.object_type, e.origin.split()[0]) for e in entries]
    assert ("list", "geo.gebiedsselectie", "page") in actions
    assert ("export", "geo.gebiedsselectie", "export") in actions
    assert all(e.processing_activity == purpose for e in entries)
    too_big = "POLYGON((5.8 52.2, 7.0 52.2, 7.0 52.8, 5.8 52.8, 5.8 52.2))"
    assert analist_client.get("/kaart/gebied", {"wkt": too_big}).status_code == 400
    assert analist_client.get("/kaart/gebied", {"wkt": "geen wkt"}).status_code == 400


def test_demo_loader_is_idempotent(public_layers):
    import io

    from weerbaar.geo.demo import load_public_layers
    from weerbaar.geo.models import LayerVersion

    count = LayerVersion.objects.count()
    load_public_layers(io.StringIO(), only={"gemeenten", "provincie"})
    assert LayerVersion.objects.count() == count


def test_rd_fixture_point_lies_in_zwolle(public_layers):
    from django.contrib.gis.geos import Point

    from weerbaar.geo.models import Feature

    zwolle = Feature.objects.get(version=public_layers["gemeenten"].current_version, fid="GM0193")
    assert zwolle.geometry.contains(Point(X, Y, srid=28992))


def test_high_resolution_aerial_photos_go_through_the_platform_with_audit(
    analist_client, public_layers, monkeypatch
):
    import io
    import urllib.request

    class Upstream(io.BytesIO):
        headers = {"Content-Type": "image/jpeg"}

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    requested = []
    monkeypatch.setattr(
        urllib.request, "urlopen", lambda url, timeout: requested.append(url) or Upstream(b"jpeg")
    )
    assert Client().get("/kaart/luchtfoto/16/33877/21495").status_code == 401
    assert analist_client.get("/kaart/luchtfoto/16/33877/21495").status_code == 403  # no purpose yet
    purpose = declare(analist_client)
    response = analist_client.get("/kaart/luchtfoto/16/33877/21495")
    assert (
        response.status_code == 200
        and response.content == b"jpeg"
        and "no-store" in response["Cache-Control"]
    )
    assert requested[0].endswith("/EPSG:28992/16/33877/21495.jpeg")  # the RD New tile of the viewer's grid
    entry = AuditEntry.objects.using(AUDIT_DB).filter(object_type="geo.luchtfoto").last()
    assert entry.object_id == "16/33877/21495" and entry.processing_activity == purpose


def test_synthetic_areas_are_loaded_without_a_generated_geopackage(region, monkeypatch, tmp_path):
    import io

    from weerbaar.geo import demo
    from weerbaar.geo.models import Layer

    monkeypatch.setattr(demo, "synthetic_areas", lambda: tmp_path / "ontbreekt.gpkg")
    demo.load_public_layers(io.StringIO(), only={"havens"})
    havens = Layer.objects.get(code="havens")
    assert havens.current_version.feature_count > 10 and havens.credit == "Bron: Weerbaar, fictief"


def test_viewer_config_puts_the_base_maps_in_the_rd_grid(client, public_layers, monkeypatch):
    import json
    import re

    def config():
        html = client.get("/kaart/").content.decode()
        block = re.search(r'<script id="geo-config" type="application/json">(.*?)</script>', html, re.S)
        return json.loads(block.group(1))

    wmts = config()["wmts"]
    assert "/EPSG:28992/{z}/{x}/{y}" in wmts["url"] and wmts["grid"] == "EPSG:28992"
    assert "/EPSG:28992/" in wmts["aerial_url"] and wmts["aerialGrid"] == "EPSG:28992"
    # a deployment still configured with a Web Mercator template keeps it (the viewer reprojects)
    monkeypatch.setenv("WEERBAAR_WMTS_URL", "https://tiles.example.nl/{layer}/EPSG:3857/{z}/{x}/{y}.png")
    monkeypatch.setenv("WEERBAAR_WMTS_MAX_ZOOM", "12")
    wmts = config()["wmts"]
    assert wmts["grid"] == "EPSG:3857" and wmts["maxZoom"] == 12 and wmts["aerialGrid"] == "EPSG:28992"


def test_rd_tile_holds_the_parcel_where_it_lies(client, public_layers, registers_data):
    """The NetherlandsRDNewQuad tile that the RD viewer asks for holds the parcel at its RD position."""
    import mapbox_vector_tile

    from weerbaar.geo.tiles import TILE_MATRIX_SETS

    z = 13
    size = 256 * 3440.640 / (1 << z)
    row, col = int((903401.92 - Y) // size), int((X + 285401.92) // size)
    response = client.get(f"/ogc/v1/collections/brk-percelen/tiles/NetherlandsRDNewQuad/{z}/{row}/{col}")
    assert response.status_code == 200
    features = mapbox_vector_tile.decode(response.content)["brk-percelen"]["features"]
    assert [f["properties"]["id"] for f in features] == ["ZWL00 K 1234"]
    minx, miny, maxx, maxy = TILE_MATRIX_SETS["NetherlandsRDNewQuad"].bounds(z, col, row)
    assert minx <= X <= maxx and miny <= Y <= maxy

    def pixel(x, y):  # y up in tile space, as mapbox_vector_tile decodes
        return ((x - minx) / (maxx - minx) * 4096, (y - miny) / (maxy - miny) * 4096)

    ring = features[0]["geometry"]["coordinates"][0]
    # the parcel's northern corners lie inside this tile (its southern edge is cut by the tile
    # below): each is a vertex within a pixel (2.6 cm at z13) of where it is
    for corner in (pixel(X - 10, Y + 10), pixel(X + 10, Y + 10)):
        assert min(abs(v[0] - corner[0]) + abs(v[1] - corner[1]) for v in ring) < 1.0, (corner, ring)


def test_area_selection_accepts_a_polygon_drawn_in_rd(analist_client, public_layers, registers_data):
    declare(analist_client)
    square = f"POLYGON(({X - 50} {Y - 50}, {X + 50} {Y - 50}, {X + 50} {Y + 50}, {X - 50} {Y + 50}, {X - 50} {Y - 50}))"
    body = analist_client.get("/kaart/gebied", {"wkt": square, "crs": "EPSG:28992"}).json()
    assert [p["kadastrale_aanduiding"] for p in body["percelen"]] == ["ZWL00 K 1234"]
    assert [a["postcode"] for a in body["adressen"]] == ["8011AB"]
    # the same square 100 m further east holds nothing: the metres were not read as degrees
    east = square.replace(str(X - 50), "A").replace(str(X + 50), "B")
    east = east.replace("A", str(X + 50)).replace("B", str(X + 150))
    assert analist_client.get("/kaart/gebied", {"wkt": east, "crs": "EPSG:28992"}).json()["percelen"] == []
    csv = analist_client.get("/kaart/gebied.csv", {"wkt": square, "crs": "EPSG:28992"})
    assert "ZWL00 K 1234" in csv.content.decode("utf-8-sig")
    wrong = analist_client.get("/kaart/gebied", {"wkt": square, "crs": "EPSG:3035"})
    assert wrong.status_code == 400 and "EPSG:28992" in wrong.json()["detail"]
    # RD metres read as degrees would be far outside the world: refused, not silently empty
    assert analist_client.get("/kaart/gebied", {"wkt": square}).status_code == 400
