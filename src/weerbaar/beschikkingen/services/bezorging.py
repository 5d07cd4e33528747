"""Delivering notifications as background jobs: one job per attempt, retries with exponential
back-off, and after the last failed attempt the dead-letter list (status onbestelbaar) where an
administrator can retry by hand.

A delivery's `volgende_poging` is the moment it may be tried again; empty while a job for it is
queued. `bezorgingen_due` (the `beschikkingen_bezorgen` command, run every minute like the other
periodic commands) queues the deliveries whose moment has come."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

import requests
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.context import ProcessingContext
from weerbaar.core.personal_data import platform_processing
from weerbaar.core.policies import policy_for, require
from weerbaar.jobs.services import job_enqueue

from ..models import Bezorging, BezorgStatus, Bezorgwijze
from ..notificaties import email_text

logger = logging.getLogger(__name__)

BEZORG_JOB = "beschikkingen-bezorging"


def max_pogingen() -> int:
    """Attempts before a delivery lands on the dead-letter list."""
    return int(getattr(settings, "WEERBAAR_BESCHIKKINGEN_POGINGEN", 5))


def wachttijd(pogingen: int) -> dt.timedelta:
    """Back-off after `pogingen` failed attempts: base, 2 × base, 4 × base, ..."""
    base = float(getattr(settings, "WEERBAAR_BESCHIKKINGEN_WACHTTIJD_SECONDS", 60))
    return dt.timedelta(seconds=base * 2 ** max(pogingen - 1, 0))


def enqueue_after_commit(ids: Iterable[int]) -> None:
    """Queue one delivery job per id once the caller's transaction has committed (a worker may
    start at once and must see the delivery)."""
    ids = list(ids)
    if ids:
        transaction.on_commit(
            lambda: [job_enqueue(actor=None, kind=BEZORG_JOB, payload={"bezorging": pk}) for pk in ids]
        )


class Onbezorgbaar(Exception):
    """This attempt failed; the message says why (stored as `laatste_fout`)."""


def _send(bezorging: Bezorging) -> None:
    abonnement = bezorging.abonnement
    if abonnement.bezorgwijze == Bezorgwijze.CALLBACK:
        headers = {"Content-Type": "application/cloudevents+json"}
        if abonnement.callback_auth:
            headers["Authorization"] = abonnement.callback_auth
        timeout = float(getattr(settings, "WEERBAAR_BESCHIKKINGEN_TIMEOUT_SECONDS", 10))
        try:
            response = requests.post(
                abonnement.callback_url, json=bezorging.bericht, headers=headers, timeout=timeout
            )
        except requests.RequestException as exc:
            raise Onbezorgbaar(f"{type(exc).__name__}: {exc}") from exc
        if not 200 <= response.status_code < 300:
            raise Onbezorgbaar(f"HTTP {response.status_code}: {response.text[:200]}")
    elif abonnement.bezorgwijze == Bezorgwijze.EMAIL:
        subject, body = email_text(bezorging.bericht)
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [abonnement.email])
        except OSError as exc:  # smtplib's errors are OSErrors
            raise Onbezorgbaar(f"{type(exc).__name__}: {exc}") from exc
    # in the platform: stored is delivered; the person sees it on their subscriptions page


def bezorging_attempt(*, bezorging_id: int) -> dict[str, Any]:
    """One attempt (the job's work). Sending happens outside any transaction; the outcome is
    stored with a compare-and-set, so a delivery is never marked twice."""
    with platform_processing("bezorgen van een notificatie over een beschikking"):
        bezorging = Bezorging.objects.select_related("abonnement").filter(pk=bezorging_id).first()
        if bezorging is None or bezorging.status != BezorgStatus.WACHTEND:
            return {"bezorging": bezorging_id, "overgeslagen": True}
        pogingen = bezorging.pogingen + 1
        now = timezone.now()
        try:
            _send(bezorging)
        except Onbezorgbaar as failure:
            dead = pogingen >= max_pogingen()
            Bezorging.objects.filter(pk=bezorging.pk, status=BezorgStatus.WACHTEND).update(
                pogingen=pogingen,
                laatste_fout=str(failure)[:2000],
                status=BezorgStatus.ONBESTELBAAR if dead else BezorgStatus.WACHTEND,
                volgende_poging=None if dead else now + wachttijd(pogingen),
            )
            logger.warning("delivery %s failed (attempt %s): %s", bezorging.pk, pogingen, failure)
            return {"bezorging": bezorging.pk, "bezorgd": False, "pogingen": pogingen, "onbestelbaar": dead}
        Bezorging.objects.filter(pk=bezorging.pk, status=BezorgStatus.WACHTEND).update(
            pogingen=pogingen,
            status=BezorgStatus.BEZORGD,
            bezorgd_op=now,
            volgende_poging=None,
            laatste_fout="",
        )
        return {"bezorging": bezorging.pk, "bezorgd": True, "pogingen": pogingen}


def bezorgingen_due(*, now: dt.datetime | None = None) -> list[int]:
    """Queue a job for each waiting delivery whose back-off has passed; returns their ids."""
    now = now or timezone.now()
    with platform_processing("herhalen van bezorgingen"), transaction.atomic():
        due = list(
            Bezorging.objects.filter(status=BezorgStatus.WACHTEND, volgende_poging__lte=now).values_list(
                "pk", flat=True
            )
        )
        claimed = [
            pk
            for pk in due
            if Bezorging.objects.filter(pk=pk, status=BezorgStatus.WACHTEND, volgende_poging__lte=now).update(
                volgende_poging=None
            )
        ]
        enqueue_after_commit(claimed)
    return claimed


def bezorging_retry(*, ctx: ProcessingContext, bezorging: Bezorging) -> Bezorging:
    """An administrator sends a dead letter again: a fresh round of attempts."""
    require(policy_for(Bezorging).can_change(ctx, bezorging), "alleen beheerders bezorgen opnieuw")
    with platform_processing("opnieuw bezorgen op verzoek van een beheerder"), transaction.atomic():
        updated = Bezorging.objects.filter(pk=bezorging.pk, status=BezorgStatus.ONBESTELBAAR).update(
            status=BezorgStatus.WACHTEND, pogingen=0, volgende_poging=None
        )
        if updated:
            audit_log(
                ctx=ctx,
                action=Action.UPDATE,
                object_type="beschikkingen.bezorging",
                object_id=str(bezorging.pk),
                detail={"fase": "opnieuw bezorgen"},
            )
            enqueue_after_commit([bezorging.pk])
        bezorging.refresh_from_db()
    return bezorging
