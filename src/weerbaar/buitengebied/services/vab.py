"""Writes on farm locations (VAB): the refresh from the registers, a signal from a location.

The refresh is the platform's own processing (a command or an import's follow-up: `ctx.system`):
it reads the registers only through `registers.selectors.agrarische_vestigingen` and stores one
row per address, so the analysts' list never touches the registers itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.organisations.models import Organisation
from weerbaar.registers import selectors as registers
from weerbaar.signals import services as signals

from ..models import VabLocatie

OBJECT = "buitengebied.vablocatie"


@dataclass(frozen=True)
class Ververst:
    nieuw: int
    bijgewerkt: int
    verwijderd: int


def _per_address(rows: list[registers.AgrarischeVestiging]) -> dict[str, dict]:
    """One location per address: stopped only when every agricultural establishment there ended."""
    found: dict[str, dict] = {}
    for row in rows:
        if not row.adres_sleutel:
            continue
        place = found.setdefault(
            row.adres_sleutel,
            {
                "adres": row.adres,
                "punt": row.punt,
                "gemeente_code": row.gemeente_code,
                "sbi_code": row.sbi_code,
                "sbi_omschrijving": row.sbi_omschrijving,
                "gebruiksdoel": row.gebruiksdoel,
                "bewoners_aanwezig": row.bewoners_aanwezig,
                "einden": [],
            },
        )
        place["einden"].append(row.datum_einde)
        if place["punt"] is None:
            place["punt"] = row.punt
    for place in found.values():
        einden: list[dt.date | None] = place.pop("einden")
        gestopt = all(e is not None for e in einden)
        place["bedrijf_gestopt"] = gestopt
        place["datum_einde"] = max(e for e in einden if e is not None) if gestopt else None
    return found


@transaction.atomic
def vab_refresh(*, ctx: ProcessingContext) -> Ververst:
    """Bring the farm locations in line with the registers: new addresses added, changed ones
    updated, addresses no longer agricultural removed (with their visits). Fictitious demo rows
    keep their demo marks. One audit entry with the counts."""
    require(policy_for(VabLocatie).can_create(ctx), "alleen het platform ververst de VAB-locaties")
    places = _per_address(registers.agrarische_vestigingen(ctx=ctx))
    municipality = dict(
        Organisation.objects.filter(cbs_code__in={p["gemeente_code"] for p in places.values()}).values_list(
            "cbs_code", "pk"
        )
    )
    with audited(ctx, object_type=OBJECT, action=Action.UPDATE, purposes=("gebiedsanalyse",)) as record:
        existing = {loc.adres_sleutel: loc for loc in VabLocatie.objects.select_for_update()}
        new = changed = 0
        for key, values in places.items():
            values["gemeente_id"] = municipality.get(values["gemeente_code"])
            location = existing.get(key)
            if location is None:
                VabLocatie.objects.create(adres_sleutel=key, **values)
                new += 1
                continue
            if location.fictief:  # a demo mark (stopped, no residents) is what the demo shows
                for field in ("bedrijf_gestopt", "datum_einde", "bewoners_aanwezig"):
                    values.pop(field)
            if any(getattr(location, f) != v for f, v in values.items()):
                for field, value in values.items():
                    setattr(location, field, value)
                location.save()
                changed += 1
        gone = [loc.pk for key, loc in existing.items() if key not in places]
        VabLocatie.objects.filter(pk__in=gone).delete()
        result = Ververst(new, changed, len(gone))
        record.disclosed(
            object_id="vab-locaties",
            detail={"nieuw": new, "bijgewerkt": changed, "verwijderd": len(gone), "totaal": len(places)},
        )
    return result


@transaction.atomic
def vab_energie_melden(
    *, ctx: ProcessingContext, locatie: VabLocatie, afwijkend: bool | None, bron: str
) -> VabLocatie:
    """Record what a partner (e.g. the grid operator) supplied about a location's energy use."""
    require(policy_for(VabLocatie).can_view(ctx, locatie), "geen toegang tot deze locatie")
    if afwijkend is not None and not bron.strip():
        raise ValidationError({"energie_bron": ["Noem de bron van de energiegegevens."]})
    with audited(ctx, object_type=OBJECT, action=Action.UPDATE, purposes=("gebiedsanalyse",)) as record:
        locatie = VabLocatie.objects.select_for_update().get(pk=locatie.pk)
        locatie.energie_afwijkend = afwijkend
        locatie.energie_bron = bron.strip()[:120]
        locatie.save(update_fields=["energie_afwijkend", "energie_bron", "bijgewerkt_op"])
        record.disclosed(object_id=str(locatie.pk), detail={"energie_afwijkend": afwijkend})
    return locatie


@transaction.atomic
def vab_signal_create(*, ctx: ProcessingContext, locatie: VabLocatie) -> int:
    """Open a signal (phenomenon: misuse of vacant farm buildings) about a location, through the
    signals' own service (its policy, numbering and audit); returns the signal's id. The signal
    gets the location's point and a neutral title: what it is about is for the analyst to write."""
    require(policy_for(VabLocatie).can_view(ctx, locatie), "geen toegang tot deze locatie")
    with translation.override("nl"):  # stored text, in the platform's language
        title = f"VAB-locatie {locatie.adres or locatie.adres_sleutel}"
        description = (
            "Geopend vanuit de VAB-lijst. Agrarisch bedrijf "
            + ("gestopt" if locatie.bedrijf_gestopt else "actief")
            + (f" (SBI {locatie.sbi_code})" if locatie.sbi_code else "")
            + "."
        )
    signal = signals.signal_create(
        ctx=ctx,
        data={
            "title": title[:200],
            "phenomenon": "vab",
            "received_on": dt.date.today(),
            "description": description,
            "point": locatie.punt,
        },
    )
    with audited(ctx, object_type=OBJECT, action=Action.UPDATE, purposes=("gebiedsanalyse",)) as record:
        record.disclosed(object_id=str(locatie.pk), detail={"signaal": signal.number})
    return signal.pk
