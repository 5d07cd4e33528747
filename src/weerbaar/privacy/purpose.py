"""Doelbinding: the purpose a user declares before working with shielded data.

The declared processing activity is kept in the session for the session of work; the request's
processing context carries it into every audit entry. A purpose is only accepted when the
user's organisation and role hold a grant for it (checked again each time the context is built).
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


def declared_activity(request: Any) -> str:
    """The processing activity declared in this session ('' when none); not yet checked against
    the grants — the context builder does that."""
    session = getattr(request, "session", None)
    if session is None:
        return ""
    value = session.get(SESSION_KEY) or {}
    return str(value.get("activity") or "")


def declared_purpose(request: Any) -> str | None:
    """The declared processing activity, if the user still holds a grant for it."""
    code = declared_activity(request)
    if code and code in clearance_for(request.user).activities:
        return code
    return None
