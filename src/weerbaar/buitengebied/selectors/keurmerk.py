"""Reads of the Keurmerk Veilig Buitengebied and its yearly report.

The report's counts per municipality (ervencoach visits, dumpings) pass the same disclosure
control as the public dumping aggregate: a count below 5 is "< 5", and further cells are
suppressed so that no small count follows from the totals.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for

from ..models import ActieStatus, KeurmerkActie, KeurmerkAfspraak, KeurmerkDeelnemer
from .dumpings import DumpingAggregaat, dumpingen_per_gemeente
from .vab import BezoekOverzicht, bezoeken_per_gemeente


def deelnemers(*, ctx: ProcessingContext) -> list[KeurmerkDeelnemer]:
    return list(policy_for(KeurmerkDeelnemer).visible(ctx).select_related("organisatie"))


def afspraken(*, ctx: ProcessingContext) -> list[KeurmerkAfspraak]:
    return list(policy_for(KeurmerkAfspraak).visible(ctx))


def acties(*, ctx: ProcessingContext, jaar: int | None = None) -> list[KeurmerkActie]:
    qs = policy_for(KeurmerkActie).visible(ctx).select_related("eigenaar", "afspraak")
    if jaar is not None:
        qs = qs.filter(jaar=jaar)
    return list(qs)


def actie_get(*, ctx: ProcessingContext, pk: int) -> KeurmerkActie | None:
    return policy_for(KeurmerkActie).visible(ctx).select_related("eigenaar").filter(pk=pk).first()


@dataclass(frozen=True)
class Jaarverslag:
    jaar: int
    deelnemers: list[KeurmerkDeelnemer]
    bezoeken: BezoekOverzicht
    dumpingen: DumpingAggregaat
    acties: list[KeurmerkActie]
    #: (status, its label, number of the year's actions with it)
    acties_per_status: list[tuple[str, str, int]]


def jaarverslag(*, ctx: ProcessingContext, jaar: int) -> Jaarverslag:
    """The Keurmerk's yearly report: who took part, visits and dumpings per municipality (after
    disclosure control) and the year's actions by status."""
    year_actions = acties(ctx=ctx, jaar=jaar)
    per_status = Counter(a.status for a in year_actions)
    return Jaarverslag(
        jaar,
        deelnemers(ctx=ctx),
        bezoeken_per_gemeente(ctx=ctx, jaar=jaar),
        dumpingen_per_gemeente(ctx=ctx, jaar=jaar),
        year_actions,
        [(value, str(label), per_status.get(value, 0)) for value, label in ActieStatus.choices],
    )
