from django.urls import path

from . import ogc

app_name = "ogc"
collection = "v1/collections/<slug:collection>"
urlpatterns = [
    path("v1", ogc.landing, name="landing_noslash"),
    path("v1/", ogc.landing, name="landing"),
    path("v1/api", ogc.openapi, name="openapi"),
    path("v1/conformance", ogc.conformance, name="conformance"),
    path("v1/collections", ogc.collections, name="collections"),
    path(collection, ogc.collection, name="collection"),
    path(f"{collection}/items", ogc.items, name="items"),
    path(f"{collection}/items/<str:feature_id>", ogc.item, name="item"),
    path(f"{collection}/tiles", ogc.collection_tilesets, name="collection_tilesets"),
    path(f"{collection}/tiles/<str:tms>", ogc.tileset, name="tileset"),
    path(f"{collection}/tiles/<str:tms>/<int:z>/<int:y>/<int:x>", ogc.tile, name="tile"),
    path("v1/tileMatrixSets", ogc.tilematrixsets, name="tilematrixsets"),
    path("v1/tileMatrixSets/<str:tms>", ogc.tilematrixset, name="tilematrixset"),
]
