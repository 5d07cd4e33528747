"""Writes in the rural area: typed, keyword-only, the acting context explicit, audited.

One module per part: dumpings, farm locations (VAB), ervencoach visits, the Keurmerk.
"""

from .dumpings import (
    OBJECT,
    TransitionError,
    dumping_create,
    dumping_signal_create,
    dumping_transition,
)
from .ervencoach import bewaartermijn, bezoek_create, bezoek_retention_due, bezoek_retention_run
from .keurmerk import actie_create, actie_status, afspraak_create, deelnemer_create
from .vab import Ververst, vab_energie_melden, vab_refresh, vab_signal_create

__all__ = [
    "OBJECT",
    "TransitionError",
    "Ververst",
    "actie_create",
    "actie_status",
    "afspraak_create",
    "bewaartermijn",
    "bezoek_create",
    "bezoek_retention_due",
    "bezoek_retention_run",
    "deelnemer_create",
    "dumping_create",
    "dumping_signal_create",
    "dumping_transition",
    "vab_energie_melden",
    "vab_refresh",
    "vab_signal_create",
]
