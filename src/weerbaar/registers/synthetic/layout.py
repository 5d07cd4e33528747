"""Where things stand inside one PC4 area: building plots along streets.

Urban plots lie on a rotated street grid and are taken nearest to the real place centres
(TOP10NL) first, so villages and towns get compact cores; rural plots lie along a coarse road
grid outside those cores; business parks, holiday parks and harbours get their own plots.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from .areas import Area
from .geo import grid_to_xy, inside, xy_to_grid
from .reference import Pc4Area

HOUSEHOLD_SIZE = 2.15  # inhabitants per dwelling, CBS order of magnitude
ROW = 56.0  # distance between urban street lines (m)
SETBACK = 13.0  # house centre to street centre line (m)
CENTRE_TYPES = {"woonkern", "wijk", "buurt", "deelkern", "stadsdeel", "buurtschap", "gehucht"}


@dataclass
class Plot:
    x: float
    y: float
    angle: float
    kind: str  # woning | appartement | winkel | bedrijf | boerderij | chalet | woonboot | woonwagen
    street_key: tuple
    order: float  # position along the street, for numbering
    side: int  # -1 odd, +1 even
    score: float = 1.0  # 0 = place centre; grows outwards
    width: float = 8.0
    area: Area | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Centre:
    x: float
    y: float
    naam: str
    weight: float
    radius: float = 0.0


def plan_pc4(pc4: Pc4Area, areas: list[Area], scale: float, rng: np.random.Generator) -> list[Plot]:
    """All building plots of one PC4 at the given scale."""
    geom = pc4.geometry
    shapely.prepare(geom)
    blocked = None
    if areas:
        blocked = shapely.union_all([a.geometry.buffer(15) for a in areas])
        shapely.prepare(blocked)
    n_res = int(rng.poisson(pc4.inwoners * scale / HOUSEHOLD_SIZE))
    density = pc4.density
    rural_share = float(np.clip(0.42 - density / 4000, 0.03, 0.42))
    n_rural = int(rng.binomial(n_res, rural_share))
    n_urban = n_res - n_rural

    centres = _centres(pc4)
    plots, deficit = _urban_plots(geom, blocked, centres, n_urban, density, rng)
    plots += _rural_plots(geom, blocked, centres, n_rural + deficit, rng)
    for area in areas:
        if area.kind == "bedrijventerrein":
            plots += _business_plots(geom, area, scale, rng)
        elif area.kind == "vakantiepark":
            plots += _chalet_plots(geom, area, scale, rng)
        elif area.kind == "haven":
            plots += _mooring_plots(geom, area, scale, rng)
    return plots


def _centres(pc4: Pc4Area) -> list[Centre]:
    centres = [
        Centre(p.x, p.y, p.naam, float(max(p.inwoners, 20)))
        for p in pc4.places
        if p.type_gebied in CENTRE_TYPES and p.inwoners > 0
    ]
    if not centres:
        point = pc4.geometry.representative_point()
        centres = [Centre(point.x, point.y, pc4.plaats, 1.0)]
    total = sum(c.weight for c in centres)
    for c in centres:
        c.weight /= total
    return centres


def _outside(blocked, x, y) -> np.ndarray:
    if blocked is None:
        return np.ones(len(x), dtype=bool)
    return ~inside(blocked, x, y)


def _urban_plots(geom, blocked, centres, n_urban, density, rng) -> tuple[list[Plot], int]:
    if n_urban <= 0:
        return [], 0
    apt_share = float(np.clip((density - 1500) / 9000, 0, 0.35))
    n_apt_units = int(rng.binomial(n_urban, apt_share))
    n_blocks = int(np.ceil(n_apt_units / 10))
    n_shop = int(rng.binomial(n_urban, 0.02 if density > 1000 else 0.008))
    needed = (n_urban - n_apt_units) + 3 * n_blocks + n_shop
    spacing = float(np.clip(15 - density / 450, 6.5, 15))
    angle = float(rng.uniform(0, np.pi / 2))
    origin = (round(geom.centroid.x), round(geom.centroid.y))
    for c in centres:
        c.radius = float(np.sqrt(max(needed * c.weight, 1) * spacing * ROW / 2 / np.pi)) + 30
    cand = []
    for c in centres:
        reach = 2.4 * c.radius + 80
        uc, vc = xy_to_grid(c.x, c.y, origin, angle)
        i = np.arange(np.floor((uc - reach) / spacing), np.ceil((uc + reach) / spacing) + 1)
        j = np.arange(np.floor((vc - reach) / ROW), np.ceil((vc + reach) / ROW) + 1)
        ii, jj, ss = np.meshgrid(i, j, (-1, 1), indexing="ij")
        cand.append(np.stack([ii.ravel(), jj.ravel(), ss.ravel()], axis=1))
    slots = np.unique(np.concatenate(cand), axis=0).astype(np.int64)
    x, y = grid_to_xy(slots[:, 0] * spacing, slots[:, 1] * ROW + slots[:, 2] * SETBACK, origin, angle)
    keep = inside(geom, x, y) & _outside(blocked, x, y)
    slots, x, y = slots[keep], x[keep], y[keep]
    score = np.full(len(x), np.inf)
    for c in centres:
        score = np.minimum(score, np.hypot(x - c.x, y - c.y) / c.radius)
    score = score + rng.normal(0, 0.08, len(score))
    chosen = np.argsort(score, kind="stable")[:needed]
    deficit = max(0, needed - len(chosen))
    by_slot = {tuple(slots[k]): k for k in chosen}
    plots: list[Plot] = []
    consumed: set[int] = set()
    blocks_left, shops_left = n_blocks, n_shop
    units_left = n_apt_units
    for k in chosen:
        if k in consumed:
            continue
        i, j, s = (int(v) for v in slots[k])
        kind, width = "woning", spacing - 1.2
        extra: dict = {}
        if blocks_left and i % 3 == 0:
            blocks_left -= 1
            units = int(min(max(units_left, 2), rng.integers(4, 19)))
            units_left -= units
            kind, width, extra = "appartement", min(3 * spacing, 30) - 1.5, {"units": units}
            for n in (1, 2):
                if (i + n, j, s) in by_slot:
                    consumed.add(by_slot[(i + n, j, s)])
        elif shops_left:
            shops_left -= 1
            kind = "winkel"
        elif density > 400 and rng.random() < 0.0025:
            kind = "woonwagen"
        consumed.add(k)
        px, py = (x[k], y[k])
        if kind == "appartement":
            px, py = grid_to_xy((i + 1) * spacing, j * ROW + s * SETBACK, origin, angle)
        seg = i // (18 + (j * 7919 + 13) % 37)
        plots.append(
            Plot(
                float(px),
                float(py),
                angle,
                kind,
                ("u", j, seg),
                float(i),
                s,
                score=float(score[k]),
                width=width,
                extra=extra,
            )
        )
    return plots, deficit


def _rural_plots(geom, blocked, centres, n_rural, rng) -> list[Plot]:
    if n_rural <= 0:
        return []
    road = 650.0
    along = float(np.clip(2 * geom.area / (road * 3 * n_rural), 60, 600))
    angle = float(rng.uniform(0, np.pi))
    origin = (round(geom.centroid.x), round(geom.centroid.y))
    minx, miny, maxx, maxy = geom.bounds
    corners = xy_to_grid(
        np.array([minx, minx, maxx, maxx]), np.array([miny, maxy, miny, maxy]), origin, angle
    )
    i = np.arange(np.floor(corners[0].min() / along), np.ceil(corners[0].max() / along) + 1)
    j = np.arange(np.floor(corners[1].min() / road), np.ceil(corners[1].max() / road) + 1)
    ii, jj, ss = np.meshgrid(i, j, (-1, 1), indexing="ij")
    ii, jj, ss = ii.ravel(), jj.ravel(), ss.ravel()
    u = ii * along + rng.uniform(-0.3, 0.3, len(ii)) * along
    x, y = grid_to_xy(u, jj * road + ss * 30, origin, angle)
    keep = inside(geom, x, y) & _outside(blocked, x, y)
    for c in centres:
        keep &= np.hypot(x - c.x, y - c.y) > max(c.radius * 1.5, 250)
    idx = np.flatnonzero(keep)
    if len(idx) > n_rural:
        idx = np.sort(rng.choice(idx, size=n_rural, replace=False))
    plots = []
    for k in idx:
        kind = "boerderij" if rng.random() < 0.35 else "woning"
        plots.append(
            Plot(
                float(x[k]),
                float(y[k]),
                angle,
                kind,
                ("r", int(jj[k]), int(ii[k]) // 40),
                float(u[k]),
                int(ss[k]),
                score=3.0,
                width=11.0 if kind == "boerderij" else 10.0,
                extra={"rural": True},
            )
        )
    return plots


def _area_grid(geom, area: Area, du: float, dv: float, inset: float):
    rect = shapely.minimum_rotated_rectangle(area.geometry)
    ring = np.asarray(rect.exterior.coords)
    edge = ring[1] - ring[0]
    angle = float(np.arctan2(edge[1], edge[0]))
    target = area.geometry.buffer(-inset).intersection(geom)
    if target.is_empty:
        return None
    shapely.prepare(target)
    origin = (area.geometry.centroid.x, area.geometry.centroid.y)
    minx, miny, maxx, maxy = target.bounds
    cu, cv = xy_to_grid(np.array([minx, minx, maxx, maxx]), np.array([miny, maxy, miny, maxy]), origin, angle)
    ii, jj = np.meshgrid(
        np.arange(np.floor(cu.min() / du), np.ceil(cu.max() / du) + 1),
        np.arange(np.floor(cv.min() / dv), np.ceil(cv.max() / dv) + 1),
        indexing="ij",
    )
    x, y = grid_to_xy(ii.ravel() * du, jj.ravel() * dv, origin, angle)
    keep = inside(target, x, y)
    return x[keep], y[keep], ii.ravel()[keep], jj.ravel()[keep], angle


def _business_plots(geom, area, scale, rng) -> list[Plot]:
    grid = _area_grid(geom, area, 55.0, 75.0, 25.0)
    if grid is None:
        return []
    x, y, ii, jj, angle = grid
    take = rng.random(len(x)) < min(1.0, 0.85 * scale)
    return [
        Plot(
            float(x[k]),
            float(y[k]),
            angle,
            "bedrijf",
            ("b", area.identificatie, int(jj[k])),
            float(ii[k]),
            1 if jj[k] % 2 else -1,
            width=float(rng.uniform(25, 42)),
            area=area,
        )
        for k in np.flatnonzero(take)
    ]


def _chalet_plots(geom, area, scale, rng) -> list[Plot]:
    grid = _area_grid(geom, area, 18.0, 24.0, 8.0)
    if grid is None:
        return []
    x, y, ii, jj, angle = grid
    take = rng.random(len(x)) < min(1.0, 0.8 * scale)
    plots = [
        Plot(
            float(x[k]),
            float(y[k]),
            angle,
            "chalet",
            ("p", area.identificatie),
            float(jj[k] * 1000 + ii[k]),
            1,
            width=float(rng.uniform(6, 8.5)),
            area=area,
        )
        for k in np.flatnonzero(take)
    ]
    if plots:
        plots[0].kind = "receptie"
    return plots


def _mooring_plots(geom, area, scale, rng) -> list[Plot]:
    ring = area.geometry.exterior
    distances = np.arange(10.0, ring.length, 16.0)
    points = shapely.line_interpolate_point(ring, distances)
    ahead = shapely.line_interpolate_point(ring, distances + 1.0)
    x, y = shapely.get_x(points), shapely.get_y(points)
    angles = np.arctan2(shapely.get_y(ahead) - y, shapely.get_x(ahead) - x)
    centre = area.geometry.centroid
    # pull moorings 5 m into the basin so the boat lies on the water
    dx, dy = centre.x - x, centre.y - y
    norm = np.hypot(dx, dy)
    x, y = x + 5 * dx / norm, y + 5 * dy / norm
    keep = inside(geom, x, y) & (rng.random(len(x)) < min(1.0, 0.4 * scale))
    return [
        Plot(
            float(x[k]),
            float(y[k]),
            float(angles[k]),
            "woonboot",
            ("h", area.identificatie),
            float(k),
            1,
            width=18.0,
            area=area,
        )
        for k in np.flatnonzero(keep)
    ]
