"""Who sees and changes holiday parks and trajectories.

A park's outline and name are public (parks are stored *openbaar*); its figures (units,
ownership structure, score and inputs, assessments) are for partners (`figures_visible`); names
of owners and residents only ever come from the registers' selectors, which require shielded
clearance and audit each read. Trajectories are *intern*: partners see them, advisers and
municipal analysts run them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from weerbaar.core.access import PARTNER_ROLES, Role
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import AccessLevelPolicy, register_policy

from .models import Park, Trajectory

#: roles that keep the register and run trajectories (the province's advisers, municipal analysts)
MANAGING = frozenset({Role.PROVINCIAAL_ADVISEUR, Role.GEMEENTELIJK_ANALIST, Role.BEHEERDER})


def figures_visible(ctx: ProcessingContext) -> bool:
    """May this context see a park's figures, beyond its outline and name?"""
    return ctx.has_role(*PARTNER_ROLES)


@register_policy(Park)
class ParkPolicy(AccessLevelPolicy):
    managing_roles: ClassVar[frozenset[str]] = MANAGING

    def can_create(self, ctx: Any) -> bool:
        return ctx.has_role(*MANAGING) and ctx.organisation_id is not None


@register_policy(Trajectory)
class TrajectoryPolicy(AccessLevelPolicy):
    managing_roles: ClassVar[frozenset[str]] = MANAGING

    def can_create(self, ctx: Any) -> bool:
        return ctx.has_role(*MANAGING) and ctx.organisation_id is not None
