"""Demo data of the rural area, all fictitious (marked `fictief`), idempotent (`make run` loads it once).

Dumpings spread over several of the region's municipalities and years so the public aggregate
shows both published counts and suppressed ones. Farm locations come from the demo registers
(`vab_refresh`); the register generator seldom ends an agricultural company, so some locations
are marked stopped (and some without residents) here, fictitiously, to give the VAB list scores
to order. Then ervencoach visits on them and a Keurmerk with participants, agreements and actions.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import TextIO

from weerbaar.core.context import system_context
from weerbaar.core.demo import demo_loaders
from weerbaar.core.personal_data import platform_processing
from weerbaar.organisations.models import Area, Organisation

from . import services
from .models import (
    ActieStatus,
    Betaler,
    BezoekOnderwerp,
    DeelnemerSoort,
    Drugsafvaldumping,
    ErvencoachBezoek,
    KeurmerkActie,
    KeurmerkAfspraak,
    KeurmerkDeelnemer,
    VabLocatie,
    VondstSoort,
)
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
    load_dumpings(stdout)
    load_farm_locations(stdout)
    load_keurmerk(stdout)


def load_dumpings(stdout: TextIO) -> None:
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


#: every n-th farm location is marked stopped; every m-th of those also without residents
STOPPED_EVERY, EMPTY_EVERY = 3, 2
COACHES = ["A. de Vries (ervencoach, fictief)", "M. Jansen (ervencoach, fictief)"]


@platform_processing("demo data: fictitious VAB marks and ervencoach visits")
def load_farm_locations(stdout: TextIO) -> None:
    ctx = system_context(source="load_demo_data")
    done = services.vab_refresh(ctx=ctx)
    stdout.write(f"buitengebied: VAB-locaties {done.nieuw} new, {done.bijgewerkt} changed\n")
    if VabLocatie.objects.filter(fictief=True).exists():
        return
    rng = random.Random(4)
    locations = list(VabLocatie.objects.order_by("adres_sleutel"))
    topics = list(BezoekOnderwerp.objects.all())
    stopped = locations[::STOPPED_EVERY]
    for i, location in enumerate(stopped):
        location.fictief = True
        location.bedrijf_gestopt = True
        location.datum_einde = location.datum_einde or dt.date(2023, 1 + i % 12, 1)
        if i % EMPTY_EVERY == 0:
            location.bewoners_aanwezig = False
        if i % 5 == 0:
            location.energie_afwijkend = True
            location.energie_bron = "netbeheerder (fictief)"
        location.save()
    visits = 0
    for i, location in enumerate(locations[: max(12, len(locations) // 2)]):
        organisation = location.gemeente or Organisation.objects.filter(code="PV23").first()
        if organisation is None or not topics:
            continue
        for year in (2025, 2026):
            day = dt.date(year, rng.randint(1, 10), rng.randint(1, 28))
            visit = ErvencoachBezoek.objects.create(
                locatie=location,
                bezocht_op=day,
                coach_naam=COACHES[i % len(COACHES)],
                materialen=rng.choice(["folder", "folder, checklist", "sticker", ""]),
                vervolg=rng.choice(["", "terugbelafspraak over de leegstaande schuur"]),
                benaderd=location.fictief and rng.random() < 0.4,
                gemeente_id=location.gemeente_id,
                bewaren_tot=day + services.bewaartermijn(),
                organisation=organisation,
                fictief=True,
            )
            visit.onderwerpen.set(rng.sample(topics, k=min(2, len(topics))))
            visits += 1
    stdout.write(
        f"buitengebied: {len(stopped)} farm locations marked stopped (fictitious), {visits} visits\n"
    )


AFSPRAKEN = [
    (
        "Elke deelnemende gemeente heeft een aanspreekpunt buitengebied",
        "Bereikbaar voor ondernemers en ervencoaches.",
    ),
    (
        "Dumpingen worden binnen 24 uur opgeruimd",
        "De grondeigenaar krijgt de kosten vergoed via de provincie.",
    ),
    ("Ervencoaches bezoeken gestopte agrarische bedrijven", "Eerst de locaties met de hoogste VAB-score."),
]
ACTIES = [
    ("Voorlichtingsavond voor agrariërs", ActieStatus.AFGEROND),
    ("Meldpunt buitengebied in de gemeente-app", ActieStatus.LOPEND),
    ("Camerabeleid bij dumpinglocaties", ActieStatus.GEPLAND),
    ("Controle leegstaande schuren met de brandweer", ActieStatus.LOPEND),
]


def load_keurmerk(stdout: TextIO) -> None:
    if KeurmerkDeelnemer.objects.filter(fictief=True).exists():
        return
    municipalities = [
        a.organisation
        for a in Area.objects.filter(kind="gemeente", name__in=SPREAD, organisation__isnull=False)
    ]
    partners = list(Organisation.objects.filter(code__in=["PV23", "RIEC-ON", "POLITIE-ON"]))
    for org in municipalities:
        KeurmerkDeelnemer.objects.create(
            organisatie=org, soort=DeelnemerSoort.GEMEENTE, sinds=dt.date(2024, 1, 1), fictief=True
        )
    for org in partners:
        KeurmerkDeelnemer.objects.create(
            organisatie=org, soort=DeelnemerSoort.PARTNER, sinds=dt.date(2024, 1, 1), fictief=True
        )
    afspraken = [
        KeurmerkAfspraak.objects.create(
            titel=t, omschrijving=o, vastgesteld_op=dt.date(2024, 3, 1), fictief=True
        )
        for t, o in AFSPRAKEN
    ]
    owners = municipalities + partners
    for i, (titel, status) in enumerate(ACTIES):
        if not owners:
            break
        KeurmerkActie.objects.create(
            titel=titel,
            afspraak=afspraken[i % len(afspraken)],
            eigenaar=owners[i % len(owners)],
            status=status,
            jaar=2025 + i % 2,
            fictief=True,
        )
    stdout.write(f"buitengebied: Keurmerk with {len(owners)} participants\n")
