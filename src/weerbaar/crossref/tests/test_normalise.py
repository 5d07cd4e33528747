"""Dutch normalisation: one parametrised row per rule of the tables in `crossref.normalise`."""

import pytest

from weerbaar.crossref.normalise.addresses import Huisnummer, adres, huisnummer, postcode
from weerbaar.crossref.normalise.companies import bedrijfsnaam
from weerbaar.crossref.normalise.dates import Datum, datum, is_ambiguous
from weerbaar.crossref.normalise.identifiers import is_valid_bsn, kvk_nummer, rsin, vestigingsnummer
from weerbaar.crossref.normalise.names import naam, name_forms
from weerbaar.crossref.normalise.parcels import kadastrale_aanduiding
from weerbaar.crossref.normalise.text import fold, repair_mojibake
from weerbaar.crossref.normalise.vehicles import kenteken


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("12", Huisnummer(12)),
        ("12a", Huisnummer(12, "A")),
        ("12 A", Huisnummer(12, "A")),
        ("12-A", Huisnummer(12, "A")),
        ("12 hs", Huisnummer(12, "", "HS")),
        ("12-huis", Huisnummer(12, "", "HS")),
        ("12 bis", Huisnummer(12, "", "BIS")),
        ("12 bg", Huisnummer(12, "", "BG")),
        ("12-II", Huisnummer(12, "", "II")),
        ("12-1", Huisnummer(12, "", "1")),
        ("12/1", Huisnummer(12, "", "1")),
        ("12 A 2", Huisnummer(12, "A", "2")),
        ("12a-hs", Huisnummer(12, "A", "HS")),
        ("12 zw12", Huisnummer(12, "", "ZW12")),
        ("0", None),
        ("abc", None),
    ],
)
def test_huisnummer_splits_as_the_bag(written, expected):
    """Each way of writing a house number gives the BAG's huisnummer, huisletter and toevoeging."""
    assert huisnummer(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1234AB", "1234AB"),
        ("1234 ab", "1234AB"),
        (" 1234  aB ", "1234AB"),
        ("0123AB", None),
        ("1234SS", None),
        ("1234", None),
    ],
)
def test_postcode_any_case_and_spacing(written, expected):
    """Postcodes with or without space and in any case are one value; impossible ones are None."""
    assert postcode(written) == expected


@pytest.mark.parametrize(
    ("line", "straat", "nummer", "code", "plaats"),
    [
        ("Hoofdstraat 12-A, 7511 AB Enschede", "hoofdstraat", "12A", "7511AB", "enschede"),
        ("7511ab Enschede, Hoofdstraat 12 hs", "hoofdstraat", "12-HS", "7511AB", "enschede"),
        ("Van 't Hofstraat 3 bis, Hengelo", "van 't hofstraat", "3-BIS", None, "hengelo"),
        ("8011 ab 12-2", "", "12-2", "8011AB", ""),  # postcode and number only, as a subject is typed
        ("12 a, 8011 AB Zwolle", "", "12A", "8011AB", "zwolle"),  # an export without the street
        ("12A, 8011AB", "", "12A", "8011AB", ""),
    ],
)
def test_adres_line_into_parts(line, straat, nummer, code, plaats):
    """A whole address line yields street, number parts, postcode and place."""
    parsed = adres(line)
    assert (parsed.straat, parsed.nummer.key(), parsed.postcode, parsed.woonplaats) == (
        straat,
        nummer,
        code,
        plaats,
    )


def test_nummeraanduiding_key_needs_postcode_and_number():
    """Only postcode plus number identifies a nummeraanduiding."""
    assert adres("Hoofdstraat 12a, 7511AB Enschede").nummeraanduiding_key() == "7511AB-12A"
    assert adres("Hoofdstraat 12a, Enschede").nummeraanduiding_key() is None


@pytest.mark.parametrize(
    ("function", "written", "expected"),
    [
        (kvk_nummer, "12345678", "12345678"),
        (kvk_nummer, "KvK 1234.5678", "12345678"),
        (kvk_nummer, "1234567", "01234567"),
        (kvk_nummer, "123456789", None),
        (vestigingsnummer, "000012345678", "000012345678"),
        (rsin, "002385910", "002385910"),  # passes the elfproef
        (rsin, "2385910", None),  # two leading zeros lost: not guessed
        (rsin, "002385918", None),  # check digit wrong
    ],
)
def test_identifiers(function, written, expected):
    """KvK-nummers by format, RSINs by elfproef; separators and a lost leading zero are tolerated."""
    assert function(written) == expected


