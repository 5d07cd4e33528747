"""Trajectories: the transition table, tested exhaustively through the service; an invalid step
is refused and leaves the trajectory as it was; closing needs an outcome; overdue steps flagged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.parken import selectors, workflow
from weerbaar.parken.models import Step, Trajectory
from weerbaar.parken.services import trajectory_move, trajectory_start
from weerbaar.privacy.testing import ctx_of

pytestmark = pytest.mark.django_db
OPEN_STEPS = [s for s in Step.values if s != Step.AFGEROND]


@pytest.mark.parametrize("from_step", Step.values)
@pytest.mark.parametrize("to_step", Step.values)
def test_every_transition_is_allowed_or_refused_by_the_table(park, adviser, from_step, to_step):
    """Each pair of steps: the service does exactly what the table says."""
    ctx = ctx_of(adviser)
    trajectory = trajectory_start(ctx=ctx, park=park)
    Trajectory.objects.filter(pk=trajectory.pk).update(
        step=from_step, outcome="upgrade" if from_step == "afgerond" else ""
    )
    trajectory.refresh_from_db()
    outcome = "upgrade" if to_step == Step.AFGEROND else ""
    if workflow.allowed(from_step, to_step):
        moved = trajectory_move(ctx=ctx, trajectory=trajectory, to_step=to_step, outcome=outcome)
        assert moved.step == to_step and moved.events.last().from_step == from_step
    else:
        with pytest.raises(ValidationError):
            trajectory_move(ctx=ctx, trajectory=trajectory, to_step=to_step, outcome=outcome)
        trajectory.refresh_from_db()
        assert trajectory.step == from_step and trajectory.events.count() == 1


def test_closing_needs_an_outcome(park, adviser):
    ctx = ctx_of(adviser)
    trajectory = trajectory_start(ctx=ctx, park=park)
    with pytest.raises(ValidationError):
        trajectory_move(ctx=ctx, trajectory=trajectory, to_step=Step.AFGEROND)
    trajectory.refresh_from_db()
    assert trajectory.step == Step.INTAKE


def test_one_open_trajectory_per_park(park, adviser):
    trajectory_start(ctx=ctx_of(adviser), park=park)
    with pytest.raises(ValidationError):
        trajectory_start(ctx=ctx_of(adviser), park=park)


def test_a_partner_may_not_move_a_trajectory(park, adviser, region):
    """A police partner sees the trajectory but cannot change it."""
    trajectory = trajectory_start(ctx=ctx_of(adviser), park=park)
    partner = make_user(Role.PARTNER, "POLITIE-ON")
    with pytest.raises(PermissionDenied):
        trajectory_move(ctx=ctx_of(partner), trajectory=trajectory, to_step=Step.ANALYSE)


def test_board_groups_by_step_and_flags_overdue(park, adviser):
    """A next date in the past flags the trajectory as overdue in its column."""
    trajectory = trajectory_start(ctx=ctx_of(adviser), park=park, next_date=dt.date(2026, 1, 1))
    board = selectors.trajectory_board(ctx=ctx_of(adviser), today=dt.date(2026, 2, 1))
    assert list(board) == Step.values
    [row] = board[Step.INTAKE]
    assert row.trajectory == trajectory and row.overdue
    assert not workflow.overdue(
        step="intake", step_since=dt.date(2026, 1, 20), next_date=None, today=dt.date(2026, 2, 1)
    )
    assert workflow.overdue(
        step="intake", step_since=dt.date(2025, 12, 1), next_date=None, today=dt.date(2026, 2, 1)
    )
