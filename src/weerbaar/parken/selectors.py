"""Reads of the holiday-park register: each takes the processing context and returns only what
it may see. Owners, residents and companies come from `weerbaar.registers.selectors` (audited
there: counts for partners, names only with shielded clearance); signals from
`weerbaar.signals.selectors`. Nothing here queries another app's tables.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from weerbaar.audit.recording import audited
from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.organisations.models import Area, AreaKind
from weerbaar.registers import selectors as registers
from weerbaar.registers.identifiers import address_key

from . import workflow
from .models import Park, Step, Trajectory, TrajectoryEvent, VitalityAssessment
from .policies import figures_visible
from .vitality import Explanation, explain, indicator_set

#: at most this many addresses and parcels of one park are read from the registers
PARK_ROWS = 2000


def _with_typology(qs: QuerySet[Park]) -> QuerySet[Park]:
    latest = VitalityAssessment.objects.filter(park=OuterRef("pk")).order_by("-assessed_on", "-id")
    return qs.annotate(typology=Subquery(latest.values("typology")[:1]))


def park_list(
    *, ctx: ProcessingContext, municipality: str = "", typology: str = "", limit: int = 5000
) -> list[Park]:
    """The parks the context may see, by name; for a context without figures only name,
    municipality and outline are meaningful (the views and the API show no more)."""
    qs = _with_typology(policy_for(Park).visible(ctx))
    if municipality:
        qs = qs.filter(municipality_code=municipality)
    if typology and figures_visible(ctx):
        qs = qs.filter(typology=typology)
    return list(qs.order_by("name")[:limit])


def parks_for_public_map(*, ctx: ProcessingContext) -> QuerySet[Park]:
    """The parks whose outline and name are public (stored *openbaar*), with their latest typology,
    for the map layer the platform publishes (`maplayer.py`); only the platform asks."""
    require(ctx.system, "the public park map is made by the platform")
    return _with_typology(Park.objects.filter(access_level=AccessLevel.OPENBAAR)).order_by("code")


def park_get(*, ctx: ProcessingContext, pk: int) -> Park | None:
    return _with_typology(policy_for(Park).visible(ctx)).filter(pk=pk).first()


def park_by_code(*, ctx: ProcessingContext, code: str) -> Park | None:
    return _with_typology(policy_for(Park).visible(ctx)).filter(code=code).first()


def park_registered(*, ctx: ProcessingContext, code: str) -> bool:
    """Hit / no hit: does the register hold a park with this code, whether or not `ctx` may see it?
    The question a signal's subject asks (`subjects.ParkKind.hit`); the answer is logged."""
    with audited(ctx, object_type="parken.park") as record:
        hit = Park.objects.filter(code=code).exists()
        record.answered(question={"parkcode": code}, answer=hit, object_id=code)
    return hit


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str


def municipalities(*, ctx: ProcessingContext) -> list[Municipality]:
    """The municipalities of the region (public), by name: who may take part in a trajectory."""
    areas = Area.objects.filter(kind=AreaKind.GEMEENTE).order_by("name").values_list("code", "name")
    return [Municipality(code, name) for code, name in areas]


def municipalities_with_parks(*, ctx: ProcessingContext) -> list[str]:
    return sorted(set(policy_for(Park).visible(ctx).values_list("municipality_code", flat=True)))


@dataclass
class RegisterPicture:
    """What the registers say about the park's ground: counts for partners; `owners` (names)
    only when the registers released them to a shielded context, None otherwise."""

    addresses: int
    parcels: int
    companies: int
    residents: int
    holders: int
    natural_persons: int
    legal_persons: int
    truncated: bool
    owners: dict[str, list[Any]] | None = None


@dataclass
class ParkProfile:
    park: Park
    figures: bool
    assessment: VitalityAssessment | None = None
    explanation: Explanation | None = None
    trajectories: list[TrajectoryRow] = field(default_factory=list)
    registers: RegisterPicture | None = None


def _inputs(park: Park) -> dict[str, Any]:
    return {i.field: getattr(park, i.field) for i in indicator_set().indicators}


def park_register_picture(*, ctx: ProcessingContext, park: Park, names: bool = False) -> RegisterPicture:
    """Counts of addresses, parcels, companies, residents and rights holders on the park's ground;
    with `names` the owners as the registers release them (only to shielded clearance, audited)."""
    ground = registers.gebied_inhoud(ctx=ctx, gebied=park.geometry, limit=PARK_ROWS)
    keys = [
        address_key(a["postcode"], a["huisnummer"], a["huisletter"], a["toevoeging"]) for a in ground.adressen
    ]
    parcels = [p["kadastrale_aanduiding"] for p in ground.percelen]
    telling = registers.eigendom_telling(ctx=ctx, aanduidingen=parcels)
    picture = RegisterPicture(
        addresses=len(ground.adressen),
        parcels=len(parcels),
        companies=len(ground.vestigingen),
        residents=registers.bewoners_aantal(ctx=ctx, adres_sleutels=keys) if keys else 0,
        holders=telling.rechthebbenden,
        natural_persons=telling.natuurlijke_personen,
        legal_persons=telling.rechtspersonen,
        truncated=ground.afgekapt,
    )
    if names:
        released = registers.eigenaren(ctx=ctx, aanduidingen=parcels)
        picture.owners = released or None
    return picture


def park_profile(*, ctx: ProcessingContext, pk: int, registers_picture: bool = True) -> ParkProfile | None:
    """The park, and for partners its latest assessment, the score with its inputs, its
    trajectories and (with `registers_picture`) what the registers hold on its ground."""
    park = park_get(ctx=ctx, pk=pk)
    if park is None:
        return None
    profile = ParkProfile(park=park, figures=figures_visible(ctx))
    if not profile.figures:
        return profile
    profile.assessment = park.assessments.first()
    profile.explanation = explain(_inputs(park))
    profile.trajectories = [
        _row(t) for t in policy_for(Trajectory).visible(ctx).filter(park=park).prefetch_related("events")
    ]
    if registers_picture:
        profile.registers = park_register_picture(ctx=ctx, park=park, names=ctx.clearance.shielded)
    return profile


@dataclass
class TrajectoryRow:
    trajectory: Trajectory
    overdue: bool
    events: list[TrajectoryEvent]

    @property
    def allowed_steps(self) -> list[str]:
        return sorted(workflow.TRANSITIONS[self.trajectory.step], key=list(Step.values).index)


def _row(trajectory: Trajectory, today: dt.date | None = None) -> TrajectoryRow:
    today = today or timezone.localdate()
    return TrajectoryRow(
        trajectory,
        workflow.overdue(
            step=trajectory.step,
            step_since=trajectory.step_since,
            next_date=trajectory.next_date,
            today=today,
        ),
        list(trajectory.events.all()),
    )


def trajectory_board(
    *, ctx: ProcessingContext, today: dt.date | None = None
) -> OrderedDict[str, list[TrajectoryRow]]:
    """All trajectories the context may see, grouped by step in the order of the workflow."""
    board: OrderedDict[str, list[TrajectoryRow]] = OrderedDict((s, []) for s in Step.values)
    qs = policy_for(Trajectory).visible(ctx).select_related("park").prefetch_related("events")
    for trajectory in qs:
        board[trajectory.step].append(_row(trajectory, today))
    return board


def trajectory_get(*, ctx: ProcessingContext, pk: int) -> Trajectory | None:
    return policy_for(Trajectory).visible(ctx).select_related("park").filter(pk=pk).first()
