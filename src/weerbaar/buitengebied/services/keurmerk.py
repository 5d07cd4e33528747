"""Writes of the Keurmerk Veilig Buitengebied: participants, agreements, actions and their status."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require

from ..models import ActieStatus, KeurmerkActie, KeurmerkAfspraak, KeurmerkDeelnemer

OBJECT = "buitengebied.keurmerk"


def _saved(obj: Any, ctx: ProcessingContext, action: str) -> Any:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    obj.save()
    audit_log(
        ctx=ctx,
        action=action,
        object_type=f"buitengebied.{type(obj).__name__.lower()}",
        object_id=str(obj.pk),
    )
    return obj


@transaction.atomic
def deelnemer_create(*, ctx: ProcessingContext, data: dict[str, Any]) -> KeurmerkDeelnemer:
    require(policy_for(KeurmerkDeelnemer).can_create(ctx), "alleen de provincie legt deelnemers vast")
    return _saved(KeurmerkDeelnemer(**data), ctx, Action.CREATE)


@transaction.atomic
def afspraak_create(*, ctx: ProcessingContext, data: dict[str, Any]) -> KeurmerkAfspraak:
    require(policy_for(KeurmerkAfspraak).can_create(ctx), "alleen de provincie legt afspraken vast")
    return _saved(KeurmerkAfspraak(**data), ctx, Action.CREATE)


@transaction.atomic
def actie_create(*, ctx: ProcessingContext, data: dict[str, Any]) -> KeurmerkActie:
    require(policy_for(KeurmerkActie).can_create(ctx), "alleen de provincie legt acties vast")
    return _saved(KeurmerkActie(**data), ctx, Action.CREATE)


@transaction.atomic
def actie_status(*, ctx: ProcessingContext, actie: KeurmerkActie, status: str) -> KeurmerkActie:
    """Change an action's status (the province, or the organisation that owns the action)."""
    actie = KeurmerkActie.objects.select_for_update().get(pk=actie.pk)
    require(policy_for(KeurmerkActie).can_change(ctx, actie), "geen recht om deze actie te wijzigen")
    if status not in ActieStatus.values:
        raise ValidationError({"status": [f"'{status}' is geen status van een actie."]})
    actie.status = status
    return _saved(actie, ctx, Action.UPDATE)
