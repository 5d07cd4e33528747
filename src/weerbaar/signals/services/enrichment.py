"""Enriching a signal: the facts of its location and subjects collected (`signals.enrichment`),
stored with their access levels, put on the timeline and audited as a search."""

from __future__ import annotations

import time

from django.db import transaction

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require

from .. import enrichment
from ..models import EnrichmentRun, Signal, Subject, TimelineEvent
from ..policies import ACTIVITIES
from .timeline import timeline_add


def enrich(*, ctx: ProcessingContext, signal: Signal) -> EnrichmentRun:
    """Run every look-up for the signal's location and subjects as `ctx`; store the facts with
    the level each needs, so each later viewer sees their part (`selectors.facts_for`)."""
    with audited(ctx, object_type="signals.signal", action=Action.SEARCH, purposes=ACTIVITIES) as record:
        require(policy_for(Signal).can_change(ctx, signal), "geen toegang tot dit signaal")
        started = time.perf_counter()
        subjects = list(policy_for(Subject).visible(ctx, signal.subjects.all()))
        # doelbinding: enriching this signal is the declared purpose of these look-ups — the
        # declared one, else the signals activity the organisation holds a grant for
        bound = ctx.with_purpose(record.purpose) if record.purpose and not ctx.purpose else ctx
        facts = enrichment.collect(ctx=bound, signal=signal, subjects=subjects)
        with transaction.atomic():
            run = EnrichmentRun.objects.create(
                signal=signal,
                actor_id=ctx.actor.pk if ctx.actor is not None else None,
                facts=facts,
                duration_ms=int((time.perf_counter() - started) * 1000),
            )
            timeline_add(ctx, signal, TimelineEvent.Kind.ENRICHMENT, text=f"{len(facts)}")
        record.disclosed(object_id=signal.number, detail={"verrijking": run.pk, "feiten": len(facts)})
        return run
