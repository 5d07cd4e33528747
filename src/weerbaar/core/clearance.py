"""What a user is cleared for: the access levels they may see, and why.

Every policy asks this one place. The shielded level needs all of: an active account, a role that
may ever see personal data, a verified second factor, and a recorded legal basis (a grant in the
processing register) for the user's organisation and role.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.utils import timezone

from .access import PARTNER_ROLES, SHIELDED_ROLES, AccessLevel


@dataclass(frozen=True)
class Clearance:
    levels: frozenset[str]
    #: processing-activity codes the user's organisation and roles hold a grant for
    activities: frozenset[str] = field(default_factory=frozenset)
    reason: str = ""

    @property
    def shielded(self) -> bool:
        return AccessLevel.AFGESCHERMD in self.levels


PUBLIC = Clearance(levels=frozenset({AccessLevel.OPENBAAR}), reason="not logged in")


def roles_of(user: Any) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    return frozenset(user.role_codes)


def second_factor_verified(user: Any) -> bool:
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def clearance_for(user: Any) -> Clearance:
    """The levels and processing activities `user` may see, computed once per request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return PUBLIC
    cached = getattr(user, "_weerbaar_clearance", None)
    if cached is not None:
        return cached
    roles = roles_of(user)
    levels = {AccessLevel.OPENBAAR}
    if roles & PARTNER_ROLES:
        levels.add(AccessLevel.INTERN)
    activities: frozenset[str] = frozenset()
    reason = "partner" if AccessLevel.INTERN in levels else "public role"
    shielded_roles = roles & SHIELDED_ROLES
    if not shielded_roles:
        reason += "; no role for shielded data"
    elif not second_factor_verified(user):
        reason += "; second factor not verified"
    elif user.organisation_id is None:
        reason += "; no organisation"
    else:
        grant_model = apps.get_model("privacy", "Grant")
        activities = frozenset(
            grant_model.objects.active(timezone.now())
            .filter(organisation_id=user.organisation_id, role__in=shielded_roles)
            .values_list("processing_activity__code", flat=True)
        )
        if activities:
            levels.add(AccessLevel.AFGESCHERMD)
            reason += "; legal basis recorded"
        else:
            reason += "; no legal basis recorded for the organisation"
    result = Clearance(levels=frozenset(levels), activities=activities, reason=reason)
    user._weerbaar_clearance = result
    return result


def forget_clearance(user: Any) -> None:
    """Drop the per-request cache, e.g. after a second factor was verified."""
    if hasattr(user, "_weerbaar_clearance"):
        del user._weerbaar_clearance
