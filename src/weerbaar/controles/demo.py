"""Demo data of integrated controls: the question table and one fictitious control (marked `demo`)
on a business park of the demo municipality, with the police and the tax office as partners.
Idempotent: a demo control with the same name is not created twice."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.contrib.auth import get_user_model
from django.contrib.gis.geos import Polygon

from weerbaar.core.context import Origin
from weerbaar.core.demo import demo_loaders
from weerbaar.core.spatial import RD_NEW
from weerbaar.organisations.selectors import organisation_list
from weerbaar.privacy.context import command_context, context_for_user

from . import services
from .models import Controle

NAAM = "Controle bedrijventerrein De Fictieve Hoek (demo)"
#: a square of 800 m around the demo signal's loods (signals/demo.py), RD New
GEBIED = Polygon.from_bbox((203000, 502700, 203800, 503500))


@demo_loaders.register("65-controles")
def load(stdout: TextIO) -> None:
    system = command_context(command="load_demo_data")
    added = services.vragen_standaard_laden(ctx=system)
    user = get_user_model().objects.filter(username="demo-gemeente").select_related("organisation").first()
    if user is None or user.organisation is None:
        stdout.write(f"controles: {added} vragen; geen demo-gemeente, geen democontrole\n")
        return
    if Controle.objects.filter(naam=NAAM).exists():
        stdout.write(f"controles: {added} vragen; democontrole bestaat al\n")
        return
    partners = [
        (o, rol)
        for kind, rol in (("politie", "toezicht en opsporing"), ("belastingdienst", "fiscale controle"))
        for o in organisation_list(user=system, kind=kind)[:1]
    ]
    ctx = context_for_user(user, origin=Origin.COMMAND, second_factor=True, source="load_demo_data")
    shape = GEBIED.clone()
    shape.srid = RD_NEW
    controle = services.controle_plan(
        ctx=ctx,
        naam=NAAM,
        datum=dt.date.today() + dt.timedelta(days=14),
        soort_gebied="bedrijventerrein",
        gebied=shape,
        doel="gebiedsanalyse",
        rol="regie en handhaving",
        partners=partners,
        teams=[
            services.TeamInvoer("Team noord", dt.time(9), dt.time(12), "gemeente, politie"),
            services.TeamInvoer("Team zuid", dt.time(13), dt.time(16), "gemeente, belastingdienst"),
        ],
    )
    Controle.objects.filter(pk=controle.pk).update(demo=True)
    stdout.write(f"controles: {added} vragen; democontrole aangemaakt\n")
