"""Writes to the job queue: queue a job, cancel one, give up the jobs of workers that died, and
what follows the end of any job (its files removed, the audit entry)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from weerbaar.audit.models import Action, Result
from weerbaar.audit.services import audit_log
from weerbaar.core.clearance import second_factor_verified
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require

from .liveness import worker_alive
from .models import CANCELLED_BEFORE_START, WORKER_STOPPED, Job, State
from .registry import job_kinds
from .signals import job_queued


def stale_after() -> timedelta:
    """A running job whose heartbeat is older than this, on a worker that cannot be checked, is given up."""
    return timedelta(seconds=getattr(settings, "WEERBAAR_JOBS_STALE_SECONDS", 120))


def job_enqueue(
    *,
    actor: Any,
    kind: str,
    payload: dict[str, Any],
    purpose: str = "",
    files: Iterable[str | Path] = (),
) -> Job:
    """Queue a job of a registered kind for a worker; returns it at once (state queued).

    `actor` is the acting user (None: the platform itself); the job keeps their id, whether
    their second factor was verified and the declared `purpose`, and acts with that clearance.
    The kind's `may_start` decides who may queue it. `files` are removed when the job ends.
    Call it once your own writes are committed: a worker may start the job straight away.
    """
    if kind not in job_kinds:
        raise ValidationError({"kind": f"onbekende soort taak {kind!r}"})
    if actor is not None:
        require(job_kinds[kind].may_start(actor), "u mag deze taak niet starten")
    job = Job.objects.create(
        kind=kind,
        payload=payload,
        actor_id=actor.pk if actor is not None else None,
        actor_username=actor.get_username() if actor is not None else "",
        second_factor_verified=second_factor_verified(actor),
        purpose=purpose,
        files=[str(name) for name in files],
    )
    if actor is not None:
        job._actor = actor
    audit_log(
        actor=actor,
        action=Action.CREATE,
        object_type="jobs.job",
        object_id=str(job.pk),
        processing_activity=purpose,
        detail={"soort": kind, "fase": "gestart"},
    )
    job_queued.send(sender=Job, job=job)
    if getattr(settings, "WEERBAAR_JOBS_IMMEDIATE", False):
        job.refresh_from_db()  # it has run already (worker.run_immediately)
    return job


def job_cancel(*, actor: Any, job: Job) -> Job:
    """Cancel a job: a queued one at once, a running one at its next progress report.

    The running job's function then unwinds (its transaction rolls back) and the job ends
    cancelled. A job that has already ended is left as it is.
    """
    require(policy_for(Job).can_change(actor, job), "u mag deze taak niet annuleren")
    now = timezone.now()
    if Job.objects.filter(pk=job.pk, state=State.QUEUED).update(
        state=State.CANCELLED, message=CANCELLED_BEFORE_START, finished_at=now
    ):
        job.refresh_from_db()
        job_ended(job)
        return job
    if Job.objects.filter(pk=job.pk, state=State.RUNNING).update(cancel_requested=True):
        audit_log(
            actor=actor,
            action=Action.UPDATE,
            object_type="jobs.job",
            object_id=str(job.pk),
            detail={"soort": job.kind, "fase": "annuleren gevraagd"},
        )
    job.refresh_from_db()
    return job


def jobs_reap(*, now: Any = None) -> list[int]:
    """Fail the running jobs whose worker is gone, with the reason; returns their ids.

    A worker on this host is checked directly (its process exists or not). A worker elsewhere
    is taken for gone when its heartbeat is older than `stale_after()`. The job's own work was
    one transaction that the dead process never committed, so nothing of it is stored.
    """
    now = now or timezone.now()
    reaped = []
    for job in Job.objects.filter(state=State.RUNNING):
        alive = worker_alive(job.worker)
        stale = job.heartbeat_at is None or job.heartbeat_at < now - stale_after()
        if alive is False or (alive is None and stale):
            given_up = Job.objects.filter(pk=job.pk, state=State.RUNNING, worker=job.worker).update(
                state=State.FAILED, message=WORKER_STOPPED, finished_at=now
            )
            if given_up:
                job.refresh_from_db()
                job_ended(job)
                reaped.append(job.pk)
    return reaped


def context_of(job: Job) -> ProcessingContext:
    """The job's processing context: its starter's, with the second-factor state and purpose of
    the moment it was queued, origin "job" (the platform's own without a starter)."""
    from weerbaar.privacy.context import job_context

    return job_context(
        user=job.actor, second_factor=job.second_factor_verified, purpose=job.purpose, job_id=str(job.pk)
    )


def job_ended(job: Job) -> None:
    """What follows any end of a job: its files are removed and the end is in the audit log."""
    for name in job.files:
        Path(name).unlink(missing_ok=True)
    audit_log(
        ctx=context_of(job),
        action=Action.UPDATE,
        object_type="jobs.job",
        object_id=str(job.pk),
        result=Result.ERROR if job.state == State.FAILED else Result.ALLOWED,
        detail={"soort": job.kind, "fase": "beeindigd", "status": job.state, "melding": job.message[:300]},
    )
