"""The shipped question table: what each kind of partner checks at an address. Loaded by
`services.vragen_standaard_laden` (the demo loader runs it); partners extend the table in the admin."""

STANDAARD_VRAGEN: dict[str, list[str]] = {
    "gemeente": [
        "Komt het gebruik overeen met het bestemmingsplan?",
        "Is er een geldige omgevingsvergunning voor het gebruik?",
        "Wordt er (permanent) gewoond?",
    ],
    "politie": [
        "Zijn er aanwijzingen voor drugsproductie of -opslag?",
        "Zijn er voertuigen of personen die aandacht vragen?",
    ],
    "belastingdienst": [
        "Staat de onderneming ingeschreven op dit adres?",
        "Zijn er aanwijzingen voor zwart werk of contante handel?",
    ],
    "riec": ["Zijn er signalen van ondermijning die verder uitgezocht moeten worden?"],
    "provincie": ["Is er sprake van strijd met provinciale regels (bijv. natuur, VAB)?"],
}
