"""Reads of vakantieparken: each takes the processing context and returns only what it may see.

A read of personal data happens inside `audited(ctx, ...)` (weerbaar.audit.recording), which
writes the audit entries; existence checks and counts are answered with `record.answered(...)`.
Return evaluated lists, not lazy querysets of personal data.
"""

from __future__ import annotations

from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for

from .models import Park


def park_list(*, ctx: ProcessingContext, limit: int = 100) -> list[Park]:
    return list(policy_for(Park).visible(ctx).select_related("organisation")[:limit])


def park_get(*, ctx: ProcessingContext, pk: int) -> Park | None:
    return policy_for(Park).visible(ctx).filter(pk=pk).first()
