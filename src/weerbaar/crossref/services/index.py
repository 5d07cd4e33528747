"""Writes on a dataset's hit / no-hit index: replaced from a delivery, published by its holder.

A holder that keeps its data at home takes the dataset's key (`index_key_export`, audited), runs
`weerbaar xref_index` on its own machine and publishes the index file (`index_publish`): the
platform stores digests and Bloom filters, never a value. Either way the whole index is replaced
in one transaction; a file that fails any check leaves the previous index answering.
"""

from __future__ import annotations

import io
import uuid
from datetime import datetime
from typing import IO

from django.db import transaction
from django.utils import timezone

from weerbaar.audit.models import Action
from weerbaar.audit.recording import audited
from weerbaar.audit.services import audit_log
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require

from .. import indexfile, indexstore
from ..hitindex import IndexContent, fingerprint
from ..models import HitIndex, HitKey, IndexOrigin, PartnerDataset

INDEX_TYPE = "crossref.trefferindex"
KEY_TYPE = "crossref.indexsleutel"


def index_replace(
    *,
    dataset: PartnerDataset,
    content: IndexContent,
    origin: str,
    made_at: datetime | None = None,
    published_by_id: int | None = None,
) -> HitIndex:
    """The dataset's index becomes `content`; call inside the caller's transaction and audit."""
    name = f"{dataset.pk}-{uuid.uuid4().hex}.npz"
    indexstore.save(name, content.bloom)
    previous = HitIndex.objects.filter(dataset=dataset).values_list("bloom_file", flat=True).first()
    try:
        HitKey.objects.filter(dataset=dataset).delete()
        HitKey.objects.bulk_create(
            [HitKey(dataset=dataset, kind=k, digest=d) for k, d in sorted(content.keys)], batch_size=5000
        )
        index, _ = HitIndex.objects.update_or_create(
            dataset=dataset,
            defaults={
                "origin": origin,
                "made_at": made_at or timezone.now(),
                "published_by_id": published_by_id,
                "counts": content.counts(),
                "bloom_file": name,
            },
        )
    except BaseException:
        indexstore.remove(name)
        raise
    # the previous file goes once the new index is committed (a later rollback of the caller's
    # transaction leaves the new file unreferenced and the previous index answering)
    transaction.on_commit(lambda: indexstore.remove(previous))
    return index


@transaction.atomic
def index_publish(*, ctx: ProcessingContext, dataset: PartnerDataset, upload: IO[bytes]) -> HitIndex:
    """The holder publishes an index made at home; `indexfile.IndexFileError` names what is wrong."""
    require(policy_for(PartnerDataset).can_change(ctx, dataset), "only the holder publishes its index")
    content, meta = indexfile.read(upload, fingerprint=fingerprint(dataset.hit_secret))
    made_at = _made_at(meta.get("gemaakt"))
    with audited(ctx, object_type=INDEX_TYPE, action=Action.CREATE) as record:
        index = index_replace(
            dataset=dataset,
            content=content,
            origin=IndexOrigin.HOUDER,
            made_at=made_at,
            published_by_id=ctx.actor.pk if ctx.actor is not None else None,
        )
        record.disclosed(
            object_id=str(dataset.pk), detail={"partnerbestand": dataset.pk, "aantallen": index.counts}
        )
    return index


def _made_at(text: object) -> datetime | None:
    try:
        made = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return made if made.tzinfo else None


def index_key_export(*, ctx: ProcessingContext, dataset: PartnerDataset) -> str:
    """The dataset's key as a small text file for `weerbaar xref_index`; holder only, audited."""
    require(policy_for(PartnerDataset).can_change(ctx, dataset), "only the holder takes the index key")
    audit_log(ctx=ctx, action=Action.EXPORT, object_type=KEY_TYPE, object_id=str(dataset.pk))
    buffer = io.StringIO()
    buffer.write(f"# Sleutel van de trefferindex van partnerbestand {dataset.pk} ({dataset.name}).\n")
    buffer.write("# Geheim houden: wie deze sleutel heeft, kan vragen aan de index toetsen.\n")
    buffer.write(f"{dataset.hit_secret}\n")
    return buffer.getvalue()
