"""The HMAC chain: each entry's HMAC covers its fields and the previous entry's HMAC.

The Merkle tree and its signed checkpoints (`merkle.py`, `checkpoints.py`) are the proof that
the log was not changed; the chain adds a keyed check of the entries written since the last
checkpoint, which somebody with database access but without `WEERBAAR_AUDIT_KEY` cannot forge.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

from .keys import hmac_key
from .leaves import CHAINED_FIELDS, canonical

__all__ = ["CHAINED_FIELDS", "GENESIS", "entry_hash"]

GENESIS = "0" * 64


def entry_hash(fields: Mapping[str, Any], previous_hash: str, *, key: bytes | None = None) -> str:
    payload = json.dumps(
        [previous_hash, *(canonical(fields[name]) for name in CHAINED_FIELDS)],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hmac.new(key if key is not None else hmac_key(), payload.encode(), hashlib.sha256).hexdigest()
