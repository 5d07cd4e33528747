"""Who may use each viewer and OGC API URL.

The shared matrix test loads only the region, not the layers: collection URLs answer 404 for
everyone there (an unknown collection). Shielded collections, attribute access and purposes are
tested with layers in geo/tests/. The shielded viewer redirects a cleared user to the purpose
declaration (302); the area endpoints refuse with 403 until a purpose is declared.
"""

from weerbaar.core.access import Role
from weerbaar.core.matrix import EVERYONE, SHIELDED, Case

C = {"collection": "gemeenten"}

CASES = [
    Case("geo:viewer", EVERYONE),
    Case("geo:shielded", SHIELDED, ok=302),
    Case("geo:search", EVERYONE, html=False),
    Case("geo:labels", EVERYONE, kwargs={"code": "bestaat-niet"}, ok=404, html=False),
    Case("geo:area", SHIELDED, ok=403, html=False, anonymous_refused=401),
    Case("geo:area_csv", SHIELDED, ok=403, html=False, anonymous_refused=401),
    Case("geo:aerial", SHIELDED, kwargs={"z": 0, "x": 0, "y": 0}, ok=403, html=False, anonymous_refused=401),
    Case("geo:import", frozenset({Role.BEHEERDER})),
    Case("geo:import_status", frozenset({Role.BEHEERDER}), kwargs={"job": "onbekend"}, ok=404, html=False),
    Case("ogc:landing", EVERYONE, api=True),
    Case("ogc:landing_noslash", EVERYONE, api=True),
    Case("ogc:openapi", EVERYONE, api=True),
    Case("ogc:conformance", EVERYONE, api=True),
    Case("ogc:collections", EVERYONE, api=True),
    Case("ogc:collection", EVERYONE, kwargs=C, api=True, ok=404),
    Case("ogc:items", EVERYONE, kwargs=C, api=True, ok=404),
    Case("ogc:item", EVERYONE, kwargs={**C, "feature_id": "GM0193"}, api=True, ok=404),
    Case("ogc:collection_tilesets", EVERYONE, kwargs=C, api=True, ok=404),
    Case("ogc:tileset", EVERYONE, kwargs={**C, "tms": "WebMercatorQuad"}, api=True, ok=404),
    Case(
        "ogc:tile",
        EVERYONE,
        kwargs={**C, "tms": "WebMercatorQuad", "z": 10, "y": 336, "x": 528},
        api=True,
        ok=404,
    ),
    Case("ogc:tilematrixsets", EVERYONE, api=True),
    Case("ogc:tilematrixset", EVERYONE, kwargs={"tms": "WebMercatorQuad"}, api=True),
]
