"""Lockout after repeated failures (BIO): counted per username and step since the last success."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import LoginAttempt


def is_locked_out(username: str, step: str = LoginAttempt.Step.PASSWORD) -> bool:
    window_start = timezone.now() - timedelta(minutes=settings.WEERBAAR_LOCKOUT_MINUTES)
    attempts = LoginAttempt.objects.filter(username__iexact=username, step=step, timestamp__gte=window_start)
    last_success = (
        attempts.filter(success=True).order_by("-timestamp").values_list("timestamp", flat=True).first()
    )
    failures = attempts.filter(success=False)
    if last_success:
        failures = failures.filter(timestamp__gt=last_success)
    return failures.count() >= settings.WEERBAAR_LOCKOUT_ATTEMPTS


def record_attempt(
    username: str, *, success: bool, ip_address: str | None, step: str = LoginAttempt.Step.PASSWORD
) -> None:
    LoginAttempt.objects.create(username=username.lower(), step=step, success=success, ip_address=ip_address)
