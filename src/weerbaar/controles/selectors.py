"""Reads of integrated controls: each takes the processing context and returns only what it may see.

The visit list reads the registers only through `weerbaar.registers.selectors` (what lies in the
area; residents and company officers for a cleared context), bound to the control's purpose: the
registers' audit entries name the processing activity the control was planned for, not whatever
the user declared last. Findings are personal data: read inside `audited(...)`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for
from weerbaar.indicators import selectors as indicators
from weerbaar.registers import selectors as registers
from weerbaar.registers.identifiers import address_key

from .models import Bevinding, BevindingFoto, Controle, Partner, Team, Vraag

#: the most addresses, parcels and branches one visit list lists (the page says when it was cut off)
MAX_BEZOEKADRESSEN = 2000
#: companies whose officers are looked up (one audited register read each)
MAX_ONDERNEMINGEN = 100
#: the processing activities a control's own reads serve when no purpose was declared
CONTROLE_PURPOSES = ("gebiedsanalyse", "informatieplein", "signaalverrijking")


def controle_list(*, ctx: ProcessingContext, limit: int = 100) -> list[Controle]:
    return list(policy_for(Controle).visible(ctx).select_related("organisation")[:limit])


def controle_get(*, ctx: ProcessingContext, pk: int) -> Controle | None:
    return policy_for(Controle).visible(ctx).select_related("organisation").filter(pk=pk).first()


def partners(*, ctx: ProcessingContext, controle: Controle) -> list[Partner]:
    return list(policy_for(Partner).visible(ctx).filter(controle=controle).select_related("organisation"))


def teams(*, ctx: ProcessingContext, controle: Controle) -> list[Team]:
    return list(policy_for(Team).visible(ctx).filter(controle=controle))


def vragen(*, ctx: ProcessingContext, controle: Controle) -> dict[str, list[Vraag]]:
    """The checklist: the questions of each partner taking part, by organisation name."""
    by_kind: dict[str, list[Vraag]] = {}
    for vraag in policy_for(Vraag).visible(ctx):
        by_kind.setdefault(vraag.organisatie_soort, []).append(vraag)
    return {
        p.organisation.name: by_kind[p.organisation.kind]
        for p in partners(ctx=ctx, controle=controle)
        if p.organisation.kind in by_kind
    }


def purpose_context(ctx: ProcessingContext, controle: Controle) -> ProcessingContext:
    """`ctx` bound to the control's purpose when it holds a grant for it; otherwise without a
    purpose, so shielded register parts are refused (and the refusal logged)."""
    if controle.doel in ctx.clearance.activities or ctx.system:
        return ctx.with_purpose(controle.doel)
    return ctx.with_purpose("")


@dataclass
class Bezoekadres:
    adres_sleutel: str
    label: str
    gebruiksdoel: str
    vestigingen: list[dict[str, Any]] = field(default_factory=list)
    #: names of the residents; None when the context may not see them
    bewoners: list[str] | None = None


@dataclass
class Bezoeklijst:
    controle: Controle
    adressen: list[Bezoekadres]
    percelen: list[dict[str, Any]]
    vestigingen: list[dict[str, Any]]
    afgekapt: bool
    #: kvk-nummer -> "name (function)" of its officers; None when the context may not see them
    functionarissen: dict[str, list[str]] | None
    #: why shielded parts are missing ('' when they are shown)
    weigering: str


def adres_label(row: dict[str, Any]) -> str:
    number = f"{row['huisnummer']}{row.get('huisletter') or ''}"
    if row.get("toevoeging"):
        number += f"-{row['toevoeging']}"
    return f"{row['openbare_ruimte_naam']} {number}, {row['postcode']} {row['woonplaats_naam']}"


def _naam(persoon: Any) -> str:
    return " ".join(p for p in (persoon.voornamen, persoon.voorvoegsel, persoon.geslachtsnaam) if p)


def bezoeklijst(*, ctx: ProcessingContext, controle: Controle) -> Bezoeklijst:
    """The addresses, parcels and company branches in the control's area, from the registers;
    residents per address and officers per company only for a context cleared for the control's
    purpose (every register read audited under that purpose). One entry of the control's own
    names the area and the counts."""
    bound = purpose_context(ctx, controle)
    gebied = controle.gebied
    found = registers.gebied_inhoud(ctx=bound, gebied=gebied, limit=MAX_BEZOEKADRESSEN)
    by_key: dict[str, Bezoekadres] = {}
    for row in found.adressen:
        key = address_key(row["postcode"], row["huisnummer"], row["huisletter"], row["toevoeging"])
        by_key[key] = Bezoekadres(key, adres_label(row), row.get("gebruiksdoel") or "")
    for branch in found.vestigingen:
        key = address_key(branch["postcode"], branch["huisnummer"])
        for adres in by_key.values():
            if adres.adres_sleutel.startswith(key.rstrip("|") + "|"):
                adres.vestigingen.append(branch)
                break
    weigering = registers.shielded_refusal(bound)
    functionarissen: dict[str, list[str]] | None = None
    if by_key:
        residents = registers.bewoners(ctx=bound, adres_sleutels=list(by_key))
        if residents is not None:
            for adres in by_key.values():
                adres.bewoners = []
            for resident in residents:
                if resident.adres_sleutel in by_key:
                    by_key[resident.adres_sleutel].bewoners.append(_naam(resident.persoon))  # type: ignore[union-attr]
    if not weigering:
        functionarissen = {}
        kvks = sorted({b["kvk_nummer"] for b in found.vestigingen})[:MAX_ONDERNEMINGEN]
        for kvk in kvks:
            company = registers.onderneming_zoeken(ctx=bound, kvk_nummer=kvk)
            if company.functionarissen is not None:
                functionarissen[kvk] = [f"{_naam(f.persoon)} ({f.functie})" for f in company.functionarissen]
    with audited(
        bound, object_type="controles.bezoeklijst", action=Action.LIST, purposes=CONTROLE_PURPOSES
    ) as record:
        record.disclosed(
            object_id=str(controle.pk),
            detail={
                "adressen": len(by_key),
                "percelen": len(found.percelen),
                "vestigingen": len(found.vestigingen),
                "afgeschermd": not weigering,
            },
        )
    return Bezoeklijst(
        controle,
        list(by_key.values()),
        found.percelen,
        found.vestigingen,
        found.afgekapt,
        functionarissen,
        weigering,
    )


def bezoekadres(*, ctx: ProcessingContext, controle: Controle, adres_sleutel: str) -> Bezoekadres | None:
    """One address of the control's visit list (its label for the checklist page), without the
    shielded parts; None when the address is not in the area."""
    found = registers.gebied_inhoud(ctx=ctx, gebied=controle.gebied, limit=MAX_BEZOEKADRESSEN)
    for row in found.adressen:
        key = address_key(row["postcode"], row["huisnummer"], row["huisletter"], row["toevoeging"])
        if key == adres_sleutel:
            return Bezoekadres(key, adres_label(row), row.get("gebruiksdoel") or "")
    return None


def bevindingen(*, ctx: ProcessingContext, controle: Controle) -> list[Bevinding]:
    """The findings of a control the context may see (a partner of it): one audit entry."""
    with audited(
        ctx, object_type="controles.bevinding", action=Action.LIST, purposes=CONTROLE_PURPOSES
    ) as record:
        rows = list(
            policy_for(Bevinding)
            .visible(ctx)
            .filter(controle=controle)
            .select_related("organisation", "vastgelegd_door")
            .prefetch_related("fotos")
        )
        record.disclosed(object_id=str(controle.pk), detail={"bevindingen": len(rows)})
        return rows


def bevinding_get(*, ctx: ProcessingContext, controle: Controle, pk: int) -> Bevinding | None:
    with audited(ctx, object_type="controles.bevinding", purposes=CONTROLE_PURPOSES) as record:
        row = policy_for(Bevinding).visible(ctx).filter(controle=controle, pk=pk).first()
        if row is not None:
            record.disclosed(
                object_id=str(row.pk), detail={"controle": controle.pk, "adres": row.adres_sleutel}
            )
        return row


def bevinding_foto(
    *, ctx: ProcessingContext, controle: Controle, bevinding: int, foto: int
) -> BevindingFoto | None:
    """One photo of a finding, for the control's partners only (None otherwise: the page says 404);
    an audited read like the finding itself."""
    with audited(ctx, object_type="controles.bevindingfoto", purposes=CONTROLE_PURPOSES) as record:
        row = (
            policy_for(BevindingFoto)
            .visible(ctx)
            .filter(pk=foto, bevinding_id=bevinding, bevinding__controle=controle)
            .first()
        )
        if row is not None:
            record.disclosed(object_id=str(row.pk), detail={"controle": controle.pk, "bevinding": bevinding})
        return row


#: the kinds of finding, in the order the summary shows them
SOORTEN = ("opvolging", "niemand_aanwezig", "geen_bijzonderheden")


@dataclass
class Samenvatting:
    controle: Controle
    adressen: int
    bezocht: int
    bevindingen: int
    per_soort: dict[str, int]
    per_partner: dict[str, int]
    signalen: int
    signaalnummers: list[str]


def samenvatting(*, ctx: ProcessingContext, controle: Controle) -> Samenvatting:
    """The figures of a control: addresses in the list, addresses visited, findings per kind and per
    partner, signals made. Counts of personal-data rows: logged as a count."""
    adressen = len(
        registers.gebied_inhoud(ctx=ctx, gebied=controle.gebied, limit=MAX_BEZOEKADRESSEN).adressen
    )
    with audited(ctx, object_type="controles.bevinding", purposes=CONTROLE_PURPOSES) as record:
        rows = list(
            policy_for(Bevinding)
            .visible(ctx)
            .filter(controle=controle)
            .values_list(
                "adres_sleutel", "niemand_aanwezig", "opvolging", "organisation__name", "signaal_nummer"
            )
        )
        record.answered(
            question={"bevindingen van controle": controle.pk}, answer=len(rows), object_id=str(controle.pk)
        )
    soorten: Counter[str] = Counter()
    for _key, niemand, opvolging, _org, _nr in rows:
        soorten["niemand_aanwezig" if niemand else "opvolging" if opvolging else "geen_bijzonderheden"] += 1
    nummers = sorted(nr for *_rest, nr in rows if nr)
    return Samenvatting(
        controle,
        adressen=adressen,
        bezocht=len({r[0] for r in rows}),
        bevindingen=len(rows),
        per_soort={s: soorten[s] for s in SOORTEN},
        per_partner=dict(sorted(Counter(r[3] for r in rows).items())),
        signalen=len(nummers),
        signaalnummers=nummers,
    )


@dataclass
class PubliekeSamenvatting:
    """The summary as it may be published: every figure a string, counts below the threshold
    shown as "< 5" and cells that would give them back as "×" (indicators' disclosure control)."""

    controle: Controle
    cijfers: dict[str, str]
    per_soort: dict[str, str]
    per_partner: dict[str, str]


def samenvatting_publiek(*, ctx: ProcessingContext, controle: Controle) -> PubliekeSamenvatting:
    s = samenvatting(ctx=ctx, controle=controle)
    soort = indicators.publiek_veilig(s.per_soort, totaal=("bevindingen", s.bevindingen))
    partner = indicators.publiek_veilig(s.per_partner, totaal=("bevindingen", s.bevindingen))
    losse = indicators.publiek_veilig({"adressen": s.adressen, "bezocht": s.bezocht, "signalen": s.signalen})
    return PubliekeSamenvatting(
        controle,
        cijfers={**losse, "bevindingen": soort["bevindingen"]},
        per_soort={k: v for k, v in soort.items() if k != "bevindingen"},
        per_partner={k: v for k, v in partner.items() if k != "bevindingen"},
    )
