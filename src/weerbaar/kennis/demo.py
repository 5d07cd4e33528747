"""Demo content of the knowledge network: fictitious, marked as such, idempotent."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.db import transaction

from weerbaar.core.access import AccessLevel
from weerbaar.core.demo import demo_loaders
from weerbaar.organisations.models import Organisation
from weerbaar.search.services import search_index_update
from weerbaar.themes.models import Theme

from .models import DilemmaCase, DilemmaRoom, ItemKind, KnowledgeItem
from .search import CASE, ITEM

ITEMS = [
    (
        "GM0141",
        ItemKind.PILOT,
        "Pilot weerbaarheid Almelo: eerste lessen (demo, fictief)",
        "Pilot Resilienz Almelo: erste Erkenntnisse (Demo, fiktiv)",
        "Wat de gemeente leerde over de weerbaarheidsscan van de eigen organisatie.",
        ["bzk", "weerbaarheidsscan"],
        ["weerbaarheidsscans"],
    ),
    (
        "GM0148",
        ItemKind.PILOT,
        "Pilot weerbaarheid Dalfsen: bewustwording raadsleden (demo, fictief)",
        "Pilot Resilienz Dalfsen: Sensibilisierung der Ratsmitglieder (Demo, fiktiv)",
        "Een bijeenkomst voor raadsleden over ondermijning en integriteit.",
        ["bzk", "raad", "integriteit"],
        ["integriteit"],
    ),
    (
        "PV23",
        ItemKind.INSTRUMENT,
        "Checklist Bibob bij provinciale subsidies (demo, fictief)",
        "Checkliste Bibob bei Zuschüssen der Provinz (Demo, fiktiv)",
        "Wanneer de provincie een Bibob-toets vraagt bij een subsidieaanvraag.",
        ["bibob", "subsidie"],
        ["subsidies-en-vergunningen"],
    ),
    (
        "PV23",
        ItemKind.MODEL_DOCUMENT,
        "Modelconvenant informatie delen vakantieparken (demo, fictief)",
        "Mustervereinbarung Informationsaustausch Ferienparks (Demo, fiktiv)",
        "Een modelconvenant voor gemeenten en provincie over het delen van informatie over parken.",
        ["convenant", "vakantieparken"],
        ["vakantieparken"],
    ),
    (
        "GM0153",
        ItemKind.BEST_PRACTICE,
        "Integrale controle bedrijventerrein: zo pakten we het aan (demo, fictief)",
        "Integrierte Kontrolle im Gewerbegebiet: so sind wir vorgegangen (Demo, fiktiv)",
        "Voorbereiding, partners en nazorg van een integrale controle.",
        ["controle", "bedrijventerrein"],
        ["integrale-controles"],
    ),
]


@demo_loaders.register("62-kennis")
@transaction.atomic
def load(stdout: TextIO) -> None:
    if KnowledgeItem.objects.filter(fictitious=True).exists():
        stdout.write("kennis: demo content exists\n")
        return
    for org, kind, title_nl, title_de, summary, tags, themes in ITEMS:
        item = KnowledgeItem.objects.create(
            kind=kind,
            title_nl=title_nl,
            title_de=title_de,
            summary_nl=summary,
            tags=tags,
            owner=Organisation.objects.get(code=org),
            published_on=dt.date(2026, 9, 1),
            fictitious=True,
            access_level=AccessLevel.INTERN,
        )
        item.themes.set(Theme.objects.filter(code__in=themes))
        search_index_update(kind=ITEM, obj=item)
    DilemmaRoom.objects.get_or_create(key="integriteit", defaults={"name": "Integriteitsdilemma's"})
    case = DilemmaCase.objects.create(
        title="Een relatie van een wethouder vraagt een vergunning aan (demo, fictief)",
        text="Een aanvraag komt binnen van iemand uit de kring van een bestuurder. Hoe borg je dat de "
        "behandeling zuiver blijft?",
        lesson="Meld het vroeg, laat een ander behandelen en leg de afweging vast.",
        published_on=dt.date(2026, 10, 1),
        access_level=AccessLevel.INTERN,
    )
    case.themes.set(Theme.objects.filter(code="integriteit"))
    search_index_update(kind=CASE, obj=case)
    stdout.write("kennis: 5 items, 1 room, 1 case (fictitious)\n")
