"""Text repair and folding shared by the normalisers.

`repair_mojibake` undoes UTF-8 read as Windows-1252 (or Latin-1), once or twice; `fold` gives
the comparison form: no diacritics, lower case, ligatures spelled out, single spaces.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: characters that only appear in text when UTF-8 bytes were decoded as Windows-1252 / Latin-1
MOJIBAKE_MARKERS = re.compile(
    "[ÃÂÅâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)

#: letters NFKD does not decompose, spelled as Dutch registers spell them without diacritics
FOLDED_LETTERS = {
    "ß": "ss",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "ł": "l",
    "đ": "d",
    "ı": "i",
    "ĳ": "ij",
    "þ": "th",
}
_FOLD_TABLE = str.maketrans(FOLDED_LETTERS)
_SPACES = re.compile(r"\s+")


def _cp1252_bytes(text: str) -> bytes | None:
    """The bytes a Windows-1252 decoder turned into `text` (its five undefined bytes came
    through as the C1 controls of Latin-1); None when `text` cannot have come from there."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if "\u0080" <= char <= "\u009f":
                out.append(ord(char))
            else:
                return None
    return bytes(out)


def repair_mojibake(text: str) -> str:
    """UTF-8 that was decoded as Windows-1252 back to what was meant ("MÃ¼ller" → "Müller").

    Only text that shows the markers of that damage is touched, and only when re-decoding
    succeeds; text with genuine "Ã" or "â" in it stays as it is. Twice-damaged text is repaired twice.
    """
    for _ in range(2):
        if not MOJIBAKE_MARKERS.search(text):
            return text
        raw = _cp1252_bytes(text)
        if raw is None:
            return text
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return text
    return text


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_TABLE))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLD_TABLE)


@lru_cache(maxsize=65536)
def fold(text: str | None) -> str:
    """The comparison form: repaired, no diacritics, lower case, punctuation as spaces, one space."""
    if not text:
        return ""
    folded = strip_diacritics(repair_mojibake(text)).lower()
    folded = re.sub(r"[^\w\s'&]", " ", folded).replace("_", " ")
    return _SPACES.sub(" ", folded).strip()


def squash(text: str | None) -> str:
    """`fold` without spaces and apostrophes: the form of a key ("van 't Hof" → "vanthof")."""
    return fold(text).replace(" ", "").replace("'", "")
