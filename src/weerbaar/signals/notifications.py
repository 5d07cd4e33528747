"""Notifications in the application and by e-mail, sent after the transaction commits.

The message names the signal number and its state, never a subject: e-mail leaves the platform.
What a notification needs of the signal is taken when the service schedules it (inside the
service's audited block), so sending reads no personal-data table.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from weerbaar.core.context import ProcessingContext

from .models import CaseTeamMember, Notification, Signal
from .workflow import WORKER_ROLES, State

log = logging.getLogger(__name__)


def recipients(signal: Signal, organisations: list[int] | None = None) -> list[Any]:
    """Active workers of the assigned organisation and the case team (or the given organisations)."""
    if organisations is None:
        organisations = _organisations_of(signal.assigned_organisation_id, signal.case_id)
    return _workers(organisations)


def _organisations_of(assigned_organisation_id: int, case_id: int | None) -> list[int]:
    organisations = [assigned_organisation_id]
    if case_id:
        organisations += list(
            CaseTeamMember.objects.filter(case_id=case_id).values_list("organisation_id", flat=True)
        )
    return organisations


def _workers(organisations: list[int]) -> list[Any]:
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            organisation_id__in=set(organisations),
            role_assignments__role__in=WORKER_ROLES,
        )
        .distinct()
    )


def notify_once(signal: Signal, message: str, since: Any) -> int:
    """In-app `message` about `signal` to the assigned organisation's workers who have not had it
    since `since`; the number sent. For the daily commands, which must not repeat themselves."""
    done = set(
        Notification.objects.filter(signal=signal, message=message, created_at__gte=since).values_list(
            "user_id", flat=True
        )
    )
    users = [u for u in recipients(signal, [signal.assigned_organisation_id]) if u.pk not in done]
    Notification.objects.bulk_create([Notification(user=u, signal=signal, message=message) for u in users])
    return len(users)


def _message(number: str, state: str, language: str = "nl") -> str:
    with translation.override(language):
        return _("Signaal %(number)s: %(state)s") % {"number": number, "state": State(state).label}


def _deliver(signal_pk: int, number: str, state: str, actor_pk: Any, organisations: list[int]) -> None:
    users = [u for u in _workers(organisations) if u.pk != actor_pk]
    message = _message(number, state)
    notifications = Notification.objects.bulk_create(
        [Notification(user=u, signal_id=signal_pk, message=message) for u in users]
    )
    link = f"{getattr(settings, 'WEERBAAR_BASE_URL', '')}{reverse('signals:detail', args=[signal_pk])}"
    for user, notification in zip(users, notifications, strict=True):
        if not user.email:
            continue
        language = user.organisation.language if user.organisation_id else "nl"
        try:
            send_mail(
                subject=_message(number, state, language),
                message=f"{_message(number, state, language)}\n\n{link}\n",
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[user.email],
            )
        except OSError as exc:  # the in-app notification stays; mail is best effort
            log.warning("signal notification mail to user %s failed: %s", user.pk, exc)
            continue
        Notification.objects.filter(pk=notification.pk).update(emailed=True)


def notify_transition(signal: Signal, ctx: ProcessingContext, organisations: list[int] | None = None) -> None:
    """After the commit: the signal's number and new state to the assigned organisation and the
    case team (or `organisations`), in the app and by e-mail; not to the context's own actor."""
    actor_pk = ctx.actor.pk if ctx.actor is not None else None
    pk, number, state = signal.pk, signal.number, signal.state
    to = (
        organisations
        if organisations is not None
        else _organisations_of(signal.assigned_organisation_id, signal.case_id)
    )
    transaction.on_commit(lambda: _deliver(pk, number, state, actor_pk, to))
