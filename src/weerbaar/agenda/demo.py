"""The agenda for `make run`: version 1 from the letter of 15 March 2021 (real content), then a
fictitious version 2 (marked "demo, fictief") so the version list and the diff have something to
show. Idempotent: nothing happens once a version exists."""

from __future__ import annotations

from typing import TextIO

from django.db import transaction

from weerbaar.core.demo import demo_loaders
from weerbaar.organisations.models import Organisation
from weerbaar.themes.models import Theme

from .models import Action, ActionComment, ActionStatus
from .starter import draft_freeze, first_version_load


@demo_loaders.register("60-agenda")
@transaction.atomic
def load(stdout: TextIO) -> None:
    first = first_version_load()
    if first is None:
        stdout.write("agenda: versions exist, nothing loaded\n")
        return
    province = Organisation.objects.get(code="PV23")
    Action.objects.filter(key="dashboard-vnonl").update(
        status=ActionStatus.GEREED,
        results_nl="Leerpunten gedeeld met alle Overijsselse gemeenten (demo, fictief).",
        results_de="Lernpunkte mit allen Gemeinden in Overijssel geteilt (Demo, fiktiv).",
    )
    Action.objects.filter(key="contactpersonen-per-thema").update(
        status=ActionStatus.GEREED, results_nl="De contactpersonengids staat op het platform (demo, fictief)."
    )
    platform = Action.objects.create(
        key="integrale-controles-platform",
        theme=Theme.objects.get(code="operationele-samenwerking"),
        title_nl="Integrale controles plannen op het platform (demo, fictief)",
        title_de="Integrierte Kontrollen auf der Plattform planen (Demo, fiktiv)",
        goal_nl="Bezoeklijsten en bevindingen van integrale controles delen.",
        goal_de="Besuchslisten und Feststellungen integrierter Kontrollen teilen.",
        status=ActionStatus.VERKEND,
        order=3,
    )
    platform.owners.set([province])
    draft_freeze(
        author=None,
        author_name="Demo-adviseur (fictief)",
        organisation_id=province.pk,
        reason="Stand van zaken bijgewerkt voor het jaarlijkse bestuurlijk overleg (demo, fictief).",
        dvo=True,
    )
    ActionComment.objects.create(
        action_key="dashboard-vnonl",
        version_number=2,
        organisation=Organisation.objects.get(code="GM0153"),
        text="Enschede deelt graag de eigen indicatoren (demo, fictief).",
    )
    stdout.write("agenda: versions 1 (letter of 2021) and 2 (demo) loaded\n")
