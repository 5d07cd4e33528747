"""The farm locations on the map: the shielded viewer's layer `vab-locaties`, served by this app.

Unlike the holiday parks (`parken.maplayer`, a stored layer of the geo registry with access by
level), the farm locations never leave this app as a stored copy: their access rule is
`policies.may_see_farm_locations` (cleared analysts) and the area scope of `VabLocatiePolicy`,
which a layer's level cannot express. So the geo viewer lists the layer for who may see farm
locations (`geo.services.app_layer_register`) and fetches its features from `vab_map_view`, which
reads them through `selectors.vab_lijst` like the list page: refused with 403 and audited, or
disclosed and audited with the addresses shown.
"""

from __future__ import annotations

from typing import Any

from django.http import JsonResponse
from django.urls import reverse
from django.utils.formats import date_format

from weerbaar.core.access import PARTNER_ROLES, AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.geo.services import AppLayer, app_layer_register

from .models import Drugsafvaldumping
from .policies import may_see_farm_locations
from .selectors import VabRij

LAYER_CODE = "vab-locaties"
#: the most locations one map read shows (the region has a few thousand farm addresses)
MAP_LIMIT = 5000
RD_NEW_CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}

LAYER = AppLayer(
    code=LAYER_CODE,
    titles={
        "nl": "Vrijkomende agrarische bebouwing (VAB)",
        "de": "Frei werdende landwirtschaftliche Gebäude (VAB)",
        "en": "Vacant farm buildings (VAB)",
    },
    theme="natuur",
    url_name="buitengebied:vab_map",
    may_see=may_see_farm_locations,
    style={"fill": "#b35806", "stroke": "#ffffff", "width": 1.5, "radius": 6},
    legend=[
        {
            "label": {
                "nl": "VAB-locatie",
                "de": "Standort leerstehender Hofgebäude",
                "en": "Vacant farm building (VAB)",
            },
            "stroke": "#ffffff",
            "fill": "#b35806",
        }
    ],
    info={
        "title": {"nl": "{adres}"},
        "fields": [
            {"name": "gemeente", "label": {"nl": "Gemeente", "de": "Gemeinde", "en": "Municipality"}},
            {
                "name": "activiteit",
                "label": {"nl": "Activiteit (SBI)", "de": "Tätigkeit (SBI)", "en": "Activity (SBI)"},
            },
            {
                "name": "bedrijf_gestopt",
                "label": {"nl": "Bedrijf gestopt", "de": "Betrieb eingestellt", "en": "Farm stopped"},
            },
            {
                "name": "score",
                "label": {
                    "nl": "Risicoscore (van 100)",
                    "de": "Risikowert (von 100)",
                    "en": "Risk score (of 100)",
                },
            },
        ],
    },
    credit={
        "nl": "Bron: KvK, BAG en BRP (afgeleid, afgeschermd); fictieve demo-locaties",
        "de": "Quelle: KvK, BAG und BRP (abgeleitet, geschützt); fiktive Demo-Standorte",
        "en": "Source: KvK, BAG and BRP (derived, shielded); fictitious demo locations",
    },
    order=40,
)
app_layer_register(LAYER)


def _point_feature(pk: int, point: Any, properties: dict[str, Any]) -> dict[str, Any]:
    """One GeoJSON point in RD New, to the centimetre."""
    return {
        "type": "Feature",
        "id": str(pk),
        "geometry": {"type": "Point", "coordinates": [round(point.x, 2), round(point.y, 2)]},
        "properties": properties,
    }


def geojson_response(collection: dict[str, Any]) -> JsonResponse:
    """A layer's features for the viewer: GeoJSON, never cached (each read is checked)."""
    response = JsonResponse(collection, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/geo+json"
    response["Cache-Control"] = "private, no-store"
    return response


def feature_collection(rows: list[VabRij]) -> dict[str, Any]:
    """The locations with a point as GeoJSON in RD New: address, municipality, activity, whether
    the farm stopped and the risk score (its inputs are on the location's page)."""
    features = [
        _point_feature(
            row.locatie.pk,
            row.locatie.punt,
            {
                "adres": row.locatie.adres or row.locatie.adres_sleutel,
                "gemeente": row.locatie.gemeente.name if row.locatie.gemeente else row.locatie.gemeente_code,
                "activiteit": row.locatie.sbi_omschrijving,
                "bedrijf_gestopt": row.locatie.bedrijf_gestopt,
                "score": row.score.totaal,
                "pagina": reverse("buitengebied:vab_detail", kwargs={"pk": row.locatie.pk}),
            },
        )
        for row in rows
        if row.locatie.punt is not None
    ]
    return {"type": "FeatureCollection", "crs": RD_NEW_CRS, "features": features}


DUMPING_LAYER_CODE = "drugsafval"
#: the most dumpings one map read shows
DUMPING_MAP_LIMIT = 5000


def may_see_dumpings(ctx: ProcessingContext) -> bool:
    """The dumpings as the list shows them: partners (the reports are `intern`)."""
    return ctx.has_role(*PARTNER_ROLES)


DUMPING_LAYER = AppLayer(
    code=DUMPING_LAYER_CODE,
    titles={"nl": "Drugsafvaldumpingen", "de": "Drogenabfall-Ablagerungen", "en": "Drug-waste dumpings"},
    theme="natuur",
    url_name="buitengebied:dumping_map",
    may_see=may_see_dumpings,
    access_level=AccessLevel.INTERN,
    style={"fill": "#7b1fa2", "stroke": "#ffffff", "width": 1.5, "radius": 6},
    legend=[
        {
            "label": {
                "nl": "Dumping drugsafval",
                "de": "Ablagerung von Drogenabfall",
                "en": "Drug-waste dumping",
            },
            "stroke": "#ffffff",
            "fill": "#7b1fa2",
        }
    ],
    info={
        "title": {"nl": "{soort}", "de": "{soort}", "en": "{soort}"},
        "fields": [
            {
                "name": "gevonden_op",
                "label": {"nl": "Aangetroffen op", "de": "Gefunden am", "en": "Found on"},
            },
            {"name": "gemeente", "label": {"nl": "Gemeente", "de": "Gemeinde", "en": "Municipality"}},
            {"name": "status", "label": {"nl": "Status", "de": "Status", "en": "Status"}},
        ],
        "link": {
            "url": "/buitengebied/dumpingen/{id}",
            "label": {"nl": "Melding bekijken", "de": "Meldung ansehen", "en": "View the report"},
        },
    },
    credit={
        "nl": "Bron: meldingen van gemeenten, provincie, waterschappen en politie",
        "de": "Quelle: Meldungen von Gemeinden, Provinz, Wasserverbänden und Polizei",
        "en": "Source: reports by municipalities, the province, water boards and the police",
    },
    order=41,
)
app_layer_register(DUMPING_LAYER)


def dumping_feature_collection(dumpings: list[Drugsafvaldumping]) -> dict[str, Any]:
    """The dumpings as points in RD New: what was found, when, where and its status. No costs, no
    proces-verbaal number and no landowner: those stay on the report's page."""
    features = [
        _point_feature(
            d.pk,
            d.punt,
            {
                "id": d.pk,
                "soort": str(d.soort),
                "gevonden_op": date_format(d.gevonden_op, "SHORT_DATE_FORMAT"),
                "gemeente": d.gemeente.name if d.gemeente else "",
                "status": d.get_status_display(),
            },
        )
        for d in dumpings
    ]
    return {"type": "FeatureCollection", "crs": RD_NEW_CRS, "features": features}
