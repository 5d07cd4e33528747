"""Demo data of the holiday-park register: fictitious parks (marked `fictief`) on real ground in
every municipality of the shipped region (one each, a second in the six with many parks), with
assessments, a spread of scores and trajectories. Idempotent: a second run updates the same parks
by code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TextIO

from weerbaar.core.demo import demo_loaders
from weerbaar.organisations.models import Area, AreaKind
from weerbaar.privacy.context import command_context

from .generator import Municipality, fictitious_parks
from .maplayer import park_layer_publish
from .models import Park, Step, Trajectory, VitalityAssessment
from .services import (
    assessment_record,
    park_save,
    scores_recompute,
    trajectory_decide,
    trajectory_move,
    trajectory_start,
)

#: municipalities with many holiday parks (Vechtdal, Salland, Twente, Kop van Overijssel): they
#: come first, so the parks beyond one per municipality and the trajectories fall to them
PARK_RICH = ("GM0175", "GM0160", "GM0148", "GM0177", "GM1774", "GM1708")
TRAJECTORY_STEPS = (Step.INTAKE, Step.ANALYSE, Step.PLAN, Step.UITVOERING)


def demo_places() -> list[Municipality]:
    """Every municipality of the region, the park-rich ones first (then by code)."""
    areas = Area.objects.filter(kind=AreaKind.GEMEENTE).order_by("code")
    places = [Municipality(a.code, a.name, a.geometry) for a in areas]
    return sorted(places, key=lambda p: (p.code not in PARK_RICH, p.code))


def load_parks(*, count: int | None = None) -> list[Park]:
    """`count` parks (default: one per municipality and one more in each park-rich one) with an
    assessment each, their scores, and trajectories on the first eight."""
    ctx = command_context(command="load_demo_data")
    places = demo_places()
    if not places:
        return []
    if count is None:
        count = len(places) + sum(1 for p in places if p.code in PARK_RICH)
    parks = []
    for values in fictitious_parks(places, count):
        quality, outlook = values.pop("assessment")
        park, _created = park_save(ctx=ctx, code=values.pop("code"), values=values)
        if not VitalityAssessment.objects.filter(park=park).exists():
            assessment_record(
                ctx=ctx,
                park=park,
                quality=Decimal(str(quality)),
                outlook=Decimal(str(outlook)),
                assessed_on=dt.date(2026, 6, 1),
                assessor="Expertisecentrum Vitale Vakantieparken (fictief)",
            )
        parks.append(park)
    scores_recompute(ctx=ctx)
    for n, park in enumerate(parks[: len(TRAJECTORY_STEPS) * 2]):
        if Trajectory.objects.filter(park=park).exists():
            continue
        target = TRAJECTORY_STEPS[n % len(TRAJECTORY_STEPS)]
        # every other trajectory has a next date in the past: the board shows it as overdue
        next_date = dt.date.today() + dt.timedelta(days=-10 if n % 2 else 30)
        trajectory = trajectory_start(ctx=ctx, park=park, partners="gemeente, provincie, RIEC (fictief)")
        for step in TRAJECTORY_STEPS[1 : TRAJECTORY_STEPS.index(target) + 1]:
            trajectory = trajectory_move(ctx=ctx, trajectory=trajectory, to_step=step, next_date=next_date)
        trajectory_decide(
            ctx=ctx, trajectory=trajectory, text="Intake gehouden met gemeente en VvE (fictief)."
        )
    return parks


@demo_loaders.register("60-parken")
def load(stdout: TextIO) -> None:
    parks = load_parks()
    stdout.write(f"parken: {len(parks)} fictitious holiday parks\n")
    version = park_layer_publish(ctx=command_context(command="load_demo_data"))
    if version is not None:
        stdout.write(f"kaartlaag vakantieparken: v{version.version}, {version.features} objecten\n")
