"""What a leaf of the audit tree is: the canonical bytes of one entry's fields.

The same bytes are computed when an entry is appended, when `audit_verify` recomputes the tree
and when somebody outside checks an inclusion proof (no Django needed: the proof document
carries the fields as JSON, `leaf_hash_of` turns them into the leaf).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from .merkle import leaf_hash

#: version of the leaf encoding; a change of fields or encoding is a new version
LEAF_VERSION = 1

#: The fields an entry's leaf (and its HMAC) covers, in a fixed order.
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


def canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    return value


def canonical_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The chained fields as JSON values (timestamps as ISO 8601 with microseconds)."""
    return {name: canonical(fields[name]) for name in CHAINED_FIELDS}


def leaf_data(fields: Mapping[str, Any]) -> bytes:
    """The leaf's bytes: the version and the fields as JSON, keys sorted, UTF-8, no spaces."""
    document = {"v": LEAF_VERSION, **canonical_fields(fields)}
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def leaf_hash_of(fields: Mapping[str, Any]) -> bytes:
    return leaf_hash(leaf_data(fields))
