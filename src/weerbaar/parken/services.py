"""Writes on the holiday-park register: typed, keyword-only, the acting context explicit, checked
by the policy, in a transaction, logged.

The attention score is recomputed in bulk from the stored inputs (`scores_recompute`), after an
import and after `park_inputs_refresh` took new counts from the registers and the signals.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from weerbaar.audit.models import Action, Result
from weerbaar.audit.services import audit_log
from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.context import ProcessingContext, system_context
from weerbaar.core.policies import policy_for, require
from weerbaar.geo.services import ImportFailed
from weerbaar.importing import FailurePolicy, Problem, RunRecord, RunStatus, checked_rows
from weerbaar.organisations.models import Area, AreaKind, Organisation, OrganisationKind
from weerbaar.registers import selectors as registers
from weerbaar.signals import selectors as signals

from . import workflow
from .importers import ParkListImporter
from .maplayer import park_layer_publish
from .models import Outcome, Park, Step, Trajectory, TrajectoryEvent, VitalityAssessment
from .vitality import explain, indicator_set, typology_of

SCORE_FIELDS = ("attention_score", "score_coverage", "score_version")
BATCH = 500


def _province_id() -> int:
    """The organisation that keeps parks the platform itself creates (an import by command, the demo)."""
    return int(
        Organisation.objects.filter(kind=OrganisationKind.PROVINCIE).values_list("pk", flat=True).get()
    )


@transaction.atomic
def park_save(*, ctx: ProcessingContext, code: str, values: dict[str, Any]) -> tuple[Park, bool]:
    """Create the park with this code or update it with `values` (model field names); checked
    with `full_clean`, so a bad value leaves the stored park as it was."""
    park = Park.objects.filter(code=code).first()
    policy = policy_for(Park)
    require(
        ctx.system or (policy.can_change(ctx, park) if park else policy.can_create(ctx)),
        "not allowed to keep parks",
    )
    created = park is None
    # outline and name are public (policies.py): a new park is stored *openbaar* unless told otherwise
    park = park or Park(
        code=code, organisation_id=ctx.organisation_id or _province_id(), access_level=AccessLevel.OPENBAAR
    )
    for name, value in values.items():
        setattr(park, name, value)
    park.full_clean()
    park.save()
    audit_log(
        ctx=ctx, action=Action.CREATE if created else Action.UPDATE, object_type="parken.park", object_id=code
    )
    return park, created


@transaction.atomic
def assessment_record(
    *,
    ctx: ProcessingContext,
    park: Park,
    quality: Decimal,
    outlook: Decimal,
    assessed_on: dt.date,
    assessor: str,
    note: str = "",
) -> VitalityAssessment:
    """The province's quality × outlook assessment; the typology follows from the quadrant. Only
    the provincial adviser assesses (the expertise centre's method), and the platform."""
    require(
        ctx.system or (ctx.has_role(Role.PROVINCIAAL_ADVISEUR) and policy_for(Park).can_change(ctx, park)),
        "only the provincial adviser assesses a park",
    )
    assessment = VitalityAssessment(
        park=park,
        quality=quality,
        outlook=outlook,
        typology=typology_of(quality, outlook),
        assessed_on=assessed_on,
        assessor=assessor,
        note=note,
    )
    assessment.full_clean()
    assessment.save()
    audit_log(ctx=ctx, action=Action.CREATE, object_type="parken.vitaliteitsbeoordeling", object_id=park.code)
    return assessment


@dataclass(frozen=True)
class Recomputed:
    parks: int
    scored: int
    version: str


def scores_recompute(*, ctx: ProcessingContext, park_ids: Iterable[int] | None = None) -> Recomputed:
    """Recompute the attention score of every park (or of `park_ids`) from its stored inputs with
    the current indicator set, in one transaction and in batches of `BATCH` rows."""
    require(ctx.system or ctx.has_role(*policy_for(Park).managing_roles), "not allowed to recompute scores")
    the_set = indicator_set()
    fields = [i.field for i in the_set.indicators]
    qs = Park.objects.only("pk", *fields).order_by("pk")
    if park_ids is not None:
        qs = qs.filter(pk__in=list(park_ids))
    rows: list[tuple[Any, ...]] = []
    scored = 0
    for park in qs.iterator(chunk_size=BATCH):
        explanation = explain({f: getattr(park, f) for f in fields}, the_set)
        scored += explanation.score is not None
        rows.append((explanation.score, explanation.coverage, the_set.version, park.pk))
    # one prepared UPDATE executed for every row: Django's bulk_update builds a CASE per field
    # over the whole batch, which is quadratic in practice (15 s for 2,000 parks on SQLite)
    meta = Park._meta
    columns = ", ".join(f"{connection.ops.quote_name(meta.get_field(f).column)} = %s" for f in SCORE_FIELDS)
    # only quoted model metadata goes into the text; the values are parameters
    table, key = connection.ops.quote_name(meta.db_table), connection.ops.quote_name(meta.pk.column)
    sql = f"UPDATE {table} SET {columns} WHERE {key} = %s"  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])
    total = len(rows)
    audit_log(
        ctx=ctx,
        action=Action.UPDATE,
        object_type="parken.aandachtsscore",
        detail={"parken": total, "versie": the_set.version},
    )
    return Recomputed(total, scored, the_set.version)


