"""Area selection for the shielded viewer: addresses, parcels and companies inside a polygon or a
municipality. Shielded: callers check clearance and the declared purpose; every call is audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiPolygon, Polygon

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.policies import policy_for
from weerbaar.core.spatial import RD_NEW, bbox_filter

MAX_ROWS = 5000
#: the largest area one selection may cover (km²): a selection is for one location, not a province
MAX_AREA_KM2 = 150.0


@dataclass
class Selection:
    geometry: GEOSGeometry
    label: str
    adressen: list[dict[str, Any]]
    percelen: list[dict[str, Any]]
    bedrijven: list[dict[str, Any]]
    truncated: bool


#: the CRSs a drawn polygon may come in: WGS84 lon/lat (the default) and RD New (the viewer's map)
WKT_CRS = {
    "": 4326,
    "EPSG:4326": 4326,
    "CRS84": 4326,
    "http://www.opengis.net/def/crs/OGC/1.3/CRS84": 4326,
    "EPSG:28992": RD_NEW,
    "http://www.opengis.net/def/crs/EPSG/0/28992": RD_NEW,
}


def selection_geometry(
    *, gemeente: str | None = None, wkt: str | None = None, crs: str | None = None
) -> tuple[GEOSGeometry, str]:
    """The selection in RD New: a municipality by CBS code, or a drawn polygon as WKT in WGS84
    lon/lat (`crs` empty, EPSG:4326 or CRS84) or in RD New metres (`crs` EPSG:28992)."""
    if gemeente:
        area = apps.get_model("organisations", "Area").objects.filter(code=gemeente.upper()).first()
        if area is None:
            raise ValueError("onbekende gemeente")
        return area.geometry, area.name
    if not wkt:
        raise ValueError("kies een gemeente of teken een gebied")
    srid = WKT_CRS.get((crs or "").strip())
    if srid is None:
        raise ValueError(f"onbekend coördinatenstelsel {crs!r}; gebruik EPSG:28992 of EPSG:4326")
    try:
        geometry = GEOSGeometry(wkt, srid=srid)
    except (GEOSException, ValueError):
        raise ValueError("de getekende vorm is geen geldige WKT") from None
    if not isinstance(geometry, (Polygon, MultiPolygon)) or not geometry.valid:
        raise ValueError("teken een geldig vlak")
    if srid != RD_NEW:
        minx, miny, maxx, maxy = geometry.extent
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise ValueError(
                "de coördinaten zijn geen lengte- en breedtegraden (WGS84); "
                "geef crs=EPSG:28992 mee voor RD-coördinaten"
            )
        try:
            geometry.transform(RD_NEW)
        except GDALException:
            raise ValueError("de getekende vorm valt buiten het bereik van RD New") from None
    if geometry.area / 1e6 > MAX_AREA_KM2:
        raise ValueError(f"het gebied is groter dan {MAX_AREA_KM2:.0f} km²; kies een kleiner gebied")
    return geometry, "getekend gebied"


def _inside(model: Any, user: Any, geom_field: str, geometry: GEOSGeometry, **filters: Any):
    qs = policy_for(model).visible(user).filter(**filters)
    qs = bbox_filter(qs, geom_field, geometry.extent)
    return qs.filter(**{f"{geom_field}__intersects": geometry})


def select_area(
    *, user: Any, geometry: GEOSGeometry, label: str, request: Any = None, export: bool = False
) -> Selection:
    adres = apps.get_model("registers", "AdresseerbaarObject")
    perceel = apps.get_model("registers", "KadastraalObject")
    vestiging = apps.get_model("registers", "Vestiging")
    adressen = list(
        _inside(adres, user, "geometrie", geometry)
        .order_by("postcode", "huisnummer", "huisletter", "toevoeging")
        .values(
            "identificatie",
            "openbare_ruimte_naam",
            "huisnummer",
            "huisletter",
            "toevoeging",
            "postcode",
            "woonplaats_naam",
            "gebruiksdoel",
        )[: MAX_ROWS + 1]
    )
    percelen = list(
        _inside(perceel, user, "geometrie", geometry, soort="perceel")
        .order_by("kadastrale_aanduiding")
        .values("identificatie", "kadastrale_aanduiding", "kadastrale_gemeente_naam", "grootte")[
            : MAX_ROWS + 1
        ]
    )
    bedrijven = list(
        _inside(vestiging, user, "geometrie", geometry)
        .order_by("kvk_nummer")
        .values("vestigingsnummer", "kvk_nummer", "eerste_handelsnaam", "postcode", "huisnummer", "plaats")[
            : MAX_ROWS + 1
        ]
    )
    truncated = any(len(rows) > MAX_ROWS for rows in (adressen, percelen, bedrijven))
    selection = Selection(
        geometry, label, adressen[:MAX_ROWS], percelen[:MAX_ROWS], bedrijven[:MAX_ROWS], truncated
    )
    audit_log(
        actor=user,
        action=Action.EXPORT if export else Action.LIST,
        object_type="geo.gebiedsselectie",
        object_id=label,
        request=request,
        detail={
            "gebied_wkt": geometry.simplify(1.0).wkt[:2000],
            "adressen": len(selection.adressen),
            "percelen": len(selection.percelen),
            "bedrijven": len(selection.bedrijven),
            "export": "csv" if export else "",
        },
    )
    return selection


def address_label(row: dict[str, Any]) -> str:
    number = f"{row['huisnummer']}{row.get('huisletter') or ''}"
    if row.get("toevoeging"):
        number += f"-{row['toevoeging']}"
    return f"{row['openbare_ruimte_naam']} {number}, {row['postcode']} {row['woonplaats_naam']}"
