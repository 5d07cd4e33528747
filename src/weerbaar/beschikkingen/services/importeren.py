"""The import service of decisions from a CSV file (the importer itself is in `..importers`)."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction

from weerbaar.audit.models import Action, Result
from weerbaar.audit.services import audit_log
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.importing import FailurePolicy, RunRecord, RunStatus, checked_rows

from ..importers import BeschikkingenImporter
from ..models import Beschikking
from .beschikkingen import beschikking_create


def beschikkingen_import(
    *, ctx: ProcessingContext, raw: bytes, filename: str, partial: bool = False
) -> RunRecord:
    """Record the decisions of a CSV file for the acting organisation; returns the run (status,
    report with each problem's row, field and reason). A failed run stores nothing."""
    require(policy_for(Beschikking).can_create(ctx), "u mag geen beschikkingen importeren")
    importer = BeschikkingenImporter(partial=partial)
    run = RunRecord(
        importer=importer.name,
        source=filename,
        policy=importer.policy,
        actor=ctx.username,
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    stored = 0
    try:
        good = [(number, row) for number, row in checked_rows(importer, raw, run.report)]
        keep = run.report.failure is None and (
            run.report.ok or importer.policy == FailurePolicy.KEEP_VALID_ROWS
        )
        if keep:
            with transaction.atomic():
                for number, row in good:
                    try:
                        with transaction.atomic():
                            beschikking_create(ctx=ctx, **row.values)
                        stored += 1
                    except ValidationError as exc:
                        for field, messages in exc.message_dict.items():
                            run.report.add(number, field, "; ".join(messages))
                if not run.report.ok and importer.policy == FailurePolicy.ALL_OR_NOTHING:
                    stored = 0
                    transaction.set_rollback(True)
        run.finish(stored=stored)
    except Exception as exc:
        run.broke_off(exc)
        raise
    finally:
        audit_log(
            ctx=ctx,
            action=Action.CREATE,
            object_type="beschikkingen.beschikking",
            object_id=filename,
            result=Result.ERROR if run.status == RunStatus.FAILED else Result.ALLOWED,
            detail={"status": str(run.status), "rows": run.report.rows, "stored": stored},
        )
    return run
