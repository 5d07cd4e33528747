"""Test helpers: the processing context a request of a user would get."""

from __future__ import annotations

from typing import Any

from weerbaar.core.clearance import second_factor_verified
from weerbaar.core.context import Origin, ProcessingContext, anonymous_context

from .context import context_for_user


def ctx_of(
    user: Any,
    *,
    second_factor: bool | None = None,
    purpose: str = "",
    origin: Origin = Origin.PAGE,
) -> ProcessingContext:
    """The context of `user` as a request would build it; `second_factor` defaults to what the
    user object says (tests mark a user verified with `user.is_verified = lambda: True`).
    None gives the anonymous context."""
    if user is None:
        return anonymous_context(origin=origin)
    verified = second_factor_verified(user) if second_factor is None else second_factor
    return context_for_user(user, origin=origin, second_factor=verified, purpose=purpose)
