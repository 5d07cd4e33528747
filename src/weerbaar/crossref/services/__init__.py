"""Writes on partner datasets: typed, keyword-only, the acting context explicit, audited.

An upload is a new version: the file goes through the importer framework with the dataset's
column mapping (given now, or the one saved at the last delivery), bad rows are reported per
row and field and left out, the valid rows' entities are stored with the version, and the
keyed hit / no-hit index is rebuilt from them. All of it in one transaction: a run that breaks
off leaves the dataset as it was.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from weerbaar.audit.models import Action, Result
from weerbaar.audit.recording import audited
from weerbaar.audit.services import audit_log
from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.importing import FailurePolicy, Report, RowError, RunRecord, checked_rows
from weerbaar.importing.problems import FileError

from .. import hitindex
from ..importers import TEXT_SUFFIXES, VECTOR_SUFFIXES, PartnerDatasetImporter, table_columns
from ..mapping import MappingError, check_mapping
from ..models import DatasetEntity, DatasetVersion, IndexOrigin, PartnerDataset
from .index import index_replace

OBJECT_TYPE = "crossref.partnerbestand"
ENTITY_TYPE = "crossref.entiteit"
SUFFIXES = (*TEXT_SUFFIXES, ".xlsx", *VECTOR_SUFFIXES)


@transaction.atomic
def dataset_create(
    *,
    ctx: ProcessingContext,
    name: str,
    access_level: str = AccessLevel.AFGESCHERMD,
    legal_basis: Any = None,
    retention_until: date | None = None,
    contact: str = "",
    factsheet_slug: str = "",
    fictitious: bool = False,
) -> PartnerDataset:
    require(policy_for(PartnerDataset).can_create(ctx), "not allowed to create a partner dataset")
    assert ctx.actor is not None and ctx.organisation_id is not None
    dataset = PartnerDataset(
        name=name,
        access_level=access_level,
        legal_basis=legal_basis,
        retention_until=retention_until,
        contact=contact,
        factsheet_slug=factsheet_slug,
        fictitious=fictitious,
        organisation_id=ctx.organisation_id,
        created_by_id=ctx.actor.pk,
    )
    dataset.full_clean()
    dataset.save()
    audit_log(ctx=ctx, action=Action.CREATE, object_type=OBJECT_TYPE, object_id=str(dataset.pk))
    return dataset


def upload_stage(*, ctx: ProcessingContext, dataset: PartnerDataset, name: str, chunks: Any) -> Path:
    """Keep an uploaded delivery below MEDIA_ROOT until its mapping is confirmed; returns its path."""
    require(policy_for(PartnerDataset).can_change(ctx, dataset), "not allowed to upload to this dataset")
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise MappingError(f"bestandssoort {suffix or '(geen)'} wordt niet gelezen")
    folder = Path(settings.MEDIA_ROOT) / "crossref-aanlevering" / str(dataset.pk)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}{suffix}"
    with path.open("wb") as out:
        for chunk in chunks:
            out.write(chunk)
    return path


def _next_number(dataset: PartnerDataset) -> int:
    return (DatasetVersion.objects.filter(dataset=dataset).aggregate(n=Max("number"))["n"] or 0) + 1


def _store(
    *,
    ctx: ProcessingContext,
    dataset: PartnerDataset,
    source: str,
    mapping: dict[str, str],
    run: RunRecord,
    rows: list[tuple[int, list[dict[str, Any]]]],
) -> DatasetVersion:
    version = DatasetVersion.objects.create(
        dataset=dataset,
        number=_next_number(dataset),
        source=source[:255],
        mapping=mapping,
        created_by_id=ctx.actor.pk if ctx.actor is not None else None,
    )
    with audited(ctx, object_type=ENTITY_TYPE, action=Action.CREATE) as record:
        entities = [
            DatasetEntity(version=version, entity_id=e["id"], schema=e["schema"], row=row, data=e)
            for row, found in rows
            for e in found
        ]
        # an Address shared by two rows is one entity
        unique = list({e.entity_id: e for e in entities}.values())
        DatasetEntity.objects.bulk_create(unique, batch_size=2000)
        index_replace(
            dataset=dataset,
            content=hitindex.build((e.data for e in unique), dataset.hit_secret),
            origin=IndexOrigin.PLATFORM,
        )
        run.report.count("entiteiten", len(unique))
        status = run.finish(stored=len(unique))
        version.entity_count = len(unique)
        version.run = run.as_dict()
        version.save(update_fields=["entity_count", "run"])
        record.disclosed(
            object_id=str(version.pk),
            detail={
                "partnerbestand": dataset.pk,
                "versie": version.number,
                "entiteiten": len(unique),
                "status": str(status),
            },
        )
    return version


@transaction.atomic
def version_upload(
    *,
    ctx: ProcessingContext,
    dataset: PartnerDataset,
    path: Path,
    filename: str = "",
    mapping: Mapping[str, str] | None = None,
) -> DatasetVersion:
    """A new version from a delivered file, mapped by `mapping` or else the dataset's saved one.

    The mapping is checked against the file's columns first (MappingError naming what is wrong);
    the mapping used is saved on the dataset for the next delivery."""
    require(policy_for(PartnerDataset).can_change(ctx, dataset), "not allowed to upload to this dataset")
    used = dict(mapping if mapping is not None else dataset.mapping)
    check_mapping(used, table_columns(path))
    importer = PartnerDatasetImporter(used, dataset_key=dataset.key)
    run = RunRecord(
        importer="partner-dataset",
        source=filename or path.name,
        policy=FailurePolicy.KEEP_VALID_ROWS,
        actor=ctx.username,
    )
    rows = list(checked_rows(importer, path, run.report))
    if run.report.file_error is not None:
        run.finish(stored=0)
        audit_log(
            ctx=ctx,
            action=Action.CREATE,
            object_type=OBJECT_TYPE,
            object_id=str(dataset.pk),
            result=Result.REFUSED,
            detail={"bestand": run.source, "fout": run.report.file_error.message},
        )
        raise FileError(run.report.file_error.message, run.report.file_error.field)
    version = _store(ctx=ctx, dataset=dataset, source=run.source, mapping=used, run=run, rows=rows)
    if dataset.mapping != used:
        dataset.mapping = used
        dataset.save(update_fields=["mapping"])
    return version


@transaction.atomic
def version_import_ftm(*, ctx: ProcessingContext, dataset: PartnerDataset, path: Path) -> DatasetVersion:
    """A new version from FollowTheMoney JSON lines (as `selectors.version_export_ftm` writes
    them, or OpenAleph / yente): each line checked by followthemoney's model; a bad line is
    reported with its number and left out."""
    from followthemoney import model
    from followthemoney.exc import InvalidData

    require(policy_for(PartnerDataset).can_change(ctx, dataset), "not allowed to upload to this dataset")
    run = RunRecord(
        importer="ftm-jsonl", source=path.name, policy=FailurePolicy.KEEP_VALID_ROWS, actor=ctx.username
    )
    report: Report = run.report
    rows: list[tuple[int, list[dict[str, Any]]]] = []
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            report.rows += 1
            try:
                data = json.loads(line)
                if not isinstance(data, dict) or not data.get("id") or not data.get("schema"):
                    raise RowError([("", "een entiteit heeft een 'id' en een 'schema'")])
                proxy = model.get_proxy(data, cleaned=True)
            except json.JSONDecodeError as exc:
                report.add_row(number, [("", f"geen JSON ({exc.msg})")])
                continue
            except RowError as exc:
                report.add_row(number, exc.problems)
                continue
            except (InvalidData, TypeError, KeyError) as exc:
                report.add_row(number, [("schema", str(exc))])
                continue
            rows.append((number, [proxy.to_dict()]))
    return _store(ctx=ctx, dataset=dataset, source=run.source, mapping={}, run=run, rows=rows)
