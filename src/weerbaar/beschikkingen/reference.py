"""The decisions' reference tables: the channel 'beschikkingen' (what a subscription listens to) and
the five kinds of decision of issue 15. Seeded by `weerbaar.core.reference_data`."""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from .notificaties import KANAAL

#: (code, nl, de, en, order)
SOORTEN = [
    (
        "sluiting-13b",
        "Sluiting (Opiumwet art. 13b)",
        "Schließung (Opiumwet Art. 13b)",
        "Closure (Opium Act s. 13b)",
        10,
    ),
    (
        "bibob-weigering",
        "Weigering na Bibob-toets",
        "Versagung nach Bibob-Prüfung",
        "Refusal after Bibob screening",
        20,
    ),
    ("vergunning-ingetrokken", "Ingetrokken vergunning", "Widerrufene Genehmigung", "Revoked permit", 30),
    ("subsidie-ingetrokken", "Ingetrokken subsidie", "Widerrufene Subvention", "Revoked subsidy", 40),
    ("overig", "Overige beschikking", "Sonstiger Bescheid", "Other decision", 90),
]


def seed(*, apps: Any = global_apps, using: str = DEFAULT_DB_ALIAS) -> None:
    """Create the channel and the kinds where missing; labels a partner edited are left alone."""
    Kanaal = apps.get_model("beschikkingen", "Kanaal")
    Soort = apps.get_model("beschikkingen", "BeschikkingSoort")
    Kanaal.objects.using(using).get_or_create(
        naam=KANAAL,
        defaults={
            "documentatie": "Beschikkingen van partners: sluitingen, Bibob-weigeringen, ingetrokken vergunningen en subsidies.",
            "filters": ["gemeente", "gebied", "onderwerpSoort", "beschikkingSoort"],
        },
    )
    for code, nl, de, en, order in SOORTEN:
        Soort.objects.using(using).get_or_create(
            code=code, defaults={"label_nl": nl, "label_de": de, "label_en": en, "order": order}
        )
