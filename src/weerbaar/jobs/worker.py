"""The worker: claims queued jobs one at a time, runs them, heartbeats, gives up dead workers' jobs.

Claiming is safe with several workers on both databases: on PostgreSQL the candidate row is
locked with SKIP LOCKED (another worker takes the next one); on SQLite the jobs connection
opens its transactions IMMEDIATE (settings), which serialises claims. Either way the claim
itself is a compare-and-set (`state = queued` in the UPDATE), so a job is never run twice.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.db.utils import OperationalError
from django.utils import timezone

from .liveness import this_worker
from .models import Job, State
from .registry import periodic_tasks
from .routers import JOBS_DB
from .runner import run_job
from .services import jobs_reap

logger = logging.getLogger(__name__)


def heartbeat_every() -> float:
    return float(getattr(settings, "WEERBAAR_JOBS_HEARTBEAT_SECONDS", 10))


#: seconds between looks for jobs whose worker died (also done at start-up)
REAP_EVERY = 30.0


def job_claim(*, worker: str, only: int | None = None) -> Job | None:
    """Take the oldest queued job (or job `only`) for `worker`; None when there is none."""
    while True:
        with transaction.atomic(using=JOBS_DB):
            queued = Job.objects.select_for_update(skip_locked=True).filter(state=State.QUEUED)
            if only is not None:
                queued = queued.filter(pk=only)
            pk = queued.order_by("id").values_list("pk", flat=True).first()
            if pk is None:
                return None
            now = timezone.now()
            if Job.objects.filter(pk=pk, state=State.QUEUED).update(
                state=State.RUNNING, worker=worker, started_at=now, heartbeat_at=now
            ):
                return Job.objects.get(pk=pk)


class _Heartbeat(threading.Thread):
    """Marks the running job as alive every few seconds, from its own connection."""

    def __init__(self, job: Job, worker: str) -> None:
        super().__init__(name=f"job-{job.pk}-heartbeat", daemon=True)
        self.job_id, self.worker = job.pk, worker
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(heartbeat_every()):
                try:
                    Job.objects.filter(pk=self.job_id, state=State.RUNNING, worker=self.worker).update(
                        heartbeat_at=timezone.now()
                    )
                except OperationalError:  # a busy SQLite file: the next beat will do
                    logger.warning("heartbeat of job %s skipped", self.job_id, exc_info=True)
        finally:
            connections.close_all()  # this thread's own connections


class Worker:
    """Runs jobs until asked to stop. `request_stop` (from a signal handler) lets the running
    job finish or, at its next progress report, unwinds it and queues it again."""

    def __init__(
        self, *, interval: float = 1.0, heartbeat: bool = True, recycle_connections: bool = True
    ) -> None:
        self.id = this_worker()
        self.interval = interval
        self.heartbeat = heartbeat
        #: close broken or too old connections before each claim, as Django does per request
        #: (off in tests: their connections hold the test's transaction)
        self.recycle_connections = recycle_connections
        self._stop = threading.Event()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def request_stop(self) -> None:
        self._stop.set()

    def run(self, *, burst: bool = False, only: int | None = None) -> int:
        """Claim and run jobs; returns how many ran. `burst`: stop when the queue is empty.

        `only`: run that one job if it is queued, then stop (WEERBAAR_JOBS_IMMEDIATE, tests).
        """
        ran = 0
        reaped_at = -REAP_EVERY
        while not self.stopping:
            if only is None and time.monotonic() - reaped_at >= REAP_EVERY:
                for pk in jobs_reap():
                    logger.warning("job %s failed: its worker stopped during the job", pk)
                self.run_periodic()
                reaped_at = time.monotonic()
            job = self._claim(only)
            if job is not None:
                self.run_one(job)
                ran += 1
            if only is not None or (burst and job is None):
                break
            if job is None:
                self._stop.wait(self.interval)
        return ran

    def run_periodic(self) -> None:
        """The registered periodic tasks; one that fails is logged and does not stop the worker."""
        for name, task in periodic_tasks.items():
            try:
                task()
            except Exception:
                logger.exception("periodic task %s failed", name)

    def _claim(self, only: int | None) -> Job | None:
        if self.recycle_connections:
            close_old_connections()
        try:
            return job_claim(worker=self.id, only=only)
        except OperationalError:  # a busy SQLite file: try again at the next turn
            logger.warning("could not claim a job", exc_info=True)
            return None

    def run_one(self, job: Job) -> Job:
        logger.info("job %s (%s) started by %s", job.pk, job.kind, self.id)
        beat = _Heartbeat(job, self.id) if self.heartbeat else None
        if beat is not None:
            beat.start()
        try:
            job = run_job(job, worker=self.id, stopping=self._stop.is_set)
        finally:
            if beat is not None:
                beat.stopped.set()
                beat.join()
        logger.info("job %s (%s) ended: %s %s", job.pk, job.kind, job.state, job.message)
        return job


def run_immediately(sender: type[Job], job: Job, **kwargs: object) -> None:
    """`settings.WEERBAAR_JOBS_IMMEDIATE`: run each job in this process as it is queued, through
    the worker's own code (tests, and single-process set-ups without a worker)."""
    if getattr(settings, "WEERBAAR_JOBS_IMMEDIATE", False):
        Worker(heartbeat=False, recycle_connections=False).run(only=job.pk)
