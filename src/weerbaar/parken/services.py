"""Writes on vakantieparken: typed, keyword-only, the acting context explicit, audited."""

from __future__ import annotations

from django.db import transaction

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require

from .models import Park


@transaction.atomic
def park_create(*, ctx: ProcessingContext, title: str, access_level: str = AccessLevel.INTERN) -> Park:
    require(policy_for(Park).can_create(ctx), "not allowed to create a vakantiepark")
    assert ctx.actor is not None
    item = Park(title=title, access_level=access_level, organisation_id=ctx.organisation_id, created_by_id=ctx.actor.pk)
    item.full_clean()
    item.save()
    audit_log(ctx=ctx, action=Action.CREATE, object_type="parken.park", object_id=str(item.pk))
    return item
