"""Hit / no-hit questions about partner datasets: the answer is hit or no hit and whom to ask,
looked up in the dataset's keyed index only, never in its entities.

Asking is a write: the question (its kind and a prefix of its keyed digest, never the value) and
the answer go into the asker's audit log and, as a `HitQuestion`, into the holder's log.
"""

from __future__ import annotations

from dataclasses import dataclass

from weerbaar.audit.recording import audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for
from weerbaar.core.tracing import trace_id

from .. import bloom, hitindex, indexstore
from ..models import HitIndex, HitKey, HitQuestion, PartnerDataset
from ..selectors import CROSSREF_PURPOSES, Askable


@dataclass(frozen=True)
class HitAnswer:
    hit: bool
    dataset: Askable
    ask: str
    #: how the hit was found: an equal key, or (persons) a similar name and date of birth
    way: str = HitQuestion.Way.NONE


def hit_question_ask(
    *, ctx: ProcessingContext, dataset_pk: int, kind: str, value: str, birth_date: str = ""
) -> HitAnswer | None:
    """Is this subject in the dataset? Hit or no hit and whom to ask, from the keyed index only:
    an equal key (HMAC digest), else for a person a Bloom filter at the threshold or above.

    None when the question cannot be asked (not a partner, no such dataset) or not read (a
    KvK-nummer that is none: `ValueError`). The question (kind, not the value) and the answer
    are audited on both sides: in the audit log for the asker, as a `HitQuestion` for the holder."""
    if not policy_for(PartnerDataset).can_ask(ctx):  # type: ignore[attr-defined]
        return None
    dataset = PartnerDataset.objects.select_related("organisation").filter(pk=dataset_pk).first()
    if dataset is None:
        return None
    key = hitindex.question_key(kind, value, birth_date=birth_date)
    if key is None:
        raise ValueError(f"{value!r} is als {kind} niet te lezen")
    digest = hitindex.digest(dataset.hit_secret, kind, key)
    with audited(ctx, object_type="crossref.trefferindex", purposes=CROSSREF_PURPOSES) as record:
        way = HitQuestion.Way.NONE
        if HitKey.objects.filter(dataset=dataset, kind=kind, digest=digest).exists():
            way = HitQuestion.Way.EXACT
        elif kind == "persoon" and _similar_person(dataset, value, birth_date):
            way = HitQuestion.Way.BLOOM
        hit = way != HitQuestion.Way.NONE
        record.answered(
            question={
                "partnerbestand": dataset.pk,
                "houder": str(dataset.organisation),
                "soort": kind,
                "sleutel": digest[:16],
            },
            answer=hit,
            object_id=str(dataset.pk),
        )
        HitQuestion.objects.create(
            dataset=dataset,
            organisation=str(ctx.organisation or ""),
            kind=kind,
            hit=hit,
            way=way,
            trace_id=ctx.trace_id or trace_id(),
        )
    askable = Askable(dataset.pk, dataset.name, str(dataset.organisation), dataset.contact)
    return HitAnswer(hit, askable, dataset.contact or str(dataset.organisation), way)


def _similar_person(dataset: PartnerDataset, name: str, birth_date: str) -> bool:
    index = bloom_index(dataset)
    if index is None or not len(index):
        return False
    question = hitindex.fuzzy_person(dataset.hit_secret, name, birth_date)
    return question is not None and index.best(*question) >= bloom.THRESHOLD


def bloom_index(dataset: PartnerDataset) -> bloom.BloomIndex | None:
    """The dataset's Bloom filters (read inside the caller's audited block)."""
    name = HitIndex.objects.filter(dataset=dataset).values_list("bloom_file", flat=True).first()
    return indexstore.load(name) if name else None