def park_inputs_refresh(
    *, ctx: ProcessingContext, parks: Iterable[Park], today: dt.date | None = None
) -> int:
    """Take the counts the registers and the signals give for each park's ground: companies
    established at its addresses and signals in the last two years. A platform process
    (`ctx.system`): the signals' area counts answer only the platform. Then recompute the scores."""
    require(ctx.system, "park inputs are refreshed by the platform")
    today = today or timezone.localdate()
    parks = list(parks)
    since = today.replace(year=today.year - 2)
    counts = signals.signal_counts_in_areas(ctx=ctx, areas={p.code: p.geometry for p in parks}, since=since)
    with transaction.atomic():
        for park in parks:
            ground = registers.gebied_inhoud(ctx=ctx, gebied=park.geometry, limit=10_000)
            park.companies_registered = len(ground.vestigingen)
            park.signals_two_years = counts.get(park.code, 0)
            park.inputs_measured_on = today
            park.save(update_fields=["companies_registered", "signals_two_years", "inputs_measured_on"])
    scores_recompute(ctx=ctx, park_ids=[p.pk for p in parks])
    return len(parks)


def parks_refresh(*, ctx: ProcessingContext, today: dt.date | None = None) -> Recomputed:
    """Every park's inputs from the registers and the signals, then every score: after a register
    import (the `parken_refresh` command) or a change of the indicator set. The platform only."""
    require(ctx.system, "park inputs are refreshed by the platform")
    park_inputs_refresh(ctx=ctx, parks=Park.objects.order_by("pk"), today=today)
    return scores_recompute(ctx=ctx)


# --- trajectories ---------------------------------------------------------------------------


@transaction.atomic
def trajectory_start(
    *,
    ctx: ProcessingContext,
    park: Park,
    partners: str = "",
    next_date: dt.date | None = None,
    municipality_code: str = "",
    first_step: str = "",
) -> Trajectory:
    """Open a trajectory with the park in step intake, with the municipality that takes part (the
    park's own by default) and the first step agreed; a park has at most one open trajectory."""
    require(ctx.system or policy_for(Trajectory).can_create(ctx), "not allowed to start a trajectory")
    if Trajectory.objects.filter(park=park).exclude(step=Step.AFGEROND).exists():
        raise ValidationError({"park": "dit park heeft al een lopend traject"})
    actor = ctx.actor.pk if ctx.actor is not None else None
    trajectory = Trajectory(
        park=park,
        municipality_code=municipality_code or park.municipality_code,
        partners=partners,
        step=Step.INTAKE,
        step_since=timezone.localdate(),
        next_date=next_date,
        organisation_id=ctx.organisation_id or _province_id(),
        created_by_id=actor,
    )
    trajectory.full_clean()
    trajectory.save()
    TrajectoryEvent.objects.create(
        trajectory=trajectory,
        kind=TrajectoryEvent.Kind.STAP,
        to_step=Step.INTAKE,
        text=first_step.strip(),
        by_id=actor,
    )
    audit_log(ctx=ctx, action=Action.CREATE, object_type="parken.traject", object_id=str(trajectory.pk))
    return trajectory


