"""Demo data of Beschikkingen: three fictitious decisions of the demo municipality (kenmerk
starting with DEMO-) and in-platform subscriptions of the demo province and RIEC accounts; one
decision is shared, so their "berichten" show a notification. Idempotent. Needs the demo
accounts (loader "10-accounts") and the region."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.contrib.auth import get_user_model
from django.contrib.gis.geos import Point

from weerbaar.core.context import Origin
from weerbaar.core.demo import demo_loaders
from weerbaar.organisations.models import RD_NEW
from weerbaar.privacy.context import context_for_user
from weerbaar.privacy.models import LegalBasis

from .models import Abonnement, BeschikkingSoort, Bezorgwijze
from .selectors import beschikking_list
from .services import abonnement_create, beschikking_create

DEMO = [
    ("DEMO-13B-001", "sluiting-13b", "gemeentewet-172", "adres", "8011AB 1", "", (203400, 503100), True),
    (
        "DEMO-BIBOB-002",
        "bibob-weigering",
        "wet-bibob",
        "onderneming",
        "12345678",
        "Fictieve Horeca B.V.",
        None,
        False,
    ),
    (
        "DEMO-SUB-003",
        "subsidie-ingetrokken",
        "avg-6-1-e",
        "onderneming",
        "87654321",
        "Voorbeeld Stichting",
        None,
        False,
    ),
]


def _ctx(username: str):
    user = get_user_model().objects.filter(username=username).select_related("organisation").first()
    if user is None or user.organisation is None:
        return None
    return context_for_user(user, origin=Origin.COMMAND, second_factor=True)


@demo_loaders.register("60-beschikkingen")
def load(stdout: TextIO) -> None:
    gemeente = _ctx("demo-gemeente")
    if gemeente is None:
        stdout.write("beschikkingen: geen demo-gemeente; overgeslagen\n")
        return
    code = gemeente.organisation.cbs_code or "GM0193"
    for username in ("demo-provincie", "demo-riec"):
        ctx = _ctx(username)
        if (
            ctx is not None
            and not Abonnement.objects.filter(
                organisation_id=ctx.organisation_id, naam__endswith="(demo)"
            ).exists()
        ):
            abonnement_create(
                ctx=ctx,
                naam=f"Beschikkingen in {code} (demo)",
                bezorgwijze=Bezorgwijze.IN_APP,
                gemeenten=[code],
            )
    known = {b.kenmerk for b in beschikking_list(ctx=gemeente)}
    created = 0
    for kenmerk, soort, grondslag, kind, identifier, naam, point, delen in DEMO:
        if kenmerk in known:
            continue
        beschikking_create(
            ctx=gemeente,
            soort=BeschikkingSoort.objects.get(code=soort),
            kenmerk=kenmerk,
            grondslag=LegalBasis.objects.get(code=grondslag),
            grondslag_delen=LegalBasis.objects.get(code="riec-convenant") if delen else None,
            onderwerp_soort=kind,
            onderwerp_identificatie=identifier,
            onderwerp_naam=naam,
            gemeente=code,
            locatie=Point(*point, srid=RD_NEW) if point else None,
            datum=dt.date(2026, 11, 2),
            ingang=dt.date(2026, 11, 16),
            einde=dt.date(2027, 5, 16) if soort == "sluiting-13b" else None,
            contact="Team Openbare Orde, oov@gemeente.example (demo)",
            delen=delen,
        )
        created += 1
    stdout.write(f"beschikkingen: {created} demo-beschikkingen\n")
