from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Durable background jobs: a queue in the database, a worker process, progress and cancelling.

    A foundation app: it knows no capability. Capabilities register their job kinds with
    `weerbaar.jobs.registry.job_kinds` from their own `AppConfig.ready`.
    """

    name = "weerbaar.jobs"
    verbose_name = _("Achtergrondtaken")

    def ready(self) -> None:
        from . import policies  # noqa: F401
        from .signals import job_queued
        from .worker import run_immediately

        job_queued.connect(run_immediately, dispatch_uid="weerbaar.jobs.run_immediately")
