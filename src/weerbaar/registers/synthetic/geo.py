"""Small vectorised geometry helpers in RD New (EPSG:28992)."""

from __future__ import annotations

import numpy as np
import shapely

# Schreutelkamp & Strang van Hees approximation RD -> ETRS89/WGS84 (about 1 m accurate),
# used so the generator needs no PROJ install for the lat/lon columns of the exports.
_K = (
    (0, 1, 3235.65389),
    (2, 0, -32.58297),
    (0, 2, -0.24750),
    (2, 1, -0.84978),
    (0, 3, -0.06550),
    (2, 2, -0.01709),
    (1, 0, -0.00738),
    (4, 0, 0.00530),
    (2, 3, -0.00039),
    (4, 1, 0.00033),
    (1, 1, -0.00012),
)
_L = (
    (1, 0, 5260.52916),
    (1, 1, 105.94684),
    (1, 2, 2.45656),
    (3, 0, -0.81885),
    (1, 3, 0.05594),
    (3, 1, -0.05607),
    (0, 1, 0.01199),
    (3, 2, -0.00256),
    (1, 4, 0.00128),
    (0, 2, 0.00022),
    (2, 0, -0.00022),
    (5, 0, 0.00026),
)


def rd_to_wgs84(x: np.ndarray | float, y: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """(lon, lat) in degrees for RD coordinates."""
    dx = (np.asarray(x, dtype=float) - 155000.0) * 1e-5
    dy = (np.asarray(y, dtype=float) - 463000.0) * 1e-5
    lat = 52.15517440 + sum(k * dx**p * dy**q for p, q, k in _K) / 3600.0
    lon = 5.38720621 + sum(k * dx**p * dy**q for p, q, k in _L) / 3600.0
    return lon, lat


def rotated_rectangles(
    cx: np.ndarray, cy: np.ndarray, width: np.ndarray, depth: np.ndarray, angle: np.ndarray
) -> np.ndarray:
    """Rectangles centred at (cx, cy): width along the angle's direction, depth across it."""
    cx, cy, width, depth, angle = np.broadcast_arrays(
        np.asarray(cx, float),
        np.asarray(cy, float),
        np.asarray(width, float),
        np.asarray(depth, float),
        np.asarray(angle, float),
    )
    ux, uy = np.cos(angle), np.sin(angle)
    vx, vy = -uy, ux
    corners = np.array([(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5), (-0.5, -0.5)])
    xs = (
        cx[:, None]
        + corners[None, :, 0] * width[:, None] * ux[:, None]
        + corners[None, :, 1] * depth[:, None] * vx[:, None]
    )
    ys = (
        cy[:, None]
        + corners[None, :, 0] * width[:, None] * uy[:, None]
        + corners[None, :, 1] * depth[:, None] * vy[:, None]
    )
    coords = np.stack([np.round(xs, 3), np.round(ys, 3)], axis=-1)
    return shapely.polygons(coords)


def grid_to_xy(
    u: np.ndarray, v: np.ndarray, origin: tuple[float, float], angle: float
) -> tuple[np.ndarray, np.ndarray]:
    """Rotate grid coordinates (u along the streets, v across) into RD."""
    c, s = np.cos(angle), np.sin(angle)
    return origin[0] + u * c - v * s, origin[1] + u * s + v * c


def xy_to_grid(
    x: np.ndarray, y: np.ndarray, origin: tuple[float, float], angle: float
) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of grid_to_xy."""
    c, s = np.cos(angle), np.sin(angle)
    dx, dy = np.asarray(x) - origin[0], np.asarray(y) - origin[1]
    return dx * c + dy * s, -dx * s + dy * c


def largest_polygon(geom: shapely.Geometry) -> shapely.Geometry:
    """The largest Polygon part of any geometry (empty polygon if none)."""
    if geom is None or geom.is_empty:
        return shapely.Polygon()
    if geom.geom_type == "Polygon":
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon"]
    if not parts:
        nested = [largest_polygon(g) for g in shapely.get_parts(geom) if g.geom_type != "Polygon"]
        parts = [g for g in nested if not g.is_empty]
    return max(parts, key=lambda g: g.area) if parts else shapely.Polygon()


def inside(geom: shapely.Geometry, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Boolean mask of the points that lie inside geom (geom must be prepared for speed)."""
    if len(x) == 0:
        return np.zeros(0, dtype=bool)
    return shapely.contains_xy(geom, x, y)
