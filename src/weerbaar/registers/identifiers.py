"""Identifiers of the Dutch base registers: formats, checks and normalisation.

Django-free on purpose: the synthetic generator, the importers and the model validators
all use the same rules.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# The scalar rules for postcodes, address keys and KvK/RSIN live in weerbaar.core.identifiers
# (one implementation for the registers and the cross-referencing); re-exported here.
from weerbaar.core.identifiers import (  # noqa: F401
    POSTCODE_EXCLUDED_LETTERS,
    POSTCODE_RE,
    address_key,
    elfproef,
    is_kvk_nummer,
    is_postcode,
    is_rsin,
    is_vestigingsnummer,
    normalise_postcode,
)

BAG_OBJECT_TYPES = {
    "01": "verblijfsobject",
    "02": "ligplaats",
    "03": "standplaats",
    "10": "pand",
    "20": "nummeraanduiding",
    "30": "openbare ruimte",
}

# \Z, not $: "$" also matches before a trailing newline, which is no part of an identifier
BAG_ID_RE = re.compile(r"^[0-9]{4}(01|02|03|10|20|30)[0-9]{10}\Z")
KADASTRALE_AANDUIDING_RE = re.compile(
    r"^([A-Z]{3}[0-9]{2}) ([A-IK-Z]{1,2}) ([1-9][0-9]{0,4})( A[1-9][0-9]{0,3})?\Z"
)
WOONPLAATS_ID_RE = re.compile(r"^[0-9]{4}$")


def bag_id(gemeentecode: str, object_type: str, sequence: int) -> str:
    """Compose a 16-digit BAG identifier: municipality code, object type, 10-digit sequence."""
    if object_type not in BAG_OBJECT_TYPES:
        raise ValueError(f"unknown BAG object type {object_type!r}")
    return f"{int(gemeentecode):04d}{object_type}{sequence:010d}"


def is_bag_id(value: str, object_type: str | None = None) -> bool:
    """True when value is a 16-digit BAG id, optionally of the given object type."""
    if not isinstance(value, str) or not BAG_ID_RE.match(value):
        return False
    return object_type is None or value[4:6] == object_type


def is_openbare_ruimte_id(value: str) -> bool:
    """True for the 16-digit identificatie of an openbare ruimte (object type 30 in positions 5-6)."""
    return is_bag_id(value, "30")


def name_search_key(value: str | None) -> str:
    """'De  Ruyter-laan' / 'de ruyterlaan' / 'Dé Ruyterlaan' -> 'deruyterlaan'.

    Case, diacritics, spaces and punctuation folded: a street or place name as a look-up key.
    """
    return "".join(c for c in strip_diacritics(value or "").casefold() if c.isalnum())


def postcode_letters(index: int) -> str:
    """The index-th usable letter pair: AA, AB, ... skipping SA, SD, SS."""
    pairs = _letter_pairs()
    return pairs[index % len(pairs)]


_PAIRS: list[str] = []


def _letter_pairs() -> list[str]:
    if not _PAIRS:
        for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
                if a + b not in POSTCODE_EXCLUDED_LETTERS:
                    _PAIRS.append(a + b)
    return _PAIRS


# Column versions for the columnar importers (a whole chunk at once, as Arrow arrays). The
# scalar functions above are the definition. Arrow's compute functions (C++, regular
# expressions by RE2) cover the common value exactly: printable ASCII, whose only white space
# is the space. The columnar importers hand every other value to the per-row path, which
# applies the scalar function (tests/test_identifiers.py compares both on tricky values).


#: RE2: a value of printable ASCII only (space to tilde), or empty
PRINTABLE_ASCII = r"^[ -~]*\z"


def re2(pattern: re.Pattern[str] | str) -> str:
    """A Python pattern for Arrow (RE2), which spells end-of-text `\\z` where Python has `\\Z`."""
    return pattern if isinstance(pattern, str) else pattern.pattern.replace(r"\Z", r"\z")


def holds(values: pa.Array, pattern: re.Pattern[str] | str) -> np.ndarray:
    """Boolean array: the value matches the pattern (RE2, or a Python one, see re2); null never does."""
    matched = pc.match_substring_regex(values, re2(pattern))
    return pc.fill_null(matched, False).to_numpy(zero_copy_only=False)


def is_bag_id_array(values: pa.Array, object_type: str | None = None) -> np.ndarray:
    """is_bag_id for each value of a string array (a boolean array; null is no id)."""
    if object_type is None:
        return holds(values, BAG_ID_RE)
    if object_type not in BAG_OBJECT_TYPES:  # an unknown object type: no value is of it
        return np.zeros(len(values), dtype=bool)
    return holds(values, rf"^[0-9]{{4}}{object_type}[0-9]{{10}}\z")


def is_postcode_array(values: pa.Array) -> np.ndarray:
    """is_postcode for each value of a string array."""
    excluded = "|".join(sorted(POSTCODE_EXCLUDED_LETTERS))
    return holds(values, POSTCODE_RE) & ~holds(values, rf"^.{{4}}({excluded})\z")


def normalise_postcode_array(values: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """normalise_postcode for the printable-ASCII values, and the other rows (left to the scalar rule)."""
    odd = ~holds(values, PRINTABLE_ASCII)
    return pc.ascii_upper(pc.replace_substring(pc.fill_null(values, ""), " ", "")), odd


def address_key_array(
    postcode: pa.Array, huisnummer: pa.Array, huisletter: pa.Array, toevoeging: pa.Array
) -> pa.Array:
    """address_key for rows already in normal form: postcode normalised, huisnummer an integer
    (or null), huisletter and toevoeging stripped and upper-case printable ASCII."""
    number = pc.if_else(
        pc.fill_null(pc.equal(huisnummer, 0), True), "", pc.cast(huisnummer, pa.string())
    )  # `huisnummer or ""`
    toevoeging = pc.replace_substring(pc.replace_substring(toevoeging, " ", ""), "-", "")
    return pc.binary_join_element_wise(postcode, number, huisletter, toevoeging, "|")


def is_kadastrale_aanduiding(value: str) -> bool:
    """True for e.g. 'ZWL00 K 1234' or 'GVH00 C 1277 A3'."""
    return bool(KADASTRALE_AANDUIDING_RE.match(value or ""))


def normalise_kadastrale_aanduiding(value: str) -> str:
    """'zwl00k1234' / 'ZWL00-K-1234-A3' -> 'ZWL00 K 1234' / 'ZWL00 K 1234 A3' when parseable."""
    compact = re.sub(r"[\s\-_.]+", "", (value or "").upper())
    m = re.match(r"^([A-Z]{3}[0-9]{2})([A-IK-Z]{1,2}?)([1-9][0-9]{0,4})(A[1-9][0-9]{0,3})?$", compact)
    if not m:
        return (value or "").strip().upper()
    code, sectie, nummer, appartement = m.groups()
    result = f"{code} {sectie} {nummer}"
    return f"{result} {appartement}" if appartement else result


def kadastrale_aanduiding(
    code: str, sectie: str, perceelnummer: int, appartementsindex: int | None = None
) -> str:
    """Compose a kadastrale aanduiding; appartementsindex adds ' A<n>'."""
    result = f"{code} {sectie} {perceelnummer}"
    return f"{result} A{appartementsindex}" if appartementsindex else result


def rsin_check_digit(body: str) -> int | None:
    """Check digit that makes body (8 digits) pass the 11-test, or None if impossible."""
    total = sum(int(d) * w for d, w in zip(body, range(9, 1, -1), strict=False))
    digit = total % 11
    return None if digit == 10 else digit


_VOORVOEGSELS = (
    "van der",
    "van den",
    "van de",
    "van 't",
    "van het",
    "in 't",
    "in de",
    "op de",
    "op den",
    "uit de",
    "uit den",
    "ter",
    "ten",
    "te",
    "van",
    "de",
    "den",
    "der",
    "het",
    "'t",
    "la",
    "le",
    "du",
    "d'",
    "von",
    "op",
    "in",
    "aan de",
    "bij de",
    "onder de",
    "over de",
    "van 's",
)
VOORVOEGSELS = tuple(sorted(_VOORVOEGSELS, key=len, reverse=True))


def strip_diacritics(value: str) -> str:
    """'Ëlla Müller' -> 'Ella Muller'."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def split_voorvoegsel(name: str) -> tuple[str, str]:
    """'van der Berg' -> ('van der', 'Berg'); 'Berg, van der' -> ('van der', 'Berg')."""
    name = " ".join((name or "").split())
    if "," in name:
        main, _, prefix = name.partition(",")
        return prefix.strip().lower(), main.strip()
    lower = name.lower()
    for prefix in VOORVOEGSELS:
        if lower.startswith(prefix + " ") and len(name) > len(prefix) + 1:
            return prefix, name[len(prefix) + 1 :].strip()
    return "", name


def name_key(geslachtsnaam: str, voorvoegsel: str = "") -> str:
    """Sortable, comparable surname key: voorvoegsel dropped, diacritics and case folded."""
    if not voorvoegsel:
        voorvoegsel, geslachtsnaam = split_voorvoegsel(geslachtsnaam)
    folded = strip_diacritics(geslachtsnaam).lower()
    folded = folded.replace("ij", "y")
    return re.sub(r"[^a-z]", "", folded)
