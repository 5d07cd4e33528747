"""Reads of partner datasets: each takes the processing context and returns only what it may see.

Only the holder organisation reads a dataset's versions and entities (`PartnerDatasetPolicy`),
inside `audited(...)`. Everyone else may ask whether a subject is in a dataset
(`hit_question`): the answer is hit or no hit and whom to ask, looked up in the keyed index,
never in the entities, and the question and the answer are audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from weerbaar.audit.models import Action
from weerbaar.audit.recording import audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for
from weerbaar.core.tracing import trace_id

from . import bloom, hitindex, indexstore
from .models import DatasetEntity, DatasetVersion, HitIndex, HitKey, HitQuestion, PartnerDataset

#: processing activities a partner dataset is read for
CROSSREF_PURPOSES = ("informatieplein", "signaalverrijking", "bibob-toets")
ENTITY_TYPE = "crossref.entiteit"


def dataset_list(*, ctx: ProcessingContext) -> list[PartnerDataset]:
    return list(policy_for(PartnerDataset).visible(ctx).select_related("organisation", "legal_basis"))


def dataset_get(*, ctx: ProcessingContext, pk: int) -> PartnerDataset | None:
    return policy_for(PartnerDataset).visible(ctx).select_related("organisation").filter(pk=pk).first()


def version_list(*, ctx: ProcessingContext, dataset: PartnerDataset) -> list[DatasetVersion]:
    if not policy_for(PartnerDataset).can_view(ctx, dataset):
        return []
    return list(DatasetVersion.objects.filter(dataset=dataset).order_by("-number"))


def version_get(*, ctx: ProcessingContext, pk: int) -> DatasetVersion | None:
    version = DatasetVersion.objects.select_related("dataset__organisation").filter(pk=pk).first()
    if version is None or not policy_for(PartnerDataset).can_view(ctx, version.dataset):
        return None
    return version


def version_entities(*, ctx: ProcessingContext, version: DatasetVersion, limit: int = 200) -> list[dict]:
    """The FollowTheMoney entities of a version (holder only), each disclosure audited."""
    with audited(ctx, object_type=ENTITY_TYPE, purposes=CROSSREF_PURPOSES) as record:
        if not policy_for(PartnerDataset).can_view(ctx, version.dataset):
            record.refused(object_id=str(version.pk))
            return []
        rows = list(DatasetEntity.objects.filter(version=version).values_list("entity_id", "data")[:limit])
        record.disclosed_each([entity_id for entity_id, _ in rows], object_id=str(version.pk))
        return [data for _, data in rows]


def version_export_ftm(*, ctx: ProcessingContext, version: DatasetVersion) -> list[dict]:
    """Every entity of a version as FollowTheMoney dicts (one JSON line each), holder only."""
    with audited(ctx, object_type=ENTITY_TYPE, action=Action.EXPORT, purposes=CROSSREF_PURPOSES) as record:
        if not policy_for(PartnerDataset).can_view(ctx, version.dataset):
            record.refused(object_id=str(version.pk))
            return []
        rows = list(
            DatasetEntity.objects.filter(version=version)
            .order_by("row", "id")
            .values_list("entity_id", "data")
        )
        record.disclosed_each(
            [entity_id for entity_id, _ in rows], object_id=str(version.pk), detail={"formaat": "ftm-jsonl"}
        )
        return [data for _, data in rows]


@dataclass(frozen=True)
class Askable:
    """What anyone may know of a dataset: that it exists, who holds it and whom to ask."""

    pk: int
    name: str
    holder: str
    contact: str


@dataclass(frozen=True)
class HitAnswer:
    hit: bool
    dataset: Askable
    ask: str
    #: how the hit was found: an equal key, or (persons) a similar name and date of birth
    way: str = HitQuestion.Way.NONE


def askable_datasets(*, ctx: ProcessingContext) -> list[Askable]:
    if not policy_for(PartnerDataset).can_ask(ctx):  # type: ignore[attr-defined]
        return []
    return [
        Askable(d.pk, d.name, str(d.organisation), d.contact)
        for d in PartnerDataset.objects.select_related("organisation").order_by("name")
    ]


def hit_question(
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


def questions_for(*, ctx: ProcessingContext, dataset: PartnerDataset, limit: int = 50) -> list[HitQuestion]:
    """The questions asked of a dataset, for its holder only (no value of any question is kept)."""
    if not policy_for(PartnerDataset).can_change(ctx, dataset):
        return []
    return list(HitQuestion.objects.filter(dataset=dataset)[:limit])


def may_publish_index(*, ctx: ProcessingContext, dataset: PartnerDataset) -> bool:
    """May `ctx` take the dataset's key and publish its index (its holder's data stewards)?"""
    return bool(policy_for(PartnerDataset).can_change(ctx, dataset))


def index_of(*, ctx: ProcessingContext, dataset: PartnerDataset) -> HitIndex | None:
    """Where the dataset's index came from and its counts, for its holder."""
    if not policy_for(PartnerDataset).can_change(ctx, dataset):
        return None
    return HitIndex.objects.filter(dataset=dataset).first()
