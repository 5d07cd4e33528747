"""Batch linkage of partner datasets as a background job, and analysts' judgements.

`linkage_start` queues a job (`crossref-linkage`) that links a version against another
dataset's latest version with `WeerbaarMatcher`, storing each candidate pair with its match
probability, its explanation and the matcher's name and version. Judgements (same / not same /
unsure) are kept per pair of entity ids, which are stable across deliveries, so a judgement
made on one run applies to the same pair in every later run (as nomenklatura keeps them);
clusters are the connected parts of the "same" judgements, named by their smallest entity id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q

from weerbaar.audit.models import Action
from weerbaar.audit.recording import audited
from weerbaar.core.access import EDITOR_ROLES
from weerbaar.core.clearance import roles_of
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.jobs.services import job_enqueue
from weerbaar.registers import selectors as registers

from ..ftm import entity_label, entity_records
from ..matching.matcher import WeerbaarMatcher
from ..matching.records import Record, company, person
from ..models import (
    CandidatePair,
    DatasetEntity,
    DatasetVersion,
    Judgement,
    LinkageRun,
    PartnerDataset,
    Verdict,
)
from ..normalise.dates import Datum
from ..selectors import CROSSREF_PURPOSES

LINKAGE_JOB = "crossref-linkage"
PAIR_TYPE = "crossref.kandidaatpaar"
#: pairs at or above this probability are kept for review (below the matcher's own threshold:
#: the uncertain ones are the ones worth an analyst's look)
REVIEW_FROM = 0.05
#: the prefix of a register person's id on the registers' side of a linkage (`RegisterEntry.id`)
REGISTER_PERSON = "register:persoon:"


def may_link(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(roles_of(user) & EDITOR_ROLES)


@transaction.atomic
def linkage_start(
    *, ctx: ProcessingContext, left: DatasetVersion, right: DatasetVersion | None
) -> LinkageRun:
    """Queue the linkage of `left` against `right`, or against the registers when `right` is None;
    the datasets must be readable by the caller (the registers' own clearance is checked by the
    job, as every shielded read is)."""
    policy = policy_for(PartnerDataset)
    require(
        policy.can_view(ctx, left.dataset) and (right is None or policy.can_view(ctx, right.dataset)),
        "not allowed to link these datasets",
    )
    require(ctx.has_role(*EDITOR_ROLES), "not allowed to start a linkage")
    run = LinkageRun.objects.create(
        left=left,
        right=right,
        against=LinkageRun.Against.DATASET if right is not None else LinkageRun.Against.REGISTERS,
        created_by_id=ctx.actor.pk if ctx.actor is not None else None,
    )
    job = job_enqueue(actor=ctx.actor, kind=LINKAGE_JOB, payload={"run": run.pk}, purpose=ctx.purpose)
    run.job_id = job.pk
    run.save(update_fields=["job_id"])
    return LinkageRun.objects.get(pk=run.pk)


@dataclass
class Side:
    """One side of a linkage: the matcher's records and a label per record id."""

    records: list[Record]
    labels: dict[str, str]


def _version_side(version: DatasetVersion) -> Side:
    data = dict(DatasetEntity.objects.filter(version=version).values_list("entity_id", "data"))
    return Side(entity_records(list(data.values())), {e: entity_label(d) for e, d in data.items()})


def _registers_side(ctx: ProcessingContext, left: list[Record]) -> Side | str:
    """The register persons and companies that could be the same as `left`'s (read through the
    registers' selector: clearance, purpose and area checked, the read logged); a refusal's reason."""
    found = registers.linkage_candidates(
        ctx=ctx,
        surnames={s for r in left if r.kind == "person" for s in r.surnames},
        birth_dates={_date(d) for r in left for d in r.birth if d.day},
        postcodes={r.postcode for r in left if r.postcode},
        kvk_nummers={i for r in left if r.kind == "company" for i in r.identifiers if len(i) == 8},
    )
    if found.refusal:
        return found.refusal
    return Side([_register_record(e) for e in found.entries], {e.id: e.label for e in found.entries})


