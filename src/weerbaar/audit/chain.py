"""The hash chain: each entry's HMAC covers its fields and the previous entry's hash."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings

GENESIS = "0" * 64

#: The fields the chain covers, in a fixed order. Adding one is a new chain version.
CHAINED_FIELDS = (
    "timestamp",
    "trace_id",
    "span_id",
    "actor_id",
    "actor",
    "organisation",
    "roles",
    "action",
    "object_type",
    "object_id",
    "data_subject_id",
    "result",
    "processing_activity",
    "legal_basis",
    "origin",
    "detail",
)


def _key() -> bytes:
    return (settings.WEERBAAR_AUDIT_KEY or settings.SECRET_KEY).encode()


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    return value


def entry_hash(fields: dict[str, Any], previous_hash: str) -> str:
    payload = json.dumps(
        [previous_hash, *(_canonical(fields[name]) for name in CHAINED_FIELDS)],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hmac.new(_key(), payload.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Break:
    entry_id: int
    reason: str


def verify(entries: Iterable[Any], *, expected_count: int | None = None) -> Break | None:
    """Walk the chain in id order; the first entry that does not fit is returned."""
    previous = GENESIS
    seen = 0
    for entry in entries:
        seen += 1
        if entry.previous_hash != previous:
            return Break(
                entry.pk, "previous hash does not match: an entry before it was removed or reordered"
            )
        fields = {name: getattr(entry, name) for name in CHAINED_FIELDS}
        if not hmac.compare_digest(entry_hash(fields, previous), entry.hash):
            return Break(entry.pk, "content does not match its hash: the entry was changed")
        previous = entry.hash
    if expected_count is not None and seen != expected_count:
        return Break(
            -1,
            f"the chain head counts {expected_count} entries but {seen} were found: entries at the end were removed",
        )
    return None
