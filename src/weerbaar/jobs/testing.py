"""For tests: run the queued jobs in this process, through the worker's own loop.

`settings.WEERBAAR_JOBS_IMMEDIATE = True` runs each job as it is queued (the same code path);
the real worker process is exercised by jobs/tests/test_kill.py.
"""

from .worker import Worker


def run_queued_jobs() -> int:
    """Run every queued job now (no heartbeat thread: in-memory test databases are per thread)."""
    return Worker(heartbeat=False, recycle_connections=False).run(burst=True)
