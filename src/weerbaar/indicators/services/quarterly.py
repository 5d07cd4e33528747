"""The quarterly reports for the DVO, made once per finished quarter by a background job and kept.

What must hold:
- the worker's periodic task (`quarterly_reports_due`) queues at most one job per quarter: none
  when the quarter's reports exist, none while a job for it was queued less than an hour ago (a
  job that died is queued again after that);
- the job stores every municipality's report and the province's, in Dutch and German, in one
  transaction: a failed run stores nothing; a run for a quarter that is complete does nothing;
- a stored report is made with the public context through the same `report` functions as the
  live PDF of that quarter, so its figures are the published ones and equal the live report's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.context import Origin, ProcessingContext, anonymous_context
from weerbaar.core.policies import policy_for, require
from weerbaar.jobs.services import job_enqueue

from .. import geography, report
from ..models import QuarterlyReport, QuarterlyReportRun
from ..quarters import Quarter

QUARTERLY_JOB = "indicators-kwartaalrapporten"
#: a run queued this long ago without reports is taken to have died with its worker
REQUEUE_AFTER = dt.timedelta(hours=1)


def quarterly_reports_due(*, today: dt.date | None = None) -> str | None:
    """The periodic task: queue the job for the last finished quarter unless its reports exist or
    a job for it is under way; returns the quarter queued (`2026-3`) or None. Quick: it claims
    the quarter and queues, the job does the work."""
    quarter = Quarter.last_finished(today or timezone.localdate())
    now = timezone.now()
    with transaction.atomic():
        run, created = QuarterlyReportRun.objects.get_or_create(
            year=quarter.year, quarter=quarter.number, defaults={"queued_at": now}
        )
        if not created:
            if run.completed_at is not None or run.queued_at > now - REQUEUE_AFTER:
                return None
            # compare-and-set: of several workers finding the same stale run, one queues it again
            claimed = QuarterlyReportRun.objects.filter(
                pk=run.pk, completed_at=None, queued_at=run.queued_at
            ).update(queued_at=now)
            if not claimed:
                return None
        transaction.on_commit(
            lambda: job_enqueue(actor=None, kind=QUARTERLY_JOB, payload={"kwartaal": quarter.code})
        )
    return quarter.code


def quarterly_reports_make(
    *,
    ctx: ProcessingContext,
    quarter: Quarter,
    progress: Callable[[str, int, int], None] | None = None,
) -> int:
    """Make and store the quarter's reports (every municipality and the province, nl and de);
    returns how many were stored (0 when the quarter was complete already)."""
    require(policy_for(QuarterlyReport).can_create(ctx), "alleen het platform maakt kwartaalrapporten")
    # the reports are published: they are read as a visitor reads the live report
    public = anonymous_context(origin=Origin.JOB, source=ctx.source)
    province = geography.province(ctx=public)
    codes = [m.code for m in geography.municipalities(ctx=public)]
    with transaction.atomic():
        run, _created = QuarterlyReportRun.objects.select_for_update().get_or_create(
            year=quarter.year, quarter=quarter.number, defaults={"queued_at": timezone.now()}
        )
        if run.completed_at is not None:
            return 0
        run.reports.all().delete()  # a partial set cannot exist, but never keep two of a kind
        areas = ([province[0]] if province else []) + codes
        total = len(areas) * len(report.LANGUAGES)
        made = 0
        for language in report.LANGUAGES:
            for code in areas:
                pdf = (
                    report.province_report(ctx=public, language=language, quarter=quarter)
                    if code.startswith("PV")
                    else report.municipality_report(ctx=public, code=code, language=language, quarter=quarter)
                )
                if pdf is None:
                    continue
                QuarterlyReport.objects.create(
                    run=run, area_code=code, language=language, pdf=pdf, made_at=timezone.now()
                )
                made += 1
                if progress is not None:
                    progress("rapporten maken", made, total)
        run.completed_at = timezone.now()
        run.save(update_fields=["completed_at"])
        audit_log(
            ctx=ctx,
            action=Action.CREATE,
            object_type="indicators.quarterlyreport",
            object_id=quarter.code,
            detail={"rapporten": made},
        )
    return made
