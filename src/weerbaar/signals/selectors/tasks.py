"""The work waiting for the context's organisation: signals at a step it may take, and the
cases it leads or works in. Read for the home page (`portal.views.home`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for

from ..models import Case, CaseTeamMember, Signal
from ..policies import ACTIVITIES, is_riec
from ..workflow import HOLDER, RIEC, TEAM, TERMINAL, allowed, transitions_from

#: a stage deadline this close counts as "soon" on the home page
DEADLINE_SOON = dt.timedelta(days=7)


@dataclass(frozen=True)
class Task:
    """One signal waiting for a step the context's organisation may take."""

    pk: int
    number: str
    title: str
    state: str
    state_label: str
    stage_deadline: dt.datetime | None
    case_pk: int | None

    @property
    def overdue(self) -> bool:
        return bool(self.stage_deadline and self.stage_deadline < timezone.now())


@dataclass(frozen=True)
class Work:
    tasks: list[Task]
    #: tasks whose stage deadline has passed or falls within `DEADLINE_SOON`, soonest first
    deadlines: list[Task]


def signal_tasks(*, ctx: ProcessingContext, limit: int = 50) -> Work:
    """The open signals the context may see where its organisation may take the next step,
    oldest deadline first (what the workflow table allows its roles in its scopes)."""
    org_id = ctx.organisation_id
    if org_id is None:
        return Work(tasks=[], deadlines=[])
    with audited(ctx, object_type="signals.signal", action=Action.LIST, purposes=ACTIVITIES) as record:
        signals = list(
            policy_for(Signal)
            .visible(ctx, Signal.objects.exclude(state__in=TERMINAL))
            .order_by("stage_deadline", "created_at")
        )
        teams = set(
            CaseTeamMember.objects.filter(
                organisation_id=org_id, case_id__in={s.case_id for s in signals if s.case_id}
            ).values_list("case_id", flat=True)
        )
        riec = is_riec(ctx)
        tasks = []
        for signal in signals:
            scopes = {
                *(
                    [HOLDER]
                    if org_id in (signal.reporting_organisation_id, signal.assigned_organisation_id)
                    else []
                ),
                *([RIEC] if riec else []),
                *([TEAM] if signal.case_id in teams else []),
            }
            if any(allowed(t, ctx.roles, frozenset(scopes)) for t in transitions_from(signal.state)):
                tasks.append(
                    Task(
                        pk=signal.pk,
                        number=signal.number,
                        title=signal.title,
                        state=signal.state,
                        state_label=signal.get_state_display(),
                        stage_deadline=signal.stage_deadline,
                        case_pk=signal.case_id,
                    )
                )
            if len(tasks) >= limit:
                break
        record.disclosed(detail={"scope": "taken", "signalen": len(tasks)})
    horizon = timezone.now() + DEADLINE_SOON
    deadlines = [t for t in tasks if t.stage_deadline is not None and t.stage_deadline <= horizon]
    return Work(tasks=tasks, deadlines=deadlines)


def case_list(*, ctx: ProcessingContext, limit: int = 10) -> list[Case]:
    """The cases the context's organisation leads or is in the team of, newest first. A case
    names no data subject (see `models`), so reading the list is not a personal-data read."""
    return list(
        policy_for(Case).visible(ctx).select_related("lead_organisation").order_by("-created_at")[:limit]
    )


def may_report_signal(*, ctx: ProcessingContext) -> bool:
    """Whether this context may register a signal (the intake refuses the others itself; pages ask
    this to offer the action only to who may take it)."""
    return bool(policy_for(Signal).can_create(ctx))
