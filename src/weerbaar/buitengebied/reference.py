"""The rural area's reference tables: kinds of drug waste found (what a report picks from) and the
topics an ervencoach discusses (what a visit picks from). Seeded by `weerbaar.core.reference_data`."""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

#: (code, nl, de, en)
VONDSTSOORTEN = [
    ("vaten", "vaten met chemisch afval", "Fässer mit Chemieabfällen", "drums of chemical waste"),
    ("jerrycans", "jerrycans", "Kanister", "jerrycans"),
    ("zakken", "zakken met vaste resten", "Säcke mit festen Rückständen", "bags of solid residue"),
    (
        "lozing",
        "lozing in bodem, sloot of riool",
        "Einleitung in Boden, Graben oder Kanal",
        "discharge into soil, ditch or sewer",
    ),
    ("mest", "gemengd in mest of gier", "mit Gülle oder Mist vermischt", "mixed into manure or slurry"),
    (
        "labmateriaal",
        "labmateriaal (glaswerk, ketels, koelers)",
        "Labormaterial (Glas, Kessel, Kühler)",
        "lab equipment (glassware, vessels, coolers)",
    ),
    (
        "voertuig",
        "voertuig of aanhanger met afval",
        "Fahrzeug oder Anhänger mit Abfall",
        "vehicle or trailer with waste",
    ),
]

#: (code, nl, de, en)
BEZOEKONDERWERPEN = [
    (
        "herkennen",
        "signalen van ondermijning herkennen",
        "Anzeichen von Unterwanderung erkennen",
        "recognising signs of organised crime",
    ),
    (
        "verhuur",
        "verhuur van schuren en loodsen",
        "Vermietung von Scheunen und Hallen",
        "renting out barns and sheds",
    ),
    ("drugsafval", "drugsafval en dumpingen", "Drogenabfälle und Ablagerungen", "drug waste and dumping"),
    (
        "melden",
        "melden (politie, Meld Misdaad Anoniem)",
        "Melden (Polizei, anonym)",
        "reporting (police, anonymously)",
    ),
    ("beveiliging", "beveiliging van het erf", "Sicherung des Hofes", "securing the farmyard"),
    (
        "stoppen",
        "bedrijfsbeëindiging en leegstand",
        "Betriebsaufgabe und Leerstand",
        "closing the farm and vacancy",
    ),
]


def _seed_table(model: Any, rows: list[tuple[str, str, str, str]], using: str) -> None:
    for code, nl, de, en in rows:
        model.objects.using(using).update_or_create(
            code=code, defaults={"naam": nl, "naam_de": de, "naam_en": en}
        )


def seed_vondstsoorten(*, apps: Any = global_apps, using: str = DEFAULT_DB_ALIAS) -> None:
    _seed_table(apps.get_model("buitengebied", "VondstSoort"), VONDSTSOORTEN, using)


def seed_bezoekonderwerpen(*, apps: Any = global_apps, using: str = DEFAULT_DB_ALIAS) -> None:
    _seed_table(apps.get_model("buitengebied", "BezoekOnderwerp"), BEZOEKONDERWERPEN, using)


def seed(*, apps: Any = global_apps, using: str = DEFAULT_DB_ALIAS) -> None:
    seed_vondstsoorten(apps=apps, using=using)
    seed_bezoekonderwerpen(apps=apps, using=using)
