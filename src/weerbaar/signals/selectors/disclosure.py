"""Reads of disclosure requests: they name the matching subjects' keys and the stated purpose,
so every read is logged."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for
from weerbaar.core.subjects import kind_label
from weerbaar.registers import selectors as registers

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


def disclosure_key_labels(*, ctx: ProcessingContext, items: list[DisclosureRequest]) -> dict[str, str]:
    """What the matching keys of `items` stand for, for people: a company by name and KvK-nummer,
    an address as street, number, postcode and place. Read through the registers' selectors (which
    apply their policies) without the people behind them (`met_personen=False`: a label needs no
    officers or residents, so none are read); a person or another kind is named by its kind only,
    so the page shows no more about people than the key already did."""
    keys = {key for item in items for key in item.keys}
    return {key: _key_label(ctx, *key.partition(":")[::2]) for key in sorted(keys)}


def _key_label(ctx: ProcessingContext, kind: str, value: str) -> str:
    if kind == "onderneming":
        found = registers.onderneming_zoeken(ctx=ctx, kvk_nummer=value, met_personen=False).onderneming
        if found is not None:
            return _("%(naam)s (KvK-nummer %(kvk)s)") % {"naam": found.naam, "kvk": value}
        return _("onderneming met KvK-nummer %(kvk)s") % {"kvk": value}
    if kind == "adres":
        postcode, number, letter, addition = [*value.split("|"), "", "", ""][:4]
        written = f"{postcode} {number}" + (f" {letter}" if letter else "")
        written += (f" {addition}" if letter else f"-{addition}") if addition else ""
        result = registers.adres_zoeken(ctx=ctx, query=written, met_personen=False)
        if result.exact and result.adressen:
            return str(result.adressen[0])
        return written
    return str(kind_label(kind)) if kind else value
