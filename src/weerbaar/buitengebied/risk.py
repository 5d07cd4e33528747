"""The VAB risk indicators as a table: each with its weight, what it reads and how it counts.

The score only orders the analysts' attention (which location to look at first); it decides
nothing about anyone. It is the sum of weight × value over the indicators, each value between 0
and 1 (a yes/no is 0 or 1, a count is capped), so the maximum is the sum of the weights (100).
Every input is shown beside the score, and the Algoritmeregister page (`vab_algoritme.html`)
describes this same table. Changing a weight here changes the page and the list together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

#: a dumping this close (metres, RD New) to a farm location counts as nearby
DUMPING_RADIUS_M = 1000


@dataclass(frozen=True)
class Invoer:
    """The inputs of one location's score, as shown beside it."""

    bedrijf_gestopt: bool
    #: None: unknown (the registers were not asked), counts as 0
    bewoners_aanwezig: bool | None
    #: visits in which the farmer said criminals approached them
    benaderd_bezoeken: int
    #: signals about this location (no signals selector answers this yet: always 0)
    benaderd_signalen: int
    dumpingen_1km: int
    #: None: no partner supplied energy figures
    energie_afwijkend: bool | None


@dataclass(frozen=True)
class Indicator:
    code: str
    naam: str | Promise
    gewicht: int
    uitleg: str | Promise
    waarde: Callable[[Invoer], float]
    #: the raw input as shown (e.g. "ja", "2")
    invoer: Callable[[Invoer], object]


def _capped(n: int, cap: int) -> float:
    return min(n, cap) / cap


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "gestopt",
        _("agrarisch bedrijf gestopt"),
        25,
        _("Alle KvK-inschrijvingen met een landbouw-SBI-code (01) op dit adres zijn beëindigd."),
        lambda i: 1.0 if i.bedrijf_gestopt else 0.0,
        lambda i: i.bedrijf_gestopt,
    ),
    Indicator(
        "leegstand",
        _("geen bewoners ingeschreven"),
        25,
        _("Niemand staat op dit adres ingeschreven in de BRP (onbekend telt als 0)."),
        lambda i: 1.0 if i.bewoners_aanwezig is False else 0.0,
        lambda i: None if i.bewoners_aanwezig is None else not i.bewoners_aanwezig,
    ),
    Indicator(
        "benaderd",
        _("benaderd door criminelen"),
        20,
        _("Bezoeken waarin de ondernemer meldde benaderd te zijn, plus signalen (telt tot 2)."),
        lambda i: _capped(i.benaderd_bezoeken + i.benaderd_signalen, 2),
        lambda i: i.benaderd_bezoeken + i.benaderd_signalen,
    ),
    Indicator(
        "dumping",
        _("drugsafvaldumping binnen 1 km"),
        20,
        _("Gemelde dumpingen binnen 1 km van de locatie (telt tot 2)."),
        lambda i: _capped(i.dumpingen_1km, 2),
        lambda i: i.dumpingen_1km,
    ),
    Indicator(
        "energie",
        _("afwijkend energieverbruik"),
        10,
        _("Een partner (bijvoorbeeld de netbeheerder) meldde afwijkend verbruik; leeg telt als 0."),
        lambda i: 1.0 if i.energie_afwijkend else 0.0,
        lambda i: i.energie_afwijkend,
    ),
)
MAXIMUM = sum(ind.gewicht for ind in INDICATORS)


@dataclass(frozen=True)
class Bijdrage:
    indicator: Indicator
    invoer: object
    punten: float


@dataclass(frozen=True)
class Score:
    totaal: float
    bijdragen: list[Bijdrage]


def score(invoer: Invoer) -> Score:
    """The weighted sum with each indicator's input and points (rounded to one decimal)."""
    bijdragen = [
        Bijdrage(ind, ind.invoer(invoer), round(ind.gewicht * ind.waarde(invoer), 1)) for ind in INDICATORS
    ]
    return Score(round(sum(b.punten for b in bijdragen), 1), bijdragen)
