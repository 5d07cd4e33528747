"""Publishing figures in the background: after an import or a computation, the worker protects
and stores the changed indicators' tables and their whole-table files (`published.make`), so
that the first visitor after a delivery does not wait for the disclosure control of a national
table.

The periodic task looks for indicators whose stored table is stale and queues one job for all of
them, unless such a job is queued or running already. A read that comes before the job still
gets current figures: `published.current` makes a stale table before it is read.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, transaction

from weerbaar.jobs.models import Job, State
from weerbaar.jobs.services import job_enqueue

from .. import published
from ..models import Indicator, IndicatorValue, PublishedValue

PUBLISH_JOB = "indicators-publiceren"


def stale_indicators() -> list[int]:
    """The indicators whose published table is missing or made from other data, by pk."""
    stale = []
    for pk in Indicator.objects.order_by("pk").values_list("pk", flat=True):
        version, _follows, made_from = published.data_version(pk)
        if made_from != version:
            stale.append(pk)
    return stale


def published_figures_due() -> list[int]:
    """The periodic task: queue the publishing job for the stale indicators, unless one is queued
    or running already; returns the indicators queued (empty: nothing to do)."""
    if Job.objects.filter(kind=PUBLISH_JOB, state__in=[State.QUEUED, State.RUNNING]).exists():
        return []
    stale = stale_indicators()
    if stale:
        transaction.on_commit(
            lambda: job_enqueue(actor=None, kind=PUBLISH_JOB, payload={"indicatoren": stale})
        )
    return stale


def published_figures_make(
    *, indicator_ids: list[int], progress: Callable[[str, int, int], None] | None = None
) -> int:
    """Make the published tables of these indicators that are stale (and of the counts their rates
    follow); returns how many cells were stored. An indicator removed meanwhile is skipped."""
    existing = set(Indicator.objects.filter(pk__in=indicator_ids).values_list("pk", flat=True))
    cells = 0
    for done, pk in enumerate(indicator_ids, start=1):
        if pk in existing:
            version, follows_id, made_from = published.data_version(pk)
            if follows_id is not None:
                published.current(follows_id)
            if made_from != version:
                cells += published.make(pk)
            # the whole-table files, if this making has none yet (made before the files were)
            published.table_file(pk, shielded=False)
            published.table_file(pk, shielded=True)
        if progress is not None:
            progress("indicatoren gepubliceerd", done, len(indicator_ids))
    if cells:
        planner_statistics_refresh()
    return cells


def planner_statistics_refresh() -> None:
    """Let PostgreSQL's planner see the values and published cells as they are now (ANALYZE).
    Autovacuum analyses a table during a bulk load and then not again until a tenth of it has
    changed: after a national set was loaded it believed the indicators loaded last had one
    value each and sorted 20,000 rows for a look-up the index answers at once (0.6 s per
    municipality profile). A database whose planner keeps no statistics here has nothing to do."""
    if not connection.features.needs_analyze_during_load:  # type: ignore[attr-defined]
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {IndicatorValue._meta.db_table}, {PublishedValue._meta.db_table}")
