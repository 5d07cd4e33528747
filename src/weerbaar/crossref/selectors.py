"""Reads of partner datasets: each takes the processing context and returns only what it may see.

Only the holder organisation reads a dataset's versions and entities (`PartnerDatasetPolicy`),
inside `audited(...)`. Everyone else may ask whether a subject is in a dataset: that is a write
(the holder's log of questions), `services.questions.hit_question_ask`.
"""

from __future__ import annotations

from dataclasses import dataclass

from weerbaar.audit.models import Action
from weerbaar.audit.recording import audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for

from .models import DatasetEntity, DatasetVersion, HitIndex, HitQuestion, PartnerDataset

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


def askable_datasets(*, ctx: ProcessingContext) -> list[Askable]:
    if not policy_for(PartnerDataset).can_ask(ctx):  # type: ignore[attr-defined]
        return []
    return [
        Askable(d.pk, d.name, str(d.organisation), d.contact)
        for d in PartnerDataset.objects.select_related("organisation").order_by("name")
    ]


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