@pytest.mark.parametrize(
    ("written", "valid"),
    [("111222333", True), ("123456782", True), ("123456789", False), ("000000000", False)],
)
def test_bsn_check_only(written, valid):
    """The BSN elfproef answers yes or no and nothing else."""
    assert is_valid_bsn(written) is valid


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("MÃ¼ller", "Müller"),
        ("JosÃ© Ã–zdemir", "José Özdemir"),
        ("CoÃ¶peratie", "Coöperatie"),
        ("Ã", "Ã"),
        ("Müller", "Müller"),
        ("MÃƒÂ¼ller", "Müller"),
    ],
)
def test_mojibake_repair(damaged, repaired):
    """UTF-8 read as Windows-1252, once or twice, is repaired; clean text is left alone."""
    assert repair_mojibake(damaged) == repaired


def test_fold_removes_diacritics_and_case():
    """Folding gives one form for diacritics, ligatures and case."""
    assert fold("Çelik-Öztürk ĳsselmeer Straße") == "celik ozturk ijsselmeer strasse"


@pytest.mark.parametrize(
    ("written", "voornamen", "initialen", "voorvoegsel", "geslachtsnamen"),
    [
        ("Jan van der Berg", ("jan",), "j", "van der", ("berg",)),
        ("Berg, J. van der", (), "j", "van der", ("berg",)),
        ("Berg van der, J.P.", (), "jp", "van der", ("berg",)),
        ("VAN DER BERG Jan", ("jan",), "j", "van der", ("berg",)),
        ("Jan VAN DER BERG", ("jan",), "j", "van der", ("berg",)),
        ("vd Berg", (), "", "van der", ("berg",)),
        ("J. vd Berg", (), "j", "van der", ("berg",)),
        ("Jan Vanderberg", ("jan",), "j", "", ("vanderberg",)),
        ("Maria Jansen-de Vries", ("maria",), "m", "", ("jansen", "vries")),
        ("Maria de Vries-Jansen", ("maria",), "m", "de", ("vries", "jansen")),
        ("Jansen e/v de Vries, M.", (), "m", "", ("jansen", "vries")),
        ("Jan Pieter van 't Hof", ("jan", "pieter"), "jp", "van 't", ("hof",)),
        ("MÃ¼ller, Hans", ("hans",), "h", "", ("muller",)),
        ("Özdemir", (), "", "", ("ozdemir",)),
    ],
)
def test_person_names(written, voornamen, initialen, voorvoegsel, geslachtsnamen):
    """Each way of writing a Dutch name yields the same parts."""
    parsed = naam(written)
    assert (parsed.voornamen, parsed.initialen, parsed.voorvoegsel, parsed.geslachtsnamen) == (
        voornamen,
        initialen,
        voorvoegsel,
        geslachtsnamen,
    )


def test_name_parts_and_roepnaam():
    """Parts win over the whole name; a roepnaam in quotes or brackets is kept apart."""
    parsed = naam(voornamen='Johannes "Hans" Petrus', voorvoegsel="de", geslachtsnaam="Vries")
    assert (parsed.voornamen, parsed.roepnaam, parsed.initialen, parsed.surname_keys()) == (
        ("johannes", "petrus"),
        "hans",
        "jp",
        ("vries",),
    )


@pytest.mark.parametrize(
    ("short", "formal"),
    [("hans", "johannes"), ("kees", "cornelis"), ("bep", "elisabeth"), ("johannes", "jan")],
)
def test_roepnamen(short, formal):
    """A roepnaam and the formal name it stands for share a form."""
    assert formal in name_forms(short)


