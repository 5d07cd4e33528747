"""Reads in the rural area: each takes the processing context and returns only what it may see.

One module per part: dumpings (and the disclosure-controlled counts), farm locations and
ervencoach visits (VAB, shielded and audited), the Keurmerk and its yearly report.
"""

from .dumpings import (
    REGION,
    THRESHOLD,
    TOTAL,
    AggregaatRij,
    DumpingAggregaat,
    dumping_get,
    dumping_list,
    dumpingen_per_gemeente,
    protected_table,
    vondstsoorten,
)
from .keurmerk import Jaarverslag, actie_get, acties, afspraken, deelnemers, jaarverslag
from .vab import BezoekOverzicht, VabRij, bezoek_onderwerpen, bezoeken_per_gemeente, vab_get, vab_lijst

__all__ = [
    "REGION",
    "THRESHOLD",
    "TOTAL",
    "AggregaatRij",
    "BezoekOverzicht",
    "DumpingAggregaat",
    "Jaarverslag",
    "VabRij",
    "actie_get",
    "acties",
    "afspraken",
    "bezoek_onderwerpen",
    "bezoeken_per_gemeente",
    "deelnemers",
    "dumping_get",
    "dumping_list",
    "dumpingen_per_gemeente",
    "jaarverslag",
    "protected_table",
    "vab_get",
    "vab_lijst",
    "vondstsoorten",
]
