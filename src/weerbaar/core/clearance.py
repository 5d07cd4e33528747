"""What a user or a processing context is cleared for: the access levels it may see, and why.

The clearance itself is computed by the processing register (`weerbaar.privacy.clearance`, from
the grants) and carried by the `ProcessingContext`; policies ask `clearance_for(ctx)`. A bare user
is still accepted while callers move to contexts: the privacy app registers the function that
computes a user's clearance (`set_clearance_source`), so this layer never imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .context import PUBLIC, Clearance, ProcessingContext

#: (user, second factor verified) -> Clearance; registered by weerbaar.privacy at start-up
ClearanceSource = Callable[[Any, bool], Clearance]
_source: list[ClearanceSource] = []

__all__ = ["PUBLIC", "Clearance", "clearance_for", "forget_clearance", "roles_of", "second_factor_verified"]


def set_clearance_source(source: ClearanceSource) -> None:
    _source[:] = [source]


def _logged_in(user: Any) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False)) and user.is_active


def roles_of(who: Any) -> frozenset[str]:
    """The roles of a context or a user (none when not logged in or inactive)."""
    if isinstance(who, ProcessingContext):
        return who.roles
    if not _logged_in(who):
        return frozenset()
    return frozenset(who.role_codes)


def second_factor_verified(user: Any) -> bool:
    if isinstance(user, ProcessingContext):
        return user.second_factor
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def clearance_for(who: Any) -> Clearance:
    """The levels and processing activities a context (or a user, in this request) may see."""
    if isinstance(who, ProcessingContext):
        return who.clearance
    if not _logged_in(who):
        return PUBLIC
    cached = getattr(who, "_weerbaar_clearance", None)
    if cached is not None:
        return cached
    if not _source:
        raise RuntimeError("no clearance source registered (is weerbaar.privacy installed?)")
    result = _source[0](who, second_factor_verified(who))
    who._weerbaar_clearance = result
    return result


def forget_clearance(user: Any) -> None:
    """Drop the per-request cache, e.g. after a second factor was verified."""
    if hasattr(user, "_weerbaar_clearance"):
        del user._weerbaar_clearance
