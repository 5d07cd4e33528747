"""Dutch identifiers: KvK-nummer, vestigingsnummer, RSIN, and the BSN check (validation only).

A BSN is never returned, stored or compared: `is_valid_bsn` says whether a text *is* one, so an
importer can refuse or drop it. RSIN and BSN share the elfproef with weights 9..2 and -1.
"""

from __future__ import annotations

import re

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


def elfproef(number: str, weights: tuple[int, ...]) -> bool:
    """The weighted sum of the digits is a multiple of eleven (and not all zeros)."""
    if len(number) != len(weights) or not number.isdigit() or not number.strip("0"):
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
