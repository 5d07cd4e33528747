"""Doelbinding: the purpose a user declares before working with shielded data.

The declared processing activity is kept in the session for the session of work and written
into every audit entry of a shielded read. A purpose is only accepted when the user's
organisation and role hold a grant for it.
"""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from weerbaar.core.clearance import clearance_for

SESSION_KEY = "weerbaar_purpose"


def purpose_declare(*, request: HttpRequest, activity_code: str) -> bool:
    if activity_code not in clearance_for(request.user).activities:
        return False
    request.session[SESSION_KEY] = {"activity": activity_code, "declared_at": timezone.now().isoformat()}
    return True


def declared_purpose(request: Any) -> str | None:
    """The declared processing activity, if the user still holds a grant for it."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    value = session.get(SESSION_KEY) or {}
    code = value.get("activity")
    if code and code in clearance_for(request.user).activities:
        return code
    return None