@pytest.mark.parametrize(
    ("written", "name", "form", "trade"),
    [
        ("Jansen Bouw B.V.", "jansen bouw", "BV", ()),
        ("Jansen Bouw BV", "jansen bouw", "BV", ()),
        ("Jansen Bouw Besloten Vennootschap", "jansen bouw", "BV", ()),
        ("Jansen Bouw, besloten vennootschap met beperkte aansprakelijkheid", "jansen bouw", "BV", ()),
        ("Philips N.V.", "philips", "NV", ()),
        ("Van Dijk V.O.F.", "van dijk", "VOF", ()),
        ("Stichting De Brug", "de brug", "STICHTING", ()),
        ("Coöperatie Boerenbelang U.A.", "boerenbelang", "COOPERATIE", ()),
        ("Boerenbelang Coöperatie U.A.", "boerenbelang", "COOPERATIE", ()),
        ("Jansen Beheer B.V. i.o.", "jansen beheer", "BV", ()),
        ("Jansen Holding B.V. h.o.d.n. Bakkerij Jansen", "jansen holding", "BV", ("bakkerij jansen",)),
        ("Snackbar 't Hoekje", "snackbar 't hoekje", "", ()),
    ],
)
def test_company_names(written, name, form, trade):
    """Legal forms, however written, go to their own field; trade names are split off."""
    parsed = bedrijfsnaam(written)
    assert (parsed.naam, parsed.rechtsvorm, parsed.handelsnamen) == (name, form, trade)


def test_company_key_ignores_order_and_stop_words():
    """ "Bouw & Jansen" and "Jansen en Bouw B.V." share a key."""
    assert bedrijfsnaam("Bouw & Jansen").key() == bedrijfsnaam("Jansen en Bouw B.V.").key()


@pytest.mark.parametrize(
    ("written", "candidates"),
    [
        ("1980-04-03", (Datum(1980, 4, 3),)),
        ("19800403", (Datum(1980, 4, 3),)),
        ("03041980", (Datum(1980, 4, 3),)),
        ("1980/04/03", (Datum(1980, 4, 3),)),
        ("13-04-1980", (Datum(1980, 4, 13),)),
        ("04/13/1980", (Datum(1980, 4, 13),)),
        ("03/04/1980", (Datum(1980, 4, 3), Datum(1980, 3, 4))),
        ("3.4.80", (Datum(1980, 4, 3), Datum(1980, 3, 4))),
        ("04-04-1980", (Datum(1980, 4, 4),)),
        ("3 april 1980", (Datum(1980, 4, 3),)),
        ("3 mrt. 1980", (Datum(1980, 3, 3),)),
        ("March 3 1980", (Datum(1980, 3, 3),)),
        ("1980-04", (Datum(1980, 4),)),
        ("1980", (Datum(1980),)),
        ("31-02-1980", ()),
        ("morgen", ()),
    ],
)
def test_dates(written, candidates):
    """Each format gives every date it can mean, day first first; impossible dates give none."""
    assert datum(written, pivot=25) == candidates


def test_ambiguity_is_reported():
    """An ambiguous date says so instead of guessing."""
    assert is_ambiguous("03/04/1980") and not is_ambiguous("13/04/1980")


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("ENS00 K 1234", "ENS00 K 1234"),
        ("ens00k01234", "ENS00 K 1234"),
        ("ENS00 K 1234 A 0001", "ENS00 K 1234 A1"),
        ("ENS00K01234G0000", "ENS00 K 1234"),
        ("Enschede K 1234 A1", "ENS00 K 1234 A1"),
        ("Lonneker AB 77", "LNK00 AB 77"),
        ("Nergenshuizen K 1234", None),
    ],
)
def test_kadastrale_aanduiding(written, key):
    """Coded and named kadastrale aanduidingen with and without apartment index give one key."""
    parsed = kadastrale_aanduiding(written)
    assert (parsed.key() if parsed else None) == key


@pytest.mark.parametrize(
    ("written", "plate", "sidecode"),
    [
        ("AB-12-34", "AB-12-34", 1),
        ("1234AB", "12-34-AB", 2),
        ("12-ab-34", "12-AB-34", 3),
        ("AB12CD", "AB-12-CD", 4),
        ("ABCD12", "AB-CD-12", 5),
        ("12ABCD", "12-AB-CD", 6),
        ("12-ABC-3", "12-ABC-3", 7),
        ("1 ABC 23", "1-ABC-23", 8),
        ("AB123C", "AB-123-C", 9),
        ("A123BC", "A-123-BC", 10),
        ("ABC12D", "ABC-12-D", 11),
        ("A12BCD", "A-12-BCD", 12),
        ("1AB234", "1-AB-234", 13),
        ("123AB4", "123-AB-4", 14),
        ("ABC123", None, None),
    ],
)
def test_kentekens(written, plate, sidecode):
    """Every sidecode, with or without dashes, in any case."""
    parsed = kenteken(written)
    assert ((parsed.kenteken, parsed.sidecode) if parsed else (None, None)) == (plate, sidecode)
