"""The base maps under the viewer (WMTS, by default PDOK BRT-Achtergrondkaart and Luchtfoto) and the
high-resolution aerial photos the platform proxies for the shielded viewer; configured per deployment."""

from __future__ import annotations

import os
import re
from typing import Any

#: PDOK WMTS in the Dutch tiling scheme (tile matrix set EPSG:28992 = NetherlandsRDNewQuad:
#: origin -285401.92, 903401.92, z0 cell 3440.640 m, 256-pixel tiles), {z}/{x}/{y} with y from the top
PDOK_AERIAL = "https://service.pdok.nl/hwh/luchtfotorgb/wmts/v1_0/Actueel_ortho25/EPSG:28992/{z}/{x}/{y}.jpeg"
PDOK_AERIAL_HR = (
    "https://service.pdok.nl/hwh/luchtfotorgb/wmts/v1_0/Actueel_orthoHR/EPSG:28992/{z}/{x}/{y}.jpeg"
)
PDOK_BRT = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/{layer}/EPSG:28992/{z}/{x}/{y}.png"
#: deepest level of the proxied high-resolution aerial photos (RD grid: 3440.640 / 2^16 = 5 cm)
AERIAL_HR_MAX_ZOOM = 16


def _grid(url: str) -> str:
    """The tile grid a base-map template is in: RD New unless the URL names Web Mercator.

    A template still in EPSG:3857 (a deployment configured before the viewer moved to RD New)
    keeps working: the viewer then reprojects its tiles instead of using them one to one.
    """
    return "EPSG:3857" if re.search(r"3857|GoogleMaps|WebMercator", url, re.IGNORECASE) else "EPSG:28992"


def _int_env(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def aerial_hr_url() -> str:
    """The tile template of the high-resolution aerial photos (WEERBAAR_AERIAL_HR_URL)."""
    return os.environ.get("WEERBAAR_AERIAL_HR_URL", PDOK_AERIAL_HR)


def basemap_config() -> dict[str, Any]:
    """The WMTS base maps (PDOK BRT-Achtergrondkaart and Luchtfoto by default), configurable per deployment.

    WEERBAAR_WMTS_URL (a tile template with {z}/{x}/{y}, and {layer}; in the RD New tile matrix
    set EPSG:28992, or in EPSG:3857, which the viewer then reprojects), WEERBAAR_WMTS_LAYER,
    WEERBAAR_WMTS_ATTRIBUTION, WEERBAAR_WMTS_MAX_ZOOM, WEERBAAR_AERIAL_URL,
    WEERBAAR_AERIAL_MAX_ZOOM, WEERBAAR_WMTS_ENABLED=0 for none (offline).
    The host must be in WEERBAAR_CSP_IMG_SOURCES.
    """
    url = os.environ.get("WEERBAAR_WMTS_URL", PDOK_BRT)
    aerial = os.environ.get("WEERBAAR_AERIAL_URL", PDOK_AERIAL)
    return {
        "url": url,
        "grid": _grid(url),
        "maxZoom": _int_env("WEERBAAR_WMTS_MAX_ZOOM", 14),
        "layer": os.environ.get("WEERBAAR_WMTS_LAYER", "grijs"),
        "attribution": os.environ.get("WEERBAAR_WMTS_ATTRIBUTION", "Kaartgegevens © Kadaster / PDOK"),
        "enabled": os.environ.get("WEERBAAR_WMTS_ENABLED", "1").lower() in {"1", "true", "yes", "on"},
        "aerial_url": aerial,
        "aerialGrid": _grid(aerial),
        "aerialMaxZoom": _int_env("WEERBAAR_AERIAL_MAX_ZOOM", 14),
        "aerialHrGrid": _grid(aerial_hr_url()),
        "aerialHrMaxZoom": AERIAL_HR_MAX_ZOOM,
    }
