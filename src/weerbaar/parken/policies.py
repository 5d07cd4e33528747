"""Who sees and changes vakantieparken: by access level; the own organisation's partners change them."""

from __future__ import annotations

from typing import Any

from weerbaar.core.access import PARTNER_ROLES
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import AccessLevelPolicy, register_policy

from .models import Park


@register_policy(Park)
class ParkPolicy(AccessLevelPolicy):
    def can_create(self, ctx: ProcessingContext) -> bool:
        return ctx.has_role(*PARTNER_ROLES) and ctx.organisation_id is not None

    def can_change(self, ctx: ProcessingContext, obj: Any) -> bool:
        return self.can_view(ctx, obj) and obj.organisation_id == ctx.organisation_id
