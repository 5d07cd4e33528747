"""Readable numbers of signals (`S-2026-00042`) and cases (`C-2026-00007`).

A number needs the primary key, so a signal or case is created with a unique placeholder and
numbered right after (`placeholder`, then `assign`), inside the same transaction.
"""

from __future__ import annotations

import uuid
from typing import Any

SIGNAL = "S"
CASE = "C"


def placeholder() -> str:
    """A unique stand-in for `number` until the row has its primary key."""
    return f"tmp-{uuid.uuid4().hex[:12]}"


def assign(obj: Any, prefix: str) -> None:
    """Give a saved signal or case its number: prefix, year of creation, primary key."""
    obj.number = f"{prefix}-{obj.created_at:%Y}-{obj.pk:05d}"
    obj.save(update_fields=["number"])
