"""The kinds of job. A capability registers a function per kind from its `AppConfig.ready`:

    @job_kinds.register("registers-import", may_start=may_import, overseen_by=may_import)
    def run_import(job: JobHandle) -> dict | None: ...

The function gets a handle (`job.payload`, `job.actor`, `job.progress(...)`) and returns the
result (JSON). It raises `JobFailed` to end the job as failed with a message (and a result).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from weerbaar.core.registry import Registry

if TYPE_CHECKING:
    from .runner import JobHandle

JobFunction = Callable[["JobHandle"], "dict[str, Any] | None"]


def _nobody(user: Any) -> bool:
    return False


@dataclass(frozen=True)
class JobKind:
    name: str
    run: JobFunction
    #: who may queue a job of this kind (`may_start(user)`); by default only the platform itself
    may_start: Callable[[Any], bool] = _nobody
    #: who sees (and may cancel) every job of this kind, not only their own: `overseen_by(user)`
    overseen_by: Callable[[Any], bool] | None = None
    #: a job stopped by a worker shutting down (SIGTERM) is queued again; False fails it instead
    rerun_after_shutdown: bool = True


class JobKinds:
    def __init__(self) -> None:
        self._kinds: Registry[JobKind] = Registry("job kind")

    def register(
        self,
        name: str,
        *,
        may_start: Callable[[Any], bool] = _nobody,
        overseen_by: Callable[[Any], bool] | None = None,
        rerun_after_shutdown: bool = True,
    ) -> Callable[[JobFunction], JobFunction]:
        def decorator(function: JobFunction) -> JobFunction:
            kind = JobKind(name, function, may_start, overseen_by, rerun_after_shutdown)
            self._kinds.register(name)(kind)
            return function

        return decorator

    def __getitem__(self, name: str) -> JobKind:
        return self._kinds[name]

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    def overseeing(self, user: Any) -> list[str]:
        """The kinds whose jobs `user` sees besides their own."""
        return [name for name, kind in self._kinds.items() if kind.overseen_by and kind.overseen_by(user)]


job_kinds = JobKinds()


#: Work a worker does on its own every `REAP_EVERY` seconds, besides the queue: e.g. queueing the
#: deliveries whose back-off has passed. A capability registers a function without arguments from
#: its `AppConfig.ready` (`periodic_tasks.register("beschikkingen-bezorgen")(bezorgingen_due)`);
#: it must be quick and idempotent (it queues jobs, it does not do their work).
periodic_tasks: Registry[Callable[[], object]] = Registry("periodic task")
