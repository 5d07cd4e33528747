"""The registry of indicators the platform computes from its own data.

Each entry is a definition (key, names, unit, theme, access level) and a function
`(ctx, start, end) -> {area code: value}` that reads only through another capability's
selectors (signals.selectors.signal_counts / signal_lead_times). Later figures (holiday parks,
rural areas) register here too: `@computed.register("key")` on a `Computed`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.registry import Registry
from weerbaar.signals.selectors import signal_counts, signal_lead_times


@dataclass(frozen=True)
class Computed:
    name_nl: str
    name_de: str
    name_en: str
    definition: str
    definition_de: str
    definition_en: str
    #: one of models.UNITS, so that pages show it in the reader's language
    unit: str
    theme: str
    values: Callable[[ProcessingContext, dt.date, dt.date], dict[str, float]]
    is_count: bool = True
    access_level: str = AccessLevel.OPENBAAR


computed: Registry[Computed] = Registry("indicator")


def _signals_per_municipality(
    ctx: ProcessingContext, start: dt.date, end: dt.date, *, phenomenon: str = "", state: str = ""
) -> dict[str, float]:
    totals: dict[str, float] = {}
    for row in signal_counts(ctx=ctx, start=start, end=end):
        if not row.municipality or (phenomenon and row.phenomenon != phenomenon):
            continue
        if state and row.state != state:
            continue
        totals[row.municipality] = totals.get(row.municipality, 0) + row.count
    return totals


computed.register("signalen")(
    Computed(
        name_nl="Signalen van ondermijning",
        name_de="Signale von Unterwanderung",
        name_en="Signals of subversive crime",
        definition="Aantal signalen dat in de periode op het platform is ontvangen, naar gemeente.",
        definition_de="Zahl der Signale, die im Zeitraum auf der Plattform eingegangen sind, je Gemeinde.",
        definition_en="Number of signals the platform received in the period, per municipality.",
        unit="aantal",
        theme="signalen",
        values=lambda ctx, start, end: _signals_per_municipality(ctx, start, end),
    )
)

computed.register("signalen-casus")(
    Computed(
        name_nl="Signalen die een casus werden",
        name_de="Signale, die zu einem Fall wurden",
        name_en="Signals that became a case",
        definition="Aantal signalen ontvangen in de periode dat nu in de fase casus is, naar gemeente.",
        definition_de=(
            "Zahl der im Zeitraum eingegangenen Signale, die sich jetzt in der Phase Fall befinden, "
            "je Gemeinde."
        ),
        definition_en="Number of signals received in the period that are now at the case stage, per municipality.",
        unit="aantal",
        theme="signalen",
        values=lambda ctx, start, end: _signals_per_municipality(ctx, start, end, state="casus"),
    )
)


def _lead_time(ctx: ProcessingContext, start: dt.date, end: dt.date) -> dict[str, float]:
    return {
        t.municipality: t.median_days
        for t in signal_lead_times(ctx=ctx, start=start, end=end)
        if t.municipality
    }


computed.register("doorlooptijd-signaal-interventie")(
    Computed(
        name_nl="Doorlooptijd van signaal tot interventie (mediaan, dagen)",
        name_de="Dauer vom Signal bis zur Intervention (Median, Tage)",
        name_en="Time from signal to intervention (median, days)",
        definition=(
            "Mediaan van het aantal dagen tussen het eerste signaal van een casus en de eerste "
            "uitgevoerde interventie, voor interventies in de periode, naar gemeente."
        ),
        definition_de=(
            "Median der Tage zwischen dem ersten Signal eines Falls und der ersten durchgeführten "
            "Intervention, für Interventionen im Zeitraum, je Gemeinde."
        ),
        definition_en=(
            "Median number of days between a case's first signal and its first intervention carried "
            "out, for interventions in the period, per municipality."
        ),
        unit="dagen",
        theme="signalen",
        values=_lead_time,
        is_count=False,
        access_level=AccessLevel.INTERN,
    )
)
