"""Dutch identifiers: KvK-nummer, vestigingsnummer, RSIN, and the BSN check (validation only).

The rules live in `weerbaar.core.identifiers`, shared with the registers, so a number one
accepts the other accepts too; this module names them for the normalisers.
"""

from weerbaar.core.identifiers import (
    IDENTIFIER_RULES,
    digits,
    elfproef,
    is_valid_bsn,
    kvk_nummer,
    rsin,
    vestigingsnummer,
)

__all__ = [
    "IDENTIFIER_RULES",
    "digits",
    "elfproef",
    "is_valid_bsn",
    "kvk_nummer",
    "rsin",
    "vestigingsnummer",
]
