"""The parks on the map: the geo viewer's layer `vakantieparken`, fed from this register.

The layer is written as a GeoJSON file in RD New and imported through `geo.services.layer_import`
like any other layer, so it gets versions, an atomic switch, tiles and the OGC API for free. It
holds the outline with name and municipality (public, like the park's outline and name) and the
typology label, which is a figure of the province's assessment: that attribute is *intern*, so
partners see it in the viewer and the public does not (`policies.figures_visible`). Nothing else
of a park leaves this app through the map.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.gis.geos import GEOSGeometry
from django.utils import translation

from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import require
from weerbaar.geo.services import layer_define, layer_import
from weerbaar.organisations.models import Area, AreaKind

from .models import Typology
from .selectors import parks_for_public_map

LAYER_CODE = "vakantieparken"
#: the attributes of a feature, and who may read each (`geo.Layer.attribute_access`)
PUBLIC_ATTRIBUTES = ("naam", "gemeente")
PARTNER_ATTRIBUTES = ("typologie", "profiel")

DEFINITION: dict[str, Any] = {
    "title_nl": "Vakantieparken",
    "title_de": "Ferienparks",
    "title_en": "Holiday parks",
    "description": (
        "Omtrek en naam van de vakantieparken in het parkenregister; de typologie (vitaal, kansrijk, "
        "kwetsbaar, niet-vitaal) alleen voor partners. De demo-parken zijn fictief."
    ),
    "theme": "economie",
    "source": "Weerbaar parkenregister (Expertisecentrum Vitale Vakantieparken)",
    "credit": {
        "nl": "Bron: provincie Overijssel (fictieve demo-parken)",
        "de": "Quelle: Provinz Overijssel (fiktive Demo-Parks)",
        "en": "Source: province of Overijssel (fictitious demo parks)",
    },
    "licence": "CC BY 4.0",
    "access_level": AccessLevel.OPENBAAR,
    "attribute_access": {name: AccessLevel.INTERN for name in PARTNER_ATTRIBUTES},
    "style": {"fill": "rgba(46,139,87,0.25)", "stroke": "#2e8b57", "width": 2, "label": "naam"},
    "legend": [
        {
            "label": {"nl": "Vakantiepark", "de": "Ferienpark", "en": "Holiday park"},
            "stroke": "#2e8b57",
            "fill": "#2e8b5740",
        }
    ],
    "min_zoom": 8,
    "order": 150,
    # partners get the park's number (`profiel`) and with it a link to its profile; the public
    # gets outline and name only, and so no link
    "info": {
        "fields": [
            {"name": "gemeente", "label": {"nl": "Gemeente", "de": "Gemeinde", "en": "Municipality"}},
            {"name": "typologie", "label": {"nl": "Typologie", "de": "Typologie", "en": "Typology"}},
        ],
        "link": {
            "url": "/parken/{profiel}",
            "label": {"nl": "Profiel van het park", "de": "Profil des Parks", "en": "Profile of the park"},
        },
    },
}


def _features(ctx: ProcessingContext) -> list[dict[str, Any]]:
    names = dict(Area.objects.filter(kind=AreaKind.GEMEENTE).values_list("code", "name"))
    features = []
    # labels in Dutch whatever the caller's language: the stored layer is the same for every reader
    with translation.override("nl"):
        for park in parks_for_public_map(ctx=ctx):
            geometry: GEOSGeometry = park.geometry
            typology = getattr(park, "typology", None)
            features.append(
                {
                    "type": "Feature",
                    "id": park.code,
                    "geometry": json.loads(geometry.geojson),
                    "properties": {
                        "code": park.code,
                        "naam": park.name,
                        "gemeente": names.get(park.municipality_code, park.municipality_code),
                        "typologie": str(Typology(typology).label) if typology else "",
                        "profiel": park.pk,
                    },
                }
            )
    return features


@dataclass(frozen=True)
class Published:
    version: int
    features: int


def park_layer_publish(*, ctx: ProcessingContext) -> Published | None:
    """Define the `vakantieparken` layer and serve the register's public parks as its next version.
    The platform does this (after the demo parks, after an import); None when there are no parks,
    and then the layer keeps what it served."""
    require(ctx.system, "the park layer is published by the platform")
    layer = layer_define(ctx=ctx, code=LAYER_CODE, **DEFINITION)
    features = _features(ctx)
    if not features:
        return None
    collection = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": features,
    }
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / f"{LAYER_CODE}.geojson"
        path.write_text(json.dumps(collection), encoding="utf-8")
        version, _report = layer_import(actor=None, layer=layer, path=path, id_field="code")
    return Published(version.number, version.feature_count)
