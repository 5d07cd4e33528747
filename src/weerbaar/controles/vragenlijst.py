"""The shipped question table: what each kind of partner checks at an address, in Dutch, German and
English. Loaded by `services.vragen_standaard_laden` (the demo loader runs it); partners extend the
table in the admin. Migration 0002 carries a frozen copy of the translations for rows that existed
before questions had languages."""

from __future__ import annotations

from typing import NamedTuple


class Vraagtekst(NamedTuple):
    nl: str
    de: str
    en: str


STANDAARD_VRAGEN: dict[str, list[Vraagtekst]] = {
    "gemeente": [
        Vraagtekst(
            "Komt het gebruik overeen met het bestemmingsplan?",
            "Entspricht die Nutzung dem Bebauungsplan?",
            "Does the use comply with the zoning plan?",
        ),
        Vraagtekst(
            "Is er een geldige omgevingsvergunning voor het gebruik?",
            "Liegt für die Nutzung eine gültige Genehmigung vor?",
            "Is there a valid environmental permit for the use?",
        ),
        Vraagtekst(
            "Wordt er (permanent) gewoond?",
            "Wird hier (dauerhaft) gewohnt?",
            "Is anyone living here (permanently)?",
        ),
    ],
    "politie": [
        Vraagtekst(
            "Zijn er aanwijzingen voor drugsproductie of -opslag?",
            "Gibt es Hinweise auf Drogenherstellung oder -lagerung?",
            "Are there signs of drug production or storage?",
        ),
        Vraagtekst(
            "Zijn er voertuigen of personen die aandacht vragen?",
            "Gibt es auffällige Fahrzeuge oder Personen?",
            "Are there vehicles or people that call for attention?",
        ),
    ],
    "belastingdienst": [
        Vraagtekst(
            "Staat de onderneming ingeschreven op dit adres?",
            "Ist das Unternehmen unter dieser Adresse eingetragen?",
            "Is the business registered at this address?",
        ),
        Vraagtekst(
            "Zijn er aanwijzingen voor zwart werk of contante handel?",
            "Gibt es Hinweise auf Schwarzarbeit oder Bargeldhandel?",
            "Are there signs of undeclared work or cash trading?",
        ),
    ],
    "riec": [
        Vraagtekst(
            "Zijn er signalen van ondermijning die verder uitgezocht moeten worden?",
            "Gibt es Hinweise auf organisierte Kriminalität, die weiter untersucht werden müssen?",
            "Are there signs of organised crime that need further investigation?",
        )
    ],
    "provincie": [
        Vraagtekst(
            "Is er sprake van strijd met provinciale regels (bijv. natuur, VAB)?",
            "Liegt ein Verstoß gegen Regeln der Provinz vor (z. B. Natur, leerstehende Hofgebäude)?",
            "Is there a breach of provincial rules (e.g. nature, vacant farm buildings)?",
        )
    ],
}
