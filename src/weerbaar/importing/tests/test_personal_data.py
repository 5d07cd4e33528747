"""Which column names count as personal data: the usual Dutch, German and English ones, written
in any case, with separators, in camelCase or as compounds; and the place, street and company
names that are not, so an open layer of places is not shielded for its `statnaam`."""

import pytest

from weerbaar.importing.personal_data import fold, looks_personal, personal_data_columns

PERSONAL = [
    # Dutch
    "naam",
    "Naam",
    "voornaam",
    "Voornamen",
    "achternaam",
    "geslachtsnaam",
    "geboortedatum",
    "geboorte_datum",
    "GeboorteDatum",
    "bsn",
    "BSN",
    "burgerservicenummer",
    "e-mail",
    "email",
    "E_Mail",
    "emailadres",
    "telefoon",
    "telefoonnummer",
    "tel",
    "tel_nr",
    "eigenaar",
    "naam_eigenaar",
    "eigenaren",
    "bewoner",
    "bewoners",
    # German
    "Name",
    "Vorname",
    "Nachname",
    "Geburtsdatum",
    "E-Mail-Adresse",
    "Telefonnummer",
    "Eigentümer",
    "Bewohner",
    # English
    "name",
    "first_name",
    "firstName",
    "LastName",
    "surname",
    "date_of_birth",
    "dateOfBirth",
    "birthdate",
    "phone",
    "phone_number",
    "owner",
    "owner_name",
    "resident",
]

NOT_PERSONAL = [
    "statnaam",
    "straatnaam",
    "gemeentenaam",
    "plaatsnaam",
    "handelsnaam",
    "id",
    "code",
    "postcode",
    "huisnummer",
    "oppervlakte",
    "datum",
    "geometrie",
    "x",
    "lat",
    "type",
    "bron",
    "Gemeinde",
    "Ortsname",
    "filename",
    "username_count",
]


@pytest.mark.parametrize("column", PERSONAL)
def test_personal_column_names_are_recognised(column):
    assert looks_personal(column), column


@pytest.mark.parametrize("column", NOT_PERSONAL)
def test_other_column_names_are_not(column):
    assert not looks_personal(column), column


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("E-Mail", ["e", "mail"]),
        ("geboorteDatum", ["geboorte", "datum"]),
        ("Eigentümer", ["eigentumer"]),
        ("Straße", ["strasse"]),
        ("  naam  ", ["naam"]),
    ],
)
def test_fold_splits_and_folds_a_column_name(name, words):
    assert fold(name) == words


def test_the_columns_are_named_in_their_order_and_spelling():
    columns = ["id", "Geburtsdatum", "statnaam", "E-Mail", "x", "naam"]
    assert personal_data_columns(columns) == ["Geburtsdatum", "E-Mail", "naam"]
    assert personal_data_columns([]) == []
