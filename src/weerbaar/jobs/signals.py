"""Signals of the job queue."""

from django.dispatch import Signal

#: sent by `job_enqueue` with `job` once a job is queued (a worker may already be running it)
job_queued = Signal()
