"""Reads of disclosure requests: they name the matching subjects' keys and the stated purpose,
so every read is logged."""

from __future__ import annotations

from django.http import Http404

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for

from ..models import DisclosureRequest
from ..policies import ACTIVITIES

OBJECT_TYPE = "signals.verstrekkingsverzoek"


def disclosure_list(*, ctx: ProcessingContext, limit: int = 200) -> list[DisclosureRequest]:
    """Disclosure requests to or from the context's organisation, newest first."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.LIST, purposes=ACTIVITIES) as record:
        items = list(
            policy_for(DisclosureRequest)
            .visible(ctx)
            .select_related("requesting_organisation", "holder", "legal_basis", "requesting_signal")[:limit]
        )
        record.disclosed(detail={"verzoeken": [i.pk for i in items]})
        return items


def disclosure_get(*, ctx: ProcessingContext, pk: int) -> DisclosureRequest:
    with audited(ctx, object_type=OBJECT_TYPE, purposes=ACTIVITIES) as record:
        item = (
            policy_for(DisclosureRequest)
            .visible(ctx)
            .filter(pk=pk)
            .select_related("holder", "requesting_organisation", "requesting_signal")
            .first()
        )
        if item is None:
            raise Http404("Aanvraag niet gevonden.")
        record.disclosed(object_id=str(pk))
        return item