@transaction.atomic
def trajectory_move(
    *,
    ctx: ProcessingContext,
    trajectory: Trajectory,
    to_step: str,
    note: str = "",
    outcome: str = "",
    next_date: dt.date | None = None,
) -> Trajectory:
    """Move the trajectory to `to_step` if the transition table allows it; closing needs an outcome."""
    locked = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    require(
        ctx.system or policy_for(Trajectory).can_change(ctx, locked), "not allowed to change this trajectory"
    )
    if not workflow.allowed(locked.step, to_step):
        raise ValidationError(
            {"step": f"van {Step(locked.step).label} naar {to_step!s} is geen toegestane stap"}
        )
    if to_step == Step.AFGEROND and outcome not in set(Outcome.values) - {""}:
        raise ValidationError({"outcome": "een afgerond traject heeft een uitkomst"})
    from_step = locked.step
    locked.step, locked.step_since, locked.next_date = to_step, timezone.localdate(), next_date
    locked.outcome = outcome if to_step == Step.AFGEROND else ""
    locked.full_clean()
    locked.save()
    TrajectoryEvent.objects.create(
        trajectory=locked,
        kind=TrajectoryEvent.Kind.STAP,
        from_step=from_step,
        to_step=to_step,
        text=note,
        by_id=ctx.actor.pk if ctx.actor is not None else None,
    )
    audit_log(
        ctx=ctx,
        action=Action.UPDATE,
        object_type="parken.traject",
        object_id=str(locked.pk),
        detail={"van": from_step, "naar": to_step},
    )
    return locked


@transaction.atomic
def trajectory_decide(*, ctx: ProcessingContext, trajectory: Trajectory, text: str) -> TrajectoryEvent:
    """Record a decision taken in the trajectory (append-only)."""
    require(
        ctx.system or policy_for(Trajectory).can_change(ctx, trajectory),
        "not allowed to change this trajectory",
    )
    if not text.strip():
        raise ValidationError({"text": "een besluit heeft een omschrijving"})
    event = TrajectoryEvent.objects.create(
        trajectory=trajectory,
        kind=TrajectoryEvent.Kind.BESLUIT,
        text=text.strip(),
        by_id=ctx.actor.pk if ctx.actor is not None else None,
    )
    audit_log(ctx=ctx, action=Action.UPDATE, object_type="parken.traject", object_id=str(trajectory.pk))
    return event


# --- a park list in ------------------------------------------------------------------------


@dataclass
class ParkImport:
    run: RunRecord
    created: int
    updated: int

    @property
    def status(self) -> RunStatus:
        return self.run.status

    @property
    def problems(self) -> list[Problem]:
        return list(self.run.report.problems)


def _map_refresh(run: RunRecord) -> None:
    """The public map follows the register: the platform serves the parks' next layer version. A
    failing layer import keeps the imported parks (they are committed) and is said in the report."""
    try:
        park_layer_publish(ctx=system_context(source="parken import"))
    except ImportFailed as failed:
        run.report.warnings.append(
            f"kaartlaag vakantieparken niet bijgewerkt: {'; '.join(failed.report.errors)}"
        )


def park_list_import(*, ctx: ProcessingContext, path: Path, partial: bool = False) -> ParkImport:
    """A park list (CSV, XLSX, GeoPackage) into the register; then the scores of the parks in it are
    recomputed. All or nothing unless `partial`: then the good rows are kept, the others reported."""
    require(ctx.system or policy_for(Park).can_create(ctx), "not allowed to import parks")
    importer = ParkListImporter(
        municipalities=set(Area.objects.filter(kind=AreaKind.GEMEENTE).values_list("code", flat=True)),
        filename=path.name,
        partial=partial,
    )
    run = RunRecord(importer=importer.name, source=path.name, policy=importer.policy, actor=ctx.username)
    run.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    created = updated = 0
    try:
        rows = [cleaned for _number, cleaned in checked_rows(importer, path, run.report)]
        keep = run.report.failure is None and (
            run.report.ok or importer.policy == FailurePolicy.KEEP_VALID_ROWS
        )
        if keep and rows:
            with transaction.atomic():
                for values in rows:
                    _park, was_created = park_save(ctx=ctx, code=values.pop("code"), values=values)
                    created += was_created
                    updated += not was_created
                scores_recompute(ctx=ctx)
        run.finish(stored=created + updated)
        if created + updated:
            _map_refresh(run)
    except Exception as exc:
        run.broke_off(exc)
        raise
    finally:
        audit_log(
            ctx=ctx,
            action=Action.CREATE,
            object_type="parken.park",
            object_id=path.name,
            result=Result.ALLOWED if run.status != RunStatus.FAILED else Result.ERROR,
            detail={
                "status": str(run.status),
                "rows": run.report.rows,
                "nieuw": created,
                "bijgewerkt": updated,
            },
        )
    return ParkImport(run, created, updated)
