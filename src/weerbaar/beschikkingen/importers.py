"""Decisions in from a CSV file (weerbaar.importing): every row checked, every problem named by
row, field and reason. All or nothing by default; `partial` keeps the valid rows."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import transaction

from weerbaar.audit.models import Action, Result
from weerbaar.audit.services import audit_log
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.core.subjects import subject_kinds
from weerbaar.importing import (
    FailurePolicy,
    Importer,
    ImporterRegistry,
    RowError,
    RunRecord,
    RunStatus,
    checked_rows,
)
from weerbaar.importing.readers import Source
from weerbaar.importing.readers.text import DelimitedReader
from weerbaar.organisations.models import RD_NEW
from weerbaar.privacy.models import LegalBasis

from .models import Beschikking, BeschikkingSoort, Status
from .services import beschikking_create

importers = ImporterRegistry("beschikkingen")

REQUIRED = ("kenmerk", "soort", "grondslag", "onderwerp_soort", "onderwerp", "gemeente", "datum", "contact")


def _date(value: str) -> dt.date:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is geen datum (2026-03-01 of 01-03-2026)")


@dataclass(frozen=True)
class Row:
    values: dict[str, Any]


@importers.register("beschikkingen-csv")
class BeschikkingenImporter(Importer):
    """One decision per row; columns as the form's fields, `x`/`y` in RD New (optional)."""

    label = "Beschikkingen (CSV)"
    key_field = "kenmerk"

    def __init__(self, *, partial: bool = False) -> None:
        self.policy = FailurePolicy.KEEP_VALID_ROWS if partial else FailurePolicy.ALL_OR_NOTHING
        self.soorten = {s.code: s for s in BeschikkingSoort.objects.all()}
        self.grondslagen = {b.code: b for b in LegalBasis.objects.all()}

    def matches(self, path: Path) -> bool:
        return path.suffix.lower() == ".csv"

    def rows(self, source: Source) -> Any:
        return iter(DelimitedReader(source, required=REQUIRED))

    def key(self, cleaned: Row) -> str:
        return cleaned.values["kenmerk"]

    def clean(self, raw: dict[str, Any]) -> Row:
        errors: list[tuple[str, str]] = []
        v: dict[str, Any] = {}
        get = lambda name: str(raw.get(name) or "").strip()  # noqa: E731
        for name in REQUIRED:
            if not get(name):
                errors.append((name, "verplicht veld is leeg"))
        v["kenmerk"] = get("kenmerk")
        if get("soort") and get("soort") not in self.soorten:
            errors.append(("soort", f"onbekende soort beschikking {get('soort')!r}"))
        v["soort"] = self.soorten.get(get("soort"))
        for name in ("grondslag", "grondslag_delen"):
            if get(name) and get(name) not in self.grondslagen:
                errors.append((name, f"onbekende grondslag {get(name)!r}"))
            v[name] = self.grondslagen.get(get(name))
        kind = get("onderwerp_soort")
        if kind and kind not in subject_kinds:
            errors.append(("onderwerp_soort", f"onbekende soort onderwerp {kind!r}"))
        elif kind and get("onderwerp") and not subject_kinds[kind].valid(get("onderwerp")):
            errors.append(("onderwerp", f"{get('onderwerp')!r} is geen geldige {subject_kinds[kind].label}"))
        v["onderwerp_soort"], v["onderwerp_identificatie"] = kind, get("onderwerp")
        v["onderwerp_naam"], v["gemeente"], v["contact"] = (
            get("onderwerp_naam"),
            get("gemeente"),
            get("contact"),
        )
        for name in ("datum", "ingang", "einde"):
            v[name] = None
            if get(name):
                try:
                    v[name] = _date(get(name))
                except ValueError as exc:
                    errors.append((name, str(exc)))
        status = get("status") or Status.VASTGESTELD
        if status not in Status.values:
            errors.append(("status", f"onbekende status {status!r} ({', '.join(Status.values)})"))
        v["status"] = status
        v["locatie"] = None
        if get("x") or get("y"):
            try:
                v["locatie"] = Point(
                    float(get("x").replace(",", ".")), float(get("y").replace(",", ".")), srid=RD_NEW
                )
            except ValueError:
                errors.append(("x", "x en y zijn RD-coördinaten (getallen)"))
        delen = (get("delen") or "nee").lower()
        if delen not in {"ja", "nee"}:
            errors.append(("delen", "gebruik ja of nee"))
        v["delen"] = delen == "ja"
        if v["delen"] and not v["grondslag_delen"] and not any(f == "grondslag_delen" for f, _m in errors):
            errors.append(("grondslag_delen", "delen kan alleen met een grondslag voor delen"))
        if errors:
            raise RowError(errors)
        return Row(v)


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
