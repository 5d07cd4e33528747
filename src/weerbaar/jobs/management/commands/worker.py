"""`weerbaar worker`: run background jobs (imports started from the web pages, ...)."""

from __future__ import annotations

import os
import signal
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand

from weerbaar.jobs.worker import Worker


class Command(BaseCommand):
    help = "Voert achtergrondtaken uit tot SIGTERM of Ctrl-C; met --burst tot de wachtrij leeg is."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--burst",
            "--once",
            action="store_true",
            help="run the queued jobs, then stop (tests, cron)",
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at an empty queue"
        )

    def handle(self, *args: Any, burst: bool, interval: float, **options: Any) -> None:
        worker = Worker(interval=interval)

        def stop(signum: int, frame: FrameType | None) -> None:
            if worker.stopping:  # asked twice: stop now; the job is given up by the next worker
                signal.signal(signum, signal.SIG_DFL)
                os.kill(os.getpid(), signum)
            worker.request_stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        if options["verbosity"] > 0:
            self.stdout.write(f"worker {worker.id}: waiting for jobs")
        ran = worker.run(burst=burst)
        if options["verbosity"] > 0:
            self.stdout.write(f"worker {worker.id}: stopped after {ran} jobs")
