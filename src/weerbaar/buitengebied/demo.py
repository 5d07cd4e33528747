"""Demo data of the rural area: fictitious dumpings (marked `fictief`), idempotent (`make run` loads it once).

Spread over several of the region's municipalities and years so the public aggregate shows both
published counts and suppressed ones.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import TextIO

from weerbaar.core.demo import demo_loaders
from weerbaar.organisations.models import Area

from .models import Betaler, Drugsafvaldumping, VondstSoort
from .workflow import DumpingStatus

#: (municipality name, reports per year 2024, 2025): some above the threshold, some below
SPREAD = {
    "Hardenberg": (6, 7),
    "Twenterand": (5, 3),
    "Dinkelland": (2, 6),
    "Almelo": (1, 1),
    "Raalte": (4, 5),
}


@demo_loaders.register("62-buitengebied")
def load(stdout: TextIO) -> None:
    if Drugsafvaldumping.objects.filter(fictief=True).exists():
        stdout.write("buitengebied: demo dumpings already there\n")
        return
    rng = random.Random(14)
    kinds = list(VondstSoort.objects.all())
    made = 0
    for name, per_year in SPREAD.items():
        area = Area.objects.filter(kind="gemeente", name=name, organisation__isnull=False).first()
        if area is None or not kinds:
            continue
        for year, count in zip((2024, 2025), per_year, strict=True):
            for _ in range(count):
                point = area.geometry.point_on_surface
                paid = rng.choice([Betaler.GRONDEIGENAAR, Betaler.GEMEENTE])
                state = rng.choice([DumpingStatus.GEMELD, DumpingStatus.OPGERUIMD])
                Drugsafvaldumping.objects.create(
                    gevonden_op=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                    punt=point,
                    gemeente_id=area.organisation_id,
                    soort=rng.choice(kinds),
                    hoeveelheid=Decimal(rng.choice([20, 60, 200, 600])),
                    eenheid="liter",
                    proces_verbaalnummer=f"PL0600-{year}{rng.randint(100000, 999999)}",
                    opruimkosten=Decimal(rng.randint(800, 12000)) if state != DumpingStatus.GEMELD else None,
                    betaald_door=paid if state != DumpingStatus.GEMELD else "",
                    status=state,
                    organisation_id=area.organisation_id,
                    toelichting="Gevonden door de pachter bij het maaien; vaten met chemische geur (fictief).",
                    fictief=True,
                )
                made += 1
    stdout.write(f"buitengebied: {made} fictitious dumpings\n")
