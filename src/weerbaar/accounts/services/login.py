"""Logging in: password, then the second factor; throttled, and every step in the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import authenticate, login
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.audit.models import Action, Result
from weerbaar.audit.services import audit_log
from weerbaar.core.clearance import forget_clearance
from weerbaar.privacy.context import request_context

from ..models import LoginAttempt, User
from ..throttle import record_attempt, wait_seconds


@dataclass(frozen=True)
class LoginOutcome:
    user: User | None = None
    #: > 0: refused without checking, try again after this many seconds
    wait: int = 0

    @property
    def ok(self) -> bool:
        return self.user is not None


def _address(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


def password_login(*, request: HttpRequest, username: str, password: str) -> LoginOutcome:
    """Check the password (unless this client must still wait) and log the user in."""
    ip = _address(request)
    wait = wait_seconds(username, ip)
    if wait:
        audit_log(
            ctx=request_context(request),
            action=Action.LOCKED_OUT,
            result=Result.REFUSED,
            object_type="user",
            object_id=username,
            detail={"step": LoginAttempt.Step.PASSWORD, "wait_seconds": wait},
        )
        return LoginOutcome(wait=wait)
    user = authenticate(request, username=username, password=password)
    record_attempt(username, success=user is not None, ip_address=ip)
    if user is None:
        audit_log(
            ctx=request_context(request),
            action=Action.LOGIN_FAILED,
            result=Result.REFUSED,
            object_type="user",
            object_id=username,
        )
        return LoginOutcome()
    login(request, user)
    audit_log(ctx=request_context(request), action=Action.LOGIN, object_type="user", object_id=str(user.pk))
    return LoginOutcome(user=user)


def second_factor_verify(*, request: HttpRequest, device: TOTPDevice, token: str) -> LoginOutcome:
    """Check a TOTP code of the logged-in user's confirmed device (throttled like the password)."""
    user = request.user
    assert isinstance(user, User)  # the view requires a logged-in user
    username = user.get_username()
    step = LoginAttempt.Step.SECOND_FACTOR
    wait = wait_seconds(username, _address(request), step)
    if wait:
        audit_log(
            ctx=request_context(request),
            action=Action.LOCKED_OUT,
            result=Result.REFUSED,
            object_type="user",
            object_id=str(user.pk),
            detail={"step": step, "wait_seconds": wait},
        )
        return LoginOutcome(wait=wait)
    ok = device.verify_token(token)
    record_attempt(username, success=ok, ip_address=_address(request), step=step)
    if ok:
        otp_login(request, device)
        forget_clearance(user)
    audit_log(
        ctx=request_context(request),
        action=Action.MFA,
        result=Result.ALLOWED if ok else Result.REFUSED,
        object_type="user",
        object_id=str(user.pk),
    )
    return LoginOutcome(user=user if ok else None)


def second_factor_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """Confirm a newly set-up TOTP device with its first valid code; the session is then verified."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    forget_clearance(request.user)
    audit_log(
        ctx=request_context(request),
        action=Action.MFA,
        object_type="user",
        object_id=str(request.user.pk),
        detail={"event": "device confirmed"},
    )
    return True
