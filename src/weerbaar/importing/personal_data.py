"""Columns whose names say they hold personal data (names, dates of birth, BSN, e-mail, phone,
owners, residents), in Dutch, German and English.

An importer that does not know what a file holds asks `personal_data_columns` before it
publishes it: the map layers shield a layer with such columns unless an administrator set
its access level on purpose. Only the column names are looked at, never the values: a name
is what an administrator sees in the report and can check.

A name is split into words (at separators and camelCase) and folded (lower case, accents
and ß removed). Ambiguous short words count only as a whole word (`naam`, but not
`straatnaam` or `statnaam`); the longer stems also count inside a compound (`telefoonnummer`,
`eigenaren`, `E-Mail-Adresse`, `date_of_birth`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: whole words only: too short or too common to look for inside other words
WORDS = frozenset(
    {
        # Dutch
        "naam",
        "namen",
        "bsn",
        "tel",
        "telnr",
        "mobiel",
        "gsm",
        "mail",
        # German
        "name",
        "mobil",
        "handy",
        # English
        "names",
        "dob",
        "ssn",
        "mobile",
        "phone",
    }
)

#: stems that also count inside a compound word or a name written in parts
STEMS = (
    # Dutch
    "voornaam",
    "voornamen",
    "achternaam",
    "geslachtsnaam",
    "familienaam",
    "roepnaam",
    "geboortedatum",
    "geboortedag",
    "burgerservicenummer",
    "email",
    "telefoon",
    "eigenaar",
    "eigenaren",
    "bewoner",
    "huurder",
    # German
    "vorname",
    "nachname",
    "familienname",
    "geburtsname",
    "geburtsdatum",
    "geburtstag",
    "telefon",
    "eigentumer",
    "bewohner",
    "mieter",
    "steuerid",
    "personalausweis",
    # English
    "firstname",
    "lastname",
    "surname",
    "fullname",
    "birthdate",
    "dateofbirth",
    "birthday",
    "phonenumber",
    "telephone",
    "owner",
    "resident",
    "tenant",
)

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATORS = re.compile(r"[^a-z0-9]+")


def fold(name: str) -> list[str]:
    """The words of a column name, lower case, without accents: "E-Mail" → ["e", "mail"],
    "geboorteDatum" → ["geboorte", "datum"], "Eigentümer" → ["eigentumer"]."""
    spaced = _CAMEL.sub(" ", name.replace("ß", "ss"))
    plain = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode("ascii")
    return [word for word in _SEPARATORS.split(plain.lower()) if word]


def looks_personal(name: str) -> bool:
    """True when the column's name says it holds personal data (see the module docstring)."""
    words = fold(name)
    if any(word in WORDS for word in words):
        return True
    compact = "".join(words)
    return any(stem in compact for stem in STEMS)


def personal_data_columns(names: Iterable[str]) -> list[str]:
    """The names, in their order and spelling, that look like personal data."""
    return [name for name in names if looks_personal(str(name))]
