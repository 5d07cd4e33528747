"""Reads of decisions, subscriptions and deliveries: each takes the processing context and
returns only what it may see. Decisions and deliveries hold personal data (the subject), so they
are read inside `audited(...)` and returned as evaluated lists."""

from __future__ import annotations

from weerbaar.audit.models import Action
from weerbaar.audit.recording import audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for

from .models import Abonnement, Beschikking, BeschikkingSoort, Bezorging, BezorgStatus, Bezorgwijze

ACTIVITIES = ("informatieplein", "bibob-toets", "gebiedsanalyse")


def beschikking_list(*, ctx: ProcessingContext, limit: int = 200) -> list[Beschikking]:
    with audited(
        ctx, object_type="beschikkingen.beschikking", action=Action.LIST, purposes=ACTIVITIES
    ) as record:
        items = list(
            policy_for(Beschikking)
            .visible(ctx)
            .select_related("soort", "organisation", "grondslag", "grondslag_delen")[:limit]
        )
        record.disclosed_each([i.onderwerp_sleutel for i in items], detail={"lijst": "beschikkingen"})
    return items


def beschikking_get(*, ctx: ProcessingContext, pk: int) -> Beschikking | None:
    with audited(ctx, object_type="beschikkingen.beschikking", purposes=ACTIVITIES) as record:
        item = (
            policy_for(Beschikking)
            .visible(ctx)
            .select_related("soort", "organisation", "grondslag", "grondslag_delen")
            .filter(pk=pk)
            .first()
        )
        if item is not None:
            record.disclosed(subject_id=item.onderwerp_sleutel, object_id=str(item.pk))
            # evaluated here: the page lists them outside this block
            item.bezorgd_aan = list(  # type: ignore[attr-defined]
                item.bezorgingen.select_related("abonnement__organisation").order_by("id")
            )
    return item


def beschikking_soorten() -> list[BeschikkingSoort]:
    return list(BeschikkingSoort.objects.all())


def abonnement_list(*, ctx: ProcessingContext) -> list[Abonnement]:
    return list(policy_for(Abonnement).visible(ctx).select_related("organisation", "user"))


def abonnement_get(*, ctx: ProcessingContext, pk: int) -> Abonnement | None:
    return policy_for(Abonnement).visible(ctx).filter(pk=pk).first()


def berichten_voor(*, ctx: ProcessingContext, limit: int = 50) -> list[Bezorging]:
    """The in-platform notifications for the acting person (their in-app subscriptions)."""
    if ctx.actor is None:
        return []
    with audited(
        ctx, object_type="beschikkingen.bezorging", action=Action.LIST, purposes=ACTIVITIES
    ) as record:
        items = list(
            Bezorging.objects.filter(
                abonnement__bezorgwijze=Bezorgwijze.IN_APP,
                abonnement__user_id=ctx.actor.pk,
                abonnement__organisation_id=ctx.organisation_id,
                status=BezorgStatus.BEZORGD,
            )
            .select_related("beschikking__soort", "beschikking__organisation")
            .order_by("-id")[:limit]
        )
        record.disclosed_each(
            [b.beschikking.onderwerp_sleutel for b in items if b.met_persoonsgegevens],
            detail={"lijst": "berichten"},
        )
    return items


def onbestelbaar_list(*, ctx: ProcessingContext) -> list[Bezorging]:
    """The dead-letter list (administrators): deliveries given up after the last attempt."""
    with audited(
        ctx, object_type="beschikkingen.bezorging", action=Action.LIST, purposes=ACTIVITIES
    ) as record:
        items = list(
            policy_for(Bezorging)
            .visible(ctx)
            .filter(status=BezorgStatus.ONBESTELBAAR)
            .select_related("abonnement__organisation", "beschikking__soort", "beschikking__organisation")
        )
        record.disclosed_each(
            [b.beschikking.onderwerp_sleutel for b in items if b.met_persoonsgegevens],
            detail={"lijst": "onbestelbaar"},
        )
    return items


def bezorging_get(*, ctx: ProcessingContext, pk: int) -> Bezorging | None:
    with audited(ctx, object_type="beschikkingen.bezorging", purposes=ACTIVITIES):
        return policy_for(Bezorging).visible(ctx).filter(pk=pk).first()
