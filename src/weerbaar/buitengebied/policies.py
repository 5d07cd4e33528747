"""Who sees and changes what in the rural area.

Dumping reports are *intern*: partners see them; the reporting organisation and the province
(which reimburses landowners) change them; the province alone decides on a reimbursement. The
farm-location list (derived from registers, with residence answers) needs shielded clearance.
"""

from __future__ import annotations

from typing import Any

from weerbaar.core.access import PARTNER_ROLES, Role
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import AccessLevelPolicy, register_policy

from .models import Drugsafvaldumping

REPORTING_ROLES = frozenset(PARTNER_ROLES - {Role.FG, Role.BEHEERDER})


def is_province(ctx: ProcessingContext) -> bool:
    return ctx.has_role(Role.PROVINCIAAL_ADVISEUR)


def may_see_farm_locations(ctx: ProcessingContext) -> bool:
    """The VAB list: analysts with shielded clearance (it is built from residence answers)."""
    return ctx.clearance.shielded and ctx.has_role(
        Role.GEMEENTELIJK_ANALIST, Role.PROVINCIAAL_ADVISEUR, Role.RIEC_ANALIST
    )


@register_policy(Drugsafvaldumping)
class DrugsafvaldumpingPolicy(AccessLevelPolicy):
    def can_create(self, ctx: ProcessingContext) -> bool:
        return ctx.has_role(*REPORTING_ROLES) and ctx.organisation_id is not None

    def can_change(self, ctx: ProcessingContext, obj: Any) -> bool:
        if not self.can_view(ctx, obj) or not ctx.has_role(*REPORTING_ROLES):
            return False
        return obj.organisation_id == ctx.organisation_id or is_province(ctx)

    def can_decide_reimbursement(self, ctx: ProcessingContext, obj: Any) -> bool:
        return self.can_view(ctx, obj) and is_province(ctx)