def _date(d: Datum) -> dt.date:
    assert d.month is not None and d.day is not None  # only whole dates are asked for
    return dt.date(d.year, d.month, d.day)


def linkage_job_run(job: Any) -> dict[str, Any]:
    """The job: read both sides (audited), link, store the pairs for review."""
    ctx = job.ctx
    run = LinkageRun.objects.select_related("left__dataset", "right__dataset").get(pk=job.payload["run"])
    matcher = WeerbaarMatcher()
    with audited(ctx, object_type=PAIR_TYPE, action=Action.CREATE, purposes=CROSSREF_PURPOSES) as record:
        policy = policy_for(PartnerDataset)
        if not (
            policy.can_view(ctx, run.left.dataset)
            and (run.right is None or policy.can_view(ctx, run.right.dataset))
        ):
            return _refused(run, record, "")
        job.progress("lezen", 0, 2)
        left = _version_side(run.left)
        right = _version_side(run.right) if run.right is not None else _registers_side(ctx, left.records)
        if isinstance(right, str):
            return _refused(run, record, right)
        job.progress("koppelen", 1, 2)
        matches = matcher.link(left.records, right.records, threshold=REVIEW_FROM)
        CandidatePair.objects.bulk_create(
            [
                CandidatePair(
                    run=run,
                    left_id=m.left_id,
                    right_id=m.right_id,
                    probability=m.probability,
                    left_label=left.labels.get(m.left_id, ""),
                    right_label=right.labels.get(m.right_id, ""),
                    explanation=[
                        {"property": c.property, "level": c.level, "weight": c.weight} for c in m.explanation
                    ],
                )
                for m in matches
            ],
            batch_size=2000,
        )
        run.matcher, run.matcher_version = matcher.NAME, matcher.VERSION
        run.status, run.pair_count = LinkageRun.Status.DONE, len(matches)
        run.save(update_fields=["matcher", "matcher_version", "status", "pair_count"])
        detail = {"paren": len(matches), "algoritme": f"{matcher.NAME} {matcher.VERSION}"}
        record.disclosed(object_id=str(run.pk), detail=detail)
        if run.right is None:
            # each register person in a pair, so the FG finds the linkage under that person
            record.disclosed_each(
                sorted({_subject_id(m.right_id) for m in matches if m.right_id.startswith(REGISTER_PERSON)}),
                object_id=str(run.pk),
                object_type="registers.persoon",
                detail={"koppeling": run.pk},
            )
        job.progress("koppelen", 2, 2)
    return {"pairs": len(matches)}


def _subject_id(entity_id: str) -> str:
    """The id the audit log knows a data subject by: a register person's bron_id, as the
    registers log it; a dataset's entity id as it is."""
    return entity_id.removeprefix(REGISTER_PERSON)


def _refused(run: LinkageRun, record: Any, reason: str) -> dict[str, Any]:
    record.refused(reason=reason, object_id=str(run.pk))
    run.status = LinkageRun.Status.REFUSED
    run.save(update_fields=["status"])
    return {"pairs": 0, "reden": reason or "geen toegang tot beide bestanden"}


def _register_record(entry: registers.RegisterEntry) -> Record:
    where = {"street": entry.street, "number": entry.number, "postcode": entry.postcode, "place": entry.place}
    if entry.kind == "company":
        return company(entry.id, name=entry.name, identifiers=entry.identifiers, **where)
    return person(
        entry.id,
        first_name=entry.first_name,
        voorvoegsel=entry.voorvoegsel,
        surname=entry.surname,
        birth_date=entry.birth_date or None,
        **where,
    )


