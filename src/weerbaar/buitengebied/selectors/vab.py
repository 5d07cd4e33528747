"""Reads of farm locations (VAB) and ervencoach visits, audited.

The list is shielded (`policies.may_see_farm_locations`): a refused read is logged with the
clearance's reason, a granted one with the locations shown. The risk score is computed here from
the table in `risk.py`, with every input beside it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for

from .. import risk
from ..models import BezoekOnderwerp, Drugsafvaldumping, ErvencoachBezoek, VabLocatie
from ..policies import may_see_farm_locations
from .dumpings import AggregaatRij, _municipalities, protected_table

OBJECT = "buitengebied.vablocatie"
VISIT = "buitengebied.ervencoachbezoek"
#: the processing activities a VAB read serves (the cleared roles hold a grant for one of them)
PURPOSES = ("gebiedsanalyse", "signaalverrijking", "informatieplein")
NOT_CLEARED = "de VAB-lijst is alleen voor analisten met afgeschermde toegang"


@dataclass(frozen=True)
class VabRij:
    locatie: VabLocatie
    invoer: risk.Invoer
    score: risk.Score
    bezoeken: list[ErvencoachBezoek] = field(default_factory=list)


def _dumping_points() -> list[tuple[float, float]]:
    return [(p.x, p.y) for p in Drugsafvaldumping.objects.values_list("punt", flat=True) if p is not None]


def _nearby(location: VabLocatie, points: list[tuple[float, float]]) -> int:
    if location.punt is None:
        return 0
    x, y = location.punt.x, location.punt.y
    return sum(1 for px, py in points if math.hypot(px - x, py - y) <= risk.DUMPING_RADIUS_M)


def _rows(locations: list[VabLocatie]) -> list[VabRij]:
    approached = Counter(
        dict(
            ErvencoachBezoek.objects.filter(locatie__in=[loc.pk for loc in locations], benaderd=True)
            .values("locatie_id")
            .annotate(n=Count("id"))
            .values_list("locatie_id", "n")
        )
    )
    points = _dumping_points()
    rows = []
    for location in locations:
        invoer = risk.Invoer(
            bedrijf_gestopt=location.bedrijf_gestopt,
            bewoners_aanwezig=location.bewoners_aanwezig,
            benaderd_bezoeken=approached[location.pk],
            benaderd_signalen=0,  # no signals selector counts signals per address yet
            dumpingen_1km=_nearby(location, points),
            energie_afwijkend=location.energie_afwijkend,
        )
        rows.append(VabRij(location, invoer, risk.score(invoer)))
    return rows


def vab_lijst(*, ctx: ProcessingContext, limit: int = 500, weergave: str = "lijst") -> list[VabRij] | None:
    """The farm locations the context may see, highest score first (then by address). None for a
    context without shielded clearance (the refusal is logged for a logged-in one). `weergave`
    names where they are shown in the audit entry: the list ("lijst") or the viewer's map layer
    ("kaart"), read the same way."""
    with audited(ctx, object_type=OBJECT, action=Action.LIST, purposes=PURPOSES) as record:
        if not may_see_farm_locations(ctx):
            if ctx.is_authenticated:
                record.refused(reason=ctx.clearance.reason or NOT_CLEARED)
            return None
        locations = list(policy_for(VabLocatie).visible(ctx).select_related("gemeente"))
        rows = sorted(_rows(locations), key=lambda r: (-r.score.totaal, r.locatie.adres))[:limit]
        record.disclosed(
            object_id=f"vab-{weergave}",
            detail={"locaties": len(rows), "adressen": [r.locatie.adres_sleutel for r in rows]},
        )
        return rows


def vab_get(*, ctx: ProcessingContext, pk: int) -> VabRij | None:
    """One location with its score and visits; None when it does not exist or may not be seen."""
    with audited(ctx, object_type=OBJECT, action=Action.VIEW, purposes=PURPOSES) as record:
        if not may_see_farm_locations(ctx):
            if ctx.is_authenticated:
                record.refused(reason=ctx.clearance.reason or NOT_CLEARED, object_id=str(pk))
            return None
        location = policy_for(VabLocatie).visible(ctx).select_related("gemeente").filter(pk=pk).first()
        if location is None:
            return None
        row = _rows([location])[0]
        visits = list(
            policy_for(ErvencoachBezoek).visible(ctx).filter(locatie=location).prefetch_related("onderwerpen")
        )
        record.disclosed(object_id=str(pk), detail={"adres": location.adres_sleutel, "bezoeken": len(visits)})
        return VabRij(row.locatie, row.invoer, row.score, visits)


def bezoek_onderwerpen() -> list[BezoekOnderwerp]:
    return list(BezoekOnderwerp.objects.all())


@dataclass(frozen=True)
class BezoekOverzicht:
    jaar: int
    #: visits per municipality, as published (disclosure control)
    bezoeken: list[AggregaatRij]
    regio: AggregaatRij
    #: (topic, times discussed in the region as published)
    onderwerpen: list[tuple[BezoekOnderwerp, str]]
    drempel: int


def _shown(n: int, threshold: int) -> str:
    return str(n) if n == 0 or n >= threshold else f"< {threshold}"


def bezoeken_per_gemeente(*, ctx: ProcessingContext, jaar: int) -> BezoekOverzicht:
    """The year's visits per municipality and the topics discussed in the region: counts only,
    under the same disclosure control as the dumpings (a small count is "< 5"). The count is a
    disclosure too and is logged as an answer."""
    municipalities = _municipalities()
    with audited(ctx, object_type=VISIT, action=Action.COUNT, purposes=PURPOSES) as record:
        visits = ErvencoachBezoek.objects.filter(bezocht_op__year=jaar)
        counts = {
            (row["gemeente_id"], jaar): row["n"]
            for row in visits.values("gemeente_id").annotate(n=Count("id")).order_by()
            if row["gemeente_id"] is not None
        }
        topics = Counter(
            dict(
                visits.values("onderwerpen")
                .annotate(n=Count("id"))
                .order_by()
                .values_list("onderwerpen", "n")
            )
        )
        record.answered(question={"ervencoachbezoeken in": jaar}, answer=sum(counts.values()))
    table = protected_table(counts, municipalities, [jaar])
    threshold = table.drempel
    return BezoekOverzicht(
        jaar,
        table.rijen,
        table.regio,
        [(t, _shown(topics.get(t.pk, 0), threshold)) for t in BezoekOnderwerp.objects.all()],
        threshold,
    )
