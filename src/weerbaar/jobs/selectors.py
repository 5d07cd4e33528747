"""Reads of the job queue, filtered by what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from weerbaar.core.policies import policy_for

from .models import Job


def job_list(*, user: Any, kind: str | None = None) -> QuerySet[Job]:
    """The jobs `user` may see (their own, and the kinds they oversee), newest first."""
    qs = policy_for(Job).visible(user)
    return qs.filter(kind=kind) if kind else qs


def job_get(*, user: Any, pk: Any, kind: str | None = None) -> Job:
    """One job `user` may see; Http404 for a job that does not exist or is not theirs to see."""
    try:
        number = int(pk)
    except (TypeError, ValueError):
        raise Http404("onbekende taak") from None
    job = job_list(user=user, kind=kind).filter(pk=number).first()
    if job is None:
        raise Http404("onbekende taak")
    return job
