"""Dutch kentekens by sidecode: "12-ABC-3", "12ABC3", "12 abc 3" → "12-ABC-3" (sidecode 7).

`SIDECODES` maps each sidecode to its groups (L letters, D digits); a plate without dashes is
recognised by its run of letters and digits, so given dashes are checked, not trusted.
"""

from __future__ import annotations

import re
from typing import NamedTuple

SIDECODES: dict[int, tuple[str, ...]] = {
    1: ("LL", "DD", "DD"),
    2: ("DD", "DD", "LL"),
    3: ("DD", "LL", "DD"),
    4: ("LL", "DD", "LL"),
    5: ("LL", "LL", "DD"),
    6: ("DD", "LL", "LL"),
    7: ("DD", "LLL", "D"),
    8: ("D", "LLL", "DD"),
    9: ("LL", "DDD", "L"),
    10: ("L", "DDD", "LL"),
    11: ("LLL", "DD", "L"),
    12: ("L", "DD", "LLL"),
    13: ("D", "LL", "DDD"),
    14: ("DDD", "LL", "D"),
}


class Kenteken(NamedTuple):
    kenteken: str
    sidecode: int


def _pattern(groups: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        "".join(f"([A-Z]{{{len(g)}}})" if g[0] == "L" else f"([0-9]{{{len(g)}}})" for g in groups)
    )


_PATTERNS = {code: _pattern(groups) for code, groups in SIDECODES.items()}


def kenteken(text: str | None) -> Kenteken | None:
    """The plate with its dashes where its sidecode puts them, or None when no sidecode fits."""
    if not text:
        return None
    compact = re.sub(r"[\s\-.]", "", text).upper()
    for code, pattern in _PATTERNS.items():
        found = pattern.fullmatch(compact)
        if found:
            return Kenteken("-".join(found.groups()), code)
    return None
