"""Notifications in the application and by e-mail, sent after the transaction commits.

The message names the signal number and its state, never a subject: e-mail leaves the platform.
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

from .models import CaseTeamMember, Notification, Signal
from .workflow import WORKER_ROLES, State

log = logging.getLogger(__name__)


def recipients(signal: Signal, organisations: list[int] | None = None) -> list[Any]:
    """Active workers of the assigned organisation and the case team (or the given organisations)."""
    if organisations is None:
        organisations = [signal.assigned_organisation_id]
        if signal.case_id:
            organisations += list(
                CaseTeamMember.objects.filter(case_id=signal.case_id).values_list(
                    "organisation_id", flat=True
                )
            )
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


def _message(signal: Signal, language: str = "nl") -> str:
    with translation.override(language):
        return _("Signaal %(number)s: %(state)s") % {
            "number": signal.number,
            "state": State(signal.state).label,
        }


def _deliver(signal_pk: int, actor_pk: int | None, organisations: list[int] | None) -> None:
    signal = Signal.objects.get(pk=signal_pk)
    users = [u for u in recipients(signal, organisations) if u.pk != actor_pk]
    message = _message(signal)
    notifications = Notification.objects.bulk_create(
        [Notification(user=u, signal=signal, message=message) for u in users]
    )
    link = f"{getattr(settings, 'WEERBAAR_BASE_URL', '')}{reverse('signals:detail', args=[signal.pk])}"
    for user, notification in zip(users, notifications, strict=True):
        if not user.email:
            continue
        language = user.organisation.language if user.organisation_id else "nl"
        try:
            send_mail(
                subject=_message(signal, language),
                message=f"{_message(signal, language)}\n\n{link}\n",
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[user.email],
            )
        except OSError as exc:  # the in-app notification stays; mail is best effort
            log.warning("signal notification mail to user %s failed: %s", user.pk, exc)
            continue
        Notification.objects.filter(pk=notification.pk).update(emailed=True)


def notify_transition(signal: Signal, actor: Any, organisations: list[int] | None = None) -> None:
    actor_pk = getattr(actor, "pk", None)
    transaction.on_commit(lambda: _deliver(signal.pk, actor_pk, organisations))
