"""Ervencoach visits: logging one, and removing visits whose retention date has passed.

A visit is kept `BEWAARTERMIJN_DAGEN` (setting BUITENGEBIED_BEZOEK_BEWAARDAGEN, default 2 years)
after the visit: long enough for the Keurmerk's yearly report and the follow-up, then it goes.
The retention run is the platform's own processing (`buitengebied_retention`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require

from ..models import BezoekOnderwerp, ErvencoachBezoek, VabLocatie

OBJECT = "buitengebied.ervencoachbezoek"
BEWAARTERMIJN_DAGEN = 2 * 365
PURPOSES = ("gebiedsanalyse",)


def bewaartermijn() -> dt.timedelta:
    return dt.timedelta(days=getattr(settings, "BUITENGEBIED_BEZOEK_BEWAARDAGEN", BEWAARTERMIJN_DAGEN))


@transaction.atomic
def bezoek_create(
    *, ctx: ProcessingContext, locatie: VabLocatie, data: dict[str, Any], fictief: bool = False
) -> ErvencoachBezoek:
    """Log a visit; its retention date follows from the visit's date. All errors at once."""
    policy = policy_for(ErvencoachBezoek)
    require(policy.can_create(ctx), "geen recht om bezoeken vast te leggen")
    require(policy_for(VabLocatie).can_view(ctx, locatie), "geen toegang tot deze locatie")
    errors: dict[str, list[str]] = {}
    bezocht_op = data.get("bezocht_op")
    if isinstance(bezocht_op, dt.date) and bezocht_op > timezone.localdate():
        errors["bezocht_op"] = ["Een bezoek ligt niet in de toekomst."]
    codes = list(data.get("onderwerpen") or [])
    topics = list(BezoekOnderwerp.objects.filter(code__in=[getattr(c, "code", c) for c in codes]))
    known = {t.code for t in topics}
    unknown = [str(getattr(c, "code", c)) for c in codes if getattr(c, "code", c) not in known]
    if unknown:
        errors["onderwerpen"] = [f"Onbekend onderwerp: {', '.join(unknown)}."]
    elif not topics:
        errors["onderwerpen"] = ["Kies ten minste één besproken onderwerp."]
    assert ctx.actor is not None
    with audited(ctx, object_type=OBJECT, action=Action.CREATE, purposes=PURPOSES) as record:
        visit = ErvencoachBezoek(
            locatie=locatie,
            bezocht_op=bezocht_op,
            coach_naam=(data.get("coach_naam") or "").strip(),
            materialen=(data.get("materialen") or "").strip(),
            vervolg=(data.get("vervolg") or "").strip(),
            benaderd=bool(data.get("benaderd")),
            gemeente_id=locatie.gemeente_id,
            bewaren_tot=(bezocht_op + bewaartermijn()) if isinstance(bezocht_op, dt.date) else None,
            organisation_id=ctx.organisation_id,
            created_by_id=ctx.actor.pk,
            fictief=fictief,
        )
        try:
            visit.full_clean(exclude=["bewaren_tot"] if visit.bewaren_tot is None else [])
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)
        visit.save()
        visit.onderwerpen.set(topics)
        record.disclosed(
            object_id=str(visit.pk),
            detail={"locatie": locatie.pk, "onderwerpen": sorted(t.code for t in topics)},
        )
    return visit


def bezoek_retention_due(*, ctx: ProcessingContext, today: dt.date | None = None) -> list[int]:
    """The ids of the visits whose retention date has passed."""
    require(ctx.system, "retention is the platform's own processing")
    today = today or timezone.localdate()
    with audited(ctx, object_type=OBJECT, action=Action.LIST, purposes=PURPOSES) as record:
        due = list(ErvencoachBezoek.objects.filter(bewaren_tot__lt=today).values_list("pk", flat=True))
        record.answered(question={"bewaartermijn verstreken voor": today.isoformat()}, answer=len(due))
        return due


@transaction.atomic
def bezoek_retention_run(
    *, ctx: ProcessingContext, today: dt.date | None = None, dry_run: bool = False
) -> list[int]:
    """Delete every visit whose retention date has passed (with `dry_run`: only list them).
    One audit entry per removed visit, naming its location and date, not its content."""
    due = bezoek_retention_due(ctx=ctx, today=today)
    if dry_run or not due:
        return due
    with audited(ctx, object_type=OBJECT, action=Action.DELETE, purposes=PURPOSES) as record:
        for pk, locatie_id, bezocht_op in ErvencoachBezoek.objects.filter(pk__in=due).values_list(
            "pk", "locatie_id", "bezocht_op"
        ):
            record.disclosed(
                object_id=str(pk),
                detail={"bewaartermijn": "verstreken", "locatie": locatie_id, "bezocht_op": str(bezocht_op)},
            )
        ErvencoachBezoek.objects.filter(pk__in=due).delete()
    return due
