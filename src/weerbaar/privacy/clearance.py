"""A user's clearance from the processing register: the shielded level needs all of an active
account, a role that may ever see personal data, a verified second factor, and a recorded legal
basis (a grant) for the user's organisation and role."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from weerbaar.core.access import PARTNER_ROLES, SHIELDED_ROLES, AccessLevel
from weerbaar.core.context import PUBLIC, Clearance

from .models import Grant


def clearance_of(user: Any, *, second_factor: bool) -> Clearance:
    """What `user` may see, given whether their second factor is verified in this request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return PUBLIC
    roles = frozenset(user.role_codes)
    levels = {AccessLevel.OPENBAAR}
    if roles & PARTNER_ROLES:
        levels.add(AccessLevel.INTERN)
    activities: frozenset[str] = frozenset()
    reason = "partner" if AccessLevel.INTERN in levels else "public role"
    shielded_roles = roles & SHIELDED_ROLES
    if not shielded_roles:
        reason += "; no role for shielded data"
    elif not second_factor:
        reason += "; second factor not verified"
    elif user.organisation_id is None:
        reason += "; no organisation"
    else:
        activities = frozenset(
            Grant.objects.active(timezone.now())
            .filter(organisation_id=user.organisation_id, role__in=shielded_roles)
            .values_list("processing_activity__code", flat=True)
        )
        if activities:
            levels.add(AccessLevel.AFGESCHERMD)
            reason += "; legal basis recorded"
        else:
            reason += "; no legal basis recorded for the organisation"
    return Clearance(levels=frozenset(levels), activities=activities, reason=reason)
