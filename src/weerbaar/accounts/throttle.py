"""Login throttling (BIO 9.4, OWASP ASVS 2.2.1): growing delays instead of a hard lockout.

Failures are counted over a window in three ways, each with its own free attempts and its own
cap on the delay:

- one account from one client address: the guesser at the keyboard; slowed down hard;
- one client address across accounts: password spraying; slowed down after a few more;
- one account from every address: a distributed attack on one account; slowed down too, but
  capped low, so someone who knows a username cannot keep its owner out.

An attempt made before the delay has passed is refused without checking the password and does
not count as a failure (so waiting is never made longer by the refusal itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from .models import LoginAttempt


@dataclass(frozen=True)
class Rule:
    name: str
    free: int  # failures without delay
    cap_seconds: int  # the longest delay


def _rules() -> tuple[Rule, Rule, Rule]:
    cap = settings.WEERBAAR_THROTTLE_MAX_SECONDS
    return (
        Rule("account+address", settings.WEERBAAR_THROTTLE_FREE_ATTEMPTS, cap),
        Rule("address", settings.WEERBAAR_THROTTLE_FREE_ATTEMPTS * 4, cap),
        Rule(
            "account",
            settings.WEERBAAR_THROTTLE_FREE_ATTEMPTS * 4,
            settings.WEERBAAR_THROTTLE_ACCOUNT_MAX_SECONDS,
        ),
    )


def delay_after(failures: int, rule: Rule) -> int:
    """Seconds to wait after `failures` failures: 0 for the free ones, then 1, 2, 4, ... capped."""
    if failures <= rule.free:
        return 0
    return int(min(2 ** (failures - rule.free - 1), rule.cap_seconds))


def _failures(qs: QuerySet[LoginAttempt]) -> tuple[int, datetime | None]:
    """Failures since the last success in the window, and the time of the last one."""
    last_success = qs.filter(success=True).aggregate(at=Max("timestamp"))["at"]
    failures = qs.filter(success=False)
    if last_success is not None:
        failures = failures.filter(timestamp__gt=last_success)
    found = failures.aggregate(n=Count("id"), last=Max("timestamp"))
    return found["n"], found["last"]


def wait_seconds(username: str, ip_address: str | None, step: str = LoginAttempt.Step.PASSWORD) -> int:
    """How long this client must still wait before it may try this account again (0: go ahead)."""
    now = timezone.now()
    window = LoginAttempt.objects.filter(
        step=step, timestamp__gte=now - timedelta(minutes=settings.WEERBAAR_THROTTLE_WINDOW_MINUTES)
    )
    account = Q(username__iexact=username)
    address = Q(ip_address=ip_address) if ip_address else Q(pk__in=[])
    scopes = (window.filter(account & address), window.filter(address), window.filter(account))
    wait = 0
    for rule, qs in zip(_rules(), scopes, strict=True):
        count, last = _failures(qs)
        delay = delay_after(count, rule)
        if delay and last is not None:
            wait = max(wait, int((last + timedelta(seconds=delay) - now).total_seconds() + 0.999))
    return max(wait, 0)


def record_attempt(
    username: str, *, success: bool, ip_address: str | None, step: str = LoginAttempt.Step.PASSWORD
) -> None:
    LoginAttempt.objects.create(username=username.lower(), step=step, success=success, ip_address=ip_address)
