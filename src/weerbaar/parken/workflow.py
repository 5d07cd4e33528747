"""The expertise centre's trajectory as a table of allowed step changes (tested exhaustively).

Forward one step, back one step (a plan that does not hold goes back to analysis), and from
any open step to `afgerond` with an outcome. Nothing leaves `afgerond`.
"""

from __future__ import annotations

import datetime as dt

from .models import Step

#: how long a step may last before the trajectory is flagged as overdue (days)
STEP_DAYS = {
    Step.INTAKE: 30,
    Step.ANALYSE: 60,
    Step.PLAN: 90,
    Step.UITVOERING: 365,
    Step.MONITORING: 365,
}

TRANSITIONS: dict[str, frozenset[str]] = {
    Step.INTAKE: frozenset({Step.ANALYSE, Step.AFGEROND}),
    Step.ANALYSE: frozenset({Step.INTAKE, Step.PLAN, Step.AFGEROND}),
    Step.PLAN: frozenset({Step.ANALYSE, Step.UITVOERING, Step.AFGEROND}),
    Step.UITVOERING: frozenset({Step.PLAN, Step.MONITORING, Step.AFGEROND}),
    Step.MONITORING: frozenset({Step.UITVOERING, Step.AFGEROND}),
    Step.AFGEROND: frozenset(),
}


def allowed(from_step: str, to_step: str) -> bool:
    return to_step in TRANSITIONS.get(from_step, frozenset())


def overdue(*, step: str, step_since: dt.date, next_date: dt.date | None, today: dt.date) -> bool:
    """A step is overdue when its next date has passed, or when it has lasted longer than the
    step's term and no next date was set."""
    if step == Step.AFGEROND:
        return False
    if next_date is not None:
        return next_date < today
    return (today - step_since).days > STEP_DAYS[Step(step)]
