def test_ogc_public(client, public_layers):
    r = client.get("/ogc/v1/collections")
    assert r.status_code == 200, r.content
    ids = [c["id"] for c in r.json()["collections"]]
    assert "gemeenten" in ids and "bag-adressen" not in ids
    r = client.get("/ogc/v1/collections/gemeenten/items?limit=2")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["numberReturned"] == 2
    print(body["links"])
    r = client.get("/ogc/v1/collections/gemeenten/tiles/WebMercatorQuad/8/84/132")
    print(r.status_code, len(r.content))
