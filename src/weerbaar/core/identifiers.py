"""Dutch identifiers every app reads the same way: postcode, nummeraanduiding key, KvK-nummer,
vestigingsnummer, RSIN, and the BSN check (validation only).

Django-free and dependency-free: the registers' importers and validators, the synthetic
generator and the cross-referencing normalisers all use these rules, so a postcode or a
KvK-nummer one of them accepts is accepted by the others. The strict checks (`is_postcode`,
`is_kvk_nummer`, `is_rsin`) take a value in normal form; the lenient readers (`postcode`,
`kvk_nummer`, `rsin`, `vestigingsnummer`) take a value as typed in an export and return its
normal form or None.

A BSN is never returned, stored or compared: `is_valid_bsn` says whether a text *is* one, so an
importer can refuse or drop it. RSIN and BSN share the elfproef with weights 9..2 and -1.
"""

from __future__ import annotations

import re

# \Z, not $: "$" also matches before a trailing newline, which is no part of an identifier
POSTCODE_RE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}\Z")
#: letter pairs PostNL never hands out (SA, SD and SS carry wartime connotations)
POSTCODE_EXCLUDED_LETTERS = frozenset({"SA", "SD", "SS"})
#: a postcode as typed: four digits and two letters, spaces around or between, any case
_POSTCODE_TYPED = re.compile(r"^\s*([1-9][0-9]{3})\s*([a-zA-Z]{2})\s*$")


def normalise_postcode(value: str | None) -> str:
    """'7411 ab' -> '7411AB'; returns '' for empty input, never raises, does not validate."""
    if not value:
        return ""
    return re.sub(r"\s+", "", str(value)).upper()


def is_postcode(value: str) -> bool:
    """True for a valid Dutch postcode in its normalised form."""
    return bool(POSTCODE_RE.match(value or "")) and value[4:] not in POSTCODE_EXCLUDED_LETTERS


def postcode(value: str | None) -> str | None:
    """ "1234 ab", "1234AB", " 1234  Ab " → "1234AB"; None for anything that is no Dutch postcode."""
    if not value:
        return None
    found = _POSTCODE_TYPED.match(value)
    if not found:
        return None
    normal = found.group(1) + found.group(2).upper()
    return normal if is_postcode(normal) else None


def address_key(
    postcode: str | None,
    huisnummer: int | str | None,
    huisletter: str | None = "",
    toevoeging: str | None = "",
) -> str:
    """Normalised look-up key '7411AB|12|A|2' tolerant of spacing and case."""
    pc = normalise_postcode(postcode)
    nr = str(huisnummer or "").strip()
    letter = (huisletter or "").strip().upper()
    toev = re.sub(r"[\s\-]+", "", (toevoeging or "")).upper()
    return f"{pc}|{nr}|{letter}|{toev}"


#: name → (digits, weights of the elfproef or None when the number carries no check digit)
IDENTIFIER_RULES: dict[str, tuple[int, tuple[int, ...] | None]] = {
    # KvK-nummers handed out since 2016 need not pass the elfproef: the format is the check
    "kvk": (8, None),
    "vestigingsnummer": (12, None),
    "rsin": (9, (9, 8, 7, 6, 5, 4, 3, 2, -1)),
    "bsn": (9, (9, 8, 7, 6, 5, 4, 3, 2, -1)),
}

_PREFIX = re.compile(
    r"^\s*(kvk|kvk-nummer|kvk-nr|kvknr|kvk nr|rsin|bsn|fiscaal nummer)[\s.:]*", re.IGNORECASE
)
_SEPARATORS = re.compile(r"[\s.\-]")


def digits(value: str | int | None) -> str:
    """The digits of an identifier as typed ("KvK 1234.5678", "12 34 56 78"); "" when other characters remain."""
    if value is None:
        return ""
    text = _SEPARATORS.sub("", _PREFIX.sub("", str(value)))
    return text if text.isdigit() else ""


def elfproef(number: str, weights: tuple[int, ...] = IDENTIFIER_RULES["rsin"][1] or ()) -> bool:
    """The weighted sum of the digits is a multiple of eleven (and not all zeros).

    Without weights: the 11-test of BSN and RSIN (9a+8b+...+2h-1i)."""
    if len(number or "") != len(weights) or not number.isdigit() or not number.strip("0"):
        return False
    return sum(int(d) * w for d, w in zip(number, weights, strict=True)) % 11 == 0


def _identifier(kind: str, value: str | int | None) -> str | None:
    length, weights = IDENTIFIER_RULES[kind]
    number = digits(value)
    # spreadsheets drop leading zeros; only one is restored, more would be a guess
    if len(number) == length - 1:
        number = "0" + number
    if len(number) != length:
        return None
    if weights and not elfproef(number, weights):
        return None
    return number


def kvk_nummer(value: str | int | None) -> str | None:
    """Eight digits, or None."""
    return _identifier("kvk", value)


def vestigingsnummer(value: str | int | None) -> str | None:
    """Twelve digits, or None."""
    return _identifier("vestigingsnummer", value)


def rsin(value: str | int | None) -> str | None:
    """Nine digits passing the elfproef, or None."""
    return _identifier("rsin", value)


def is_valid_bsn(value: str | int | None) -> bool:
    """Whether `value` is a BSN (nine digits, elfproef). For refusing or dropping BSNs only."""
    return _identifier("bsn", value) is not None


def _exact(kind: str, value: str) -> bool:
    length, weights = IDENTIFIER_RULES[kind]
    if not isinstance(value, str) or len(value) != length or not value.isascii() or not value.isdigit():
        return False
    return weights is None or elfproef(value, weights)


def is_kvk_nummer(value: str) -> bool:
    """True for an 8-digit KvK-nummer in normal form."""
    return _exact("kvk", value)


def is_vestigingsnummer(value: str) -> bool:
    """True for a 12-digit vestigingsnummer in normal form."""
    return _exact("vestigingsnummer", value)


def is_rsin(value: str) -> bool:
    """True for a 9-digit RSIN passing the 11-test."""
    return _exact("rsin", value)