def run_get(*, ctx: ProcessingContext, pk: int) -> LinkageRun | None:
    """A run whose both sides the caller may read: the datasets, and for a run against the
    registers and done, shielded register data (clearance and a declared purpose, as when it was
    made); a refused or queued one holds no pair, so its starter still sees its status."""
    run = LinkageRun.objects.select_related("left__dataset", "right__dataset").filter(pk=pk).first()
    policy = policy_for(PartnerDataset)
    if (
        run is None
        or not policy.can_view(ctx, run.left.dataset)
        or (run.right and not policy.can_view(ctx, run.right.dataset))
        or (run.right is None and run.status == LinkageRun.Status.DONE and registers.shielded_refusal(ctx))
    ):
        return None
    return run


def run_pairs(*, ctx: ProcessingContext, run: LinkageRun) -> list[dict[str, Any]]:
    """The run's pairs, most uncertain first, each with its explanation and the judgement it has."""
    if run_get(ctx=ctx, pk=run.pk) is None:
        return []
    with audited(ctx, object_type=PAIR_TYPE, purposes=CROSSREF_PURPOSES) as record:
        pairs = list(CandidatePair.objects.filter(run=run))
        judged = _judgements({(p.left_id, p.right_id) for p in pairs})
        record.disclosed_each(
            {_subject_id(i) for p in pairs for i in (p.left_id, p.right_id)}, object_id=str(run.pk)
        )
    pairs.sort(key=lambda p: (abs(p.probability - 0.5), p.pk))
    return [
        {
            "pair": p,
            "judgement": judged.get((p.left_id, p.right_id)),
            "matched": p.probability >= WeerbaarMatcher.threshold,
        }
        for p in pairs
    ]


def pair_get(*, ctx: ProcessingContext, pk: int) -> CandidatePair | None:
    """One pair of a run the caller may read (for judging it)."""
    with audited(ctx, object_type=PAIR_TYPE, purposes=CROSSREF_PURPOSES) as record:
        pair = CandidatePair.objects.filter(pk=pk).first()
        if pair is None or run_get(ctx=ctx, pk=pair.run_id) is None:
            return None
        record.disclosed_each(
            [_subject_id(pair.left_id), _subject_id(pair.right_id)], object_id=str(pair.run_id)
        )
    return pair


def _judgements(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], Judgement]:
    if not pairs:
        return {}
    lefts = {a for a, _ in pairs}
    return {
        (j.left_id, j.right_id): j
        for j in Judgement.objects.filter(left_id__in=lefts)
        if (j.left_id, j.right_id) in pairs
    }


@transaction.atomic
def judgement_set(*, ctx: ProcessingContext, pair: CandidatePair, verdict: str) -> Judgement:
    """Record an analyst's verdict on a pair (the last verdict on a pair of ids counts)."""
    require(
        run_get(ctx=ctx, pk=pair.run_id) is not None and ctx.has_role(*EDITOR_ROLES), "not allowed to judge"
    )
    require(verdict in Verdict.values, f"unknown verdict {verdict!r}")
    with audited(
        ctx, object_type="crossref.oordeel", action=Action.UPDATE, purposes=CROSSREF_PURPOSES
    ) as record:
        judgement, _ = Judgement.objects.update_or_create(
            left_id=pair.left_id,
            right_id=pair.right_id,
            defaults={"verdict": verdict, "judged_by": ctx.actor},
        )
        record.disclosed_each(
            [_subject_id(pair.left_id), _subject_id(pair.right_id)],
            object_id=str(judgement.pk),
            detail={"oordeel": verdict},
        )
    return judgement


def clusters(*, ctx: ProcessingContext, entity_ids: set[str]) -> dict[str, str]:
    """Entity id → cluster id (its cluster's smallest id) over the "same" judgements touching
    `entity_ids`, merged transitively."""
    with audited(ctx, object_type="crossref.oordeel", purposes=CROSSREF_PURPOSES):
        same = list(
            Judgement.objects.filter(
                Q(left_id__in=entity_ids) | Q(right_id__in=entity_ids), verdict=Verdict.SAME
            ).values_list("left_id", "right_id")
        )
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in same:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}
