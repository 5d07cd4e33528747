"""Reading a stored enrichment: the facts as the reading context may see them.

Above the context's clearance a fact becomes one *hit* per subject and register, with the holder
and how to ask (no values, and no count that gives them away). Showing shielded facts — to the
analyst who enriched or to another team member — is audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from weerbaar.audit.recording import Action, audited
from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for
from weerbaar.core.subjects import Fact, holder_of
from weerbaar.registers import selectors as registers

from ..models import EnrichmentRun, Signal
from ..policies import ACTIVITIES

#: the source whose holder a masked fact names when its own source names none
FALLBACK_HOLDER = "personen"


@dataclass
class EnrichmentView:
    """The last enrichment of a signal as one context sees it."""

    run: EnrichmentRun | None
    facts: list[Fact] = field(default_factory=list)
    #: a register was imported after the run, so the facts may have changed
    stale: bool = False


def masked(facts: list[Fact], levels: frozenset[str]) -> list[Fact]:
    """The facts a context with these access levels may see; the rest as one hit per subject and
    category, with the holder and how to ask."""
    shown: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    for f in facts:
        if f.get("level", AccessLevel.OPENBAAR) in levels:
            shown.append(f)
            continue
        key = (f["subject"], f["category"])
        if key in seen:
            continue
        seen.add(key)
        holder, how = holder_of(f["category"], fallback=FALLBACK_HOLDER)
        shown.append(
            {
                **f,
                "label": _("Afgeschermde gegevens"),
                "value": "",
                "hit": True,
                "holder": holder,
                "request": how,
                "level": AccessLevel.INTERN,
            }
        )
    return shown


def facts_for(*, ctx: ProcessingContext, run: EnrichmentRun) -> list[Fact]:
    """The facts of `run` as `ctx` may see them; showing shielded facts writes an audit entry."""
    with audited(ctx, object_type="signals.signal", purposes=ACTIVITIES) as record:
        shown = masked(run.facts, ctx.clearance.levels)
        shielded = [f for f in shown if f.get("level") == AccessLevel.AFGESCHERMD]
        if shielded:
            record.disclosed(
                object_id=run.signal.number,
                detail={"verrijking": run.pk, "afgeschermde_feiten": len(shielded)},
            )
        return shown


def stale(*, ctx: ProcessingContext, run: EnrichmentRun | None) -> bool:
    """True when a register was imported after the run, so the facts may have changed."""
    if run is None:
        return False
    last = registers.laatste_import(ctx=ctx)
    return last is not None and last.gestart > run.created_at


def last_enrichment(*, ctx: ProcessingContext, signal: Signal) -> EnrichmentView:
    """The signal's last enrichment the context may see (the signal itself was read, and logged,
    through `signal_get`), with its facts as the context may see them: `facts_for` logs the
    shielded facts shown."""
    with audited(ctx, object_type="signals.signal", action=Action.VIEW, purposes=ACTIVITIES):
        run = (
            policy_for(EnrichmentRun).visible(ctx, signal.enrichments.all()).select_related("signal").first()
        )
        if run is None:
            return EnrichmentView(None)
        return EnrichmentView(run, facts_for(ctx=ctx, run=run), stale(ctx=ctx, run=run))
