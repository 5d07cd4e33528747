"""Reads of the agenda: the working copy (the draft), the published versions, their difference
and the comments. Each takes the processing context and returns only what it may see.

The agenda holds no personal data (organisations and their actions), so these reads need no
audit block; comments name their author's account, which partners see as they see an editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import is_partner, policy_for
from weerbaar.themes.selectors import theme_tree

from .models import Action, ActionComment, AgendaVersion
from .versions import AgendaDiff, snapshot_diff, snapshot_of


def _actions(ctx: ProcessingContext) -> QuerySet[Action]:
    return (
        policy_for(Action)
        .visible(ctx, Action.objects.all())
        .select_related("theme")
        .prefetch_related("owners")
    )


def draft_snapshot(*, ctx: ProcessingContext) -> dict[str, Any]:
    """The working copy as a snapshot: the five themes and the actions `ctx` may see."""
    return snapshot_of(_actions(ctx), theme_tree())


@dataclass
class AgendaOverview:
    latest: AgendaVersion | None
    draft: dict[str, Any]
    #: what the draft changes against the latest version
    pending: AgendaDiff


def agenda_overview(*, ctx: ProcessingContext) -> AgendaOverview | None:
    """The agenda as it stands (the draft), the latest version and what is not yet published."""
    if not is_partner(ctx):
        return None
    latest = policy_for(AgendaVersion).visible(ctx).order_by("-number").first()
    draft = draft_snapshot(ctx=ctx)
    pending = snapshot_diff(latest.snapshot if latest else {}, draft)
    return AgendaOverview(latest=latest, draft=draft, pending=pending)


def version_list(*, ctx: ProcessingContext) -> list[AgendaVersion]:
    """Every version, newest first (without their snapshots)."""
    return list(
        policy_for(AgendaVersion)
        .visible(ctx)
        .defer("snapshot")
        .select_related("organisation")
        .order_by("-number")
    )


def version_get(*, ctx: ProcessingContext, number: int) -> AgendaVersion | None:
    return policy_for(AgendaVersion).visible(ctx).select_related("organisation").filter(number=number).first()


@dataclass
class VersionComparison:
    old: AgendaVersion
    new: AgendaVersion
    diff: AgendaDiff


def versions_compare(*, ctx: ProcessingContext, old: int, new: int) -> VersionComparison | None:
    """The difference between two versions (any two, in either order), or None when one of them
    does not exist or may not be read."""
    found = {v.number: v for v in policy_for(AgendaVersion).visible(ctx).filter(number__in=[old, new])}
    if old not in found or new not in found:
        return None
    return VersionComparison(
        old=found[old], new=found[new], diff=snapshot_diff(found[old].snapshot, found[new].snapshot)
    )


def action_get(*, ctx: ProcessingContext, key: str) -> Action | None:
    return _actions(ctx).filter(key=key).first()


def action_comments(*, ctx: ProcessingContext, key: str) -> list[ActionComment]:
    return list(
        policy_for(ActionComment).visible(ctx).filter(action_key=key).select_related("author", "organisation")
    )
