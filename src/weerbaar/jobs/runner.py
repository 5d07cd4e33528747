"""Running one claimed job: the handle its function gets, and how each way of ending is recorded.

Every way a job ends goes through here, whether a worker process or a test runs it, so the
states a page shows are the states production writes.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from weerbaar.core.context import ProcessingContext

from .models import CANCELLED, UNKNOWN_KIND, WORKER_STOPPED, Job, State
from .registry import job_kinds
from .services import context_of, job_ended

logger = logging.getLogger(__name__)

#: seconds between progress writes of one job (a phase change is written at once)
PROGRESS_EVERY = 0.5


class Cancelled(BaseException):
    """Raised by `progress` when someone asked to cancel the job.

    A BaseException (like KeyboardInterrupt) so an importer's `except Exception` cannot swallow
    it: it unwinds the job's transaction, which rolls back, and the job ends cancelled.
    """


class Released(BaseException):
    """Raised by `progress` when the worker is shutting down: the job unwinds and is queued again."""


class Lost(BaseException):
    """The job is no longer this worker's (the reaper gave it up): stop and write nothing."""


class JobFailed(Exception):
    """Raised by a job function to end the job as failed, with a message and (optionally) a result."""

    def __init__(self, message: str, *, result: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.result = result


class JobHandle:
    """What a job function gets: its payload, its actor, and a way to report progress."""

    def __init__(self, job: Job, *, worker: str, stopping: Callable[[], bool] = lambda: False) -> None:
        self.job = job
        self.worker = worker
        self._stopping = stopping
        self._phase: str | None = None
        self._written = 0.0
        #: the last report, written or not: the job's end records it exactly
        self.last: tuple[str, int, int] | None = None
        self._ctx: ProcessingContext | None = None

    @property
    def id(self) -> int:
        return self.job.pk

    @property
    def payload(self) -> dict[str, Any]:
        return self.job.payload

    @property
    def actor(self) -> Any:
        """The user who queued the job, with the second-factor state they had then (None: platform)."""
        return self.job.actor

    @property
    def purpose(self) -> str:
        return self.job.purpose

    @property
    def ctx(self) -> ProcessingContext:
        """The processing context the job acts in (see `context_of`)."""
        if self._ctx is None:
            self._ctx = context_of(self.job)
        return self._ctx

    def progress(self, phase: str, done: int = 0, total: int = 0) -> None:
        """Record how far the job is (at most every PROGRESS_EVERY s); raise if it must stop.

        The write goes to the jobs connection, so it is visible to every process while the
        job's own work is still inside its transaction. Raises Cancelled when cancelling was
        asked, Released when the worker is shutting down, Lost when the job is no longer ours.
        """
        if self._stopping():
            raise Released
        self.last = (phase[:80], max(0, int(done)), max(0, int(total)))
        now = time.monotonic()
        if phase == self._phase and now - self._written < PROGRESS_EVERY:
            return
        self._phase, self._written = phase, now
        stored_phase, stored_done, stored_total = self.last
        written = Job.objects.filter(
            pk=self.job.pk, state=State.RUNNING, worker=self.worker, cancel_requested=False
        ).update(phase=stored_phase, done=stored_done, total=stored_total, heartbeat_at=timezone.now())
        if written:
            return
        current = Job.objects.filter(pk=self.job.pk).values("state", "worker", "cancel_requested").first()
        if current and current["state"] == State.RUNNING and current["worker"] == self.worker:
            raise Cancelled
        raise Lost


def run_job(job: Job, *, worker: str, stopping: Callable[[], bool] = lambda: False) -> Job:
    """Run a job this worker has claimed (state running, `worker` set) and record how it ended."""
    handle = JobHandle(job, worker=worker, stopping=stopping)
    result: dict[str, Any] | None = None
    message = ""
    try:
        kind = job_kinds[job.kind]
    except KeyError:
        return _finish(job, worker, State.FAILED, UNKNOWN_KIND, None)
    try:
        result = kind.run(handle)
        state = State.DONE
    except JobFailed as failed:
        state, message, result = State.FAILED, failed.message, failed.result
    except Cancelled:
        state, message = State.CANCELLED, CANCELLED
    except Released:
        if kind.rerun_after_shutdown:
            _requeue(job, worker)
            return _reloaded(job)
        state, message = State.FAILED, WORKER_STOPPED
    except Lost:
        logger.warning("job %s was given up while %s ran it; its outcome is not recorded", job.pk, worker)
        return _reloaded(job)
    except Exception as exc:  # the job must end whatever went wrong; the log has the trace
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        state, message = State.FAILED, f"{type(exc).__name__}: {exc}"
    return _finish(job, worker, state, message, result, handle.last)


def _finish(
    job: Job,
    worker: str,
    state: str,
    message: str,
    result: dict[str, Any] | None,
    last: tuple[str, int, int] | None = None,
) -> Job:
    now = timezone.now()
    fields: dict[str, Any] = {"state": state, "message": message[:4000], "result": result, "finished_at": now}
    if last is not None:
        fields.update(zip(("phase", "done", "total"), last, strict=True))
    try:
        json.dumps(result, cls=DjangoJSONEncoder)
    except (TypeError, ValueError) as exc:  # the job still ends, as failed
        fields.update(state=State.FAILED, message=f"het resultaat is geen JSON: {exc}", result=None)
    written = Job.objects.filter(pk=job.pk, state=State.RUNNING, worker=worker).update(**fields)
    if not written:
        return _reloaded(job)
    job = _reloaded(job)
    job_ended(job)
    return job


def _requeue(job: Job, worker: str) -> None:
    Job.objects.filter(pk=job.pk, state=State.RUNNING, worker=worker).update(
        state=State.QUEUED, worker="", started_at=None, heartbeat_at=None, phase="", done=0, total=0
    )
    logger.info("job %s queued again: its worker %s is shutting down", job.pk, worker)


def _reloaded(job: Job) -> Job:
    job.refresh_from_db()  # keeps the actor loaded before (not a field)
    return job
