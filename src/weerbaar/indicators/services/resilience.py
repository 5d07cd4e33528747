"""Weerbaarheidsscans in: a CSV or XLSX file (one row per municipality, date and domain) through
weerbaar.importing, and the fictitious demo scans.

What must hold: every bad row is reported with row, field and reason and then nothing is stored
(all or nothing); a stored scan replaces the scan of the same municipality and date with all its
scores; demo scans are marked fictitious.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from weerbaar.audit.models import Action, Result
from weerbaar.audit.services import audit_log
from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.importing import FailurePolicy, Importer, RowError, RunRecord, RunStatus, checked_rows
from weerbaar.importing.readers import Source
from weerbaar.importing.readers.text import DelimitedReader
from weerbaar.importing.readers.xlsx import XlsxReader
from weerbaar.organisations.models import Organisation

from ..models import ResilienceDomain, ResilienceScan, ResilienceScore
from .importer import ValuesReport, importers

FICTITIOUS_SOURCE = "Fictief: demonstratiegegevens, geen echte scan"


@dataclass(frozen=True)
class ScoreRow:
    area_code: str
    date: dt.date
    domain: str
    score: Decimal


@importers.register("weerbaarheidsscan")
class ResilienceScanImporter(Importer):
    """gemeente (GM-code), datum (JJJJ-MM-DD), domein (a ResilienceDomain key), score (1 to 5)."""

    label = "Weerbaarheidsscans (CSV of XLSX)"
    required = ("gemeente", "datum", "domein", "score")
    policy = FailurePolicy.ALL_OR_NOTHING
    #: a domain twice for one municipality and date is an error named on this field
    key_field = "domein"

    def __init__(self, *, filename: str, municipalities: dict[str, Organisation]) -> None:
        self.filename, self.municipalities = filename, municipalities

    def matches(self, path: Path) -> bool:
        return path.suffix.lower() in {".csv", ".xlsx"}

    def rows(self, source: Source) -> Any:
        if self.filename.lower().endswith(".xlsx"):
            return iter(XlsxReader(source, required=self.required))
        return iter(DelimitedReader(source, required=self.required))

    def clean(self, raw: dict[str, Any]) -> ScoreRow:
        errors: list[tuple[str, str]] = []
        code = str(raw.get("gemeente") or "").strip().upper()
        if code not in self.municipalities:
            errors.append(("gemeente", _("%(code)r is geen gemeente van de regio") % {"code": code}))
        when = dt.date.min
        raw_date = raw.get("datum")
        if isinstance(raw_date, dt.datetime):
            when = raw_date.date()
        elif isinstance(raw_date, dt.date):
            when = raw_date
        else:
            try:
                when = dt.date.fromisoformat(str(raw_date or "").strip())
            except ValueError:
                errors.append(("datum", _("%(value)r is geen datum (JJJJ-MM-DD)") % {"value": raw_date}))
        domain = str(raw.get("domein") or "").strip().lower()
        if domain not in ResilienceDomain.values:
            errors.append(
                (
                    "domein",
                    _("onbekend domein %(value)r; kies uit %(keys)s")
                    % {"value": domain, "keys": ", ".join(ResilienceDomain.values)},
                )
            )
        score = Decimal(0)
        try:
            score = Decimal(str(raw.get("score") or "").strip().replace(",", "."))
            if not score.is_finite() or not Decimal(1) <= score <= Decimal(5):
                errors.append(("score", _("%(value)s ligt niet tussen 1 en 5") % {"value": raw.get("score")}))
        except InvalidOperation:
            errors.append(("score", _("%(value)r is geen getal") % {"value": raw.get("score")}))
        if errors:
            raise RowError(errors)
        return ScoreRow(code, when, domain, score.quantize(Decimal("0.1")))

    def key(self, cleaned: ScoreRow) -> tuple[str, dt.date, str]:
        return (cleaned.area_code, cleaned.date, cleaned.domain)

    def duplicate_message(self, value: Any, first_row: int) -> str:
        return _("dezelfde gemeente, datum en hetzelfde domein staan al in rij %(row)s") % {"row": first_row}


def _municipalities() -> dict[str, Organisation]:
    return {o.cbs_code: o for o in Organisation.objects.filter(kind="gemeente").exclude(cbs_code="")}


def _store(
    rows: list[ScoreRow], municipalities: dict[str, Organisation], *, fictitious: bool, source: str
) -> int:
    grouped: dict[tuple[str, dt.date], list[ScoreRow]] = {}
    for row in rows:
        grouped.setdefault((row.area_code, row.date), []).append(row)
    for (code, when), scores in grouped.items():
        ResilienceScan.objects.filter(area_code=code, date=when).delete()
        scan = ResilienceScan.objects.create(
            organisation=municipalities[code],
            area_code=code,
            date=when,
            fictitious=fictitious,
            source=source,
            access_level=AccessLevel.AFGESCHERMD,
        )
        ResilienceScore.objects.bulk_create(
            ResilienceScore(scan=scan, domain=s.domain, score=s.score) for s in scores
        )
    return len(grouped)


def resilience_scans_import(*, ctx: ProcessingContext, raw: bytes, filename: str) -> ValuesReport:
    """Scans from a CSV or XLSX file; all or nothing. `stored` is the number of scans."""
    require(policy_for(ResilienceScan).can_create(ctx), "not allowed to import resilience scans")
    municipalities = _municipalities()
    importer = ResilienceScanImporter(filename=filename, municipalities=municipalities)
    run = RunRecord(
        importer="weerbaarheidsscan",
        source=filename,
        policy=importer.policy,
        actor=ctx.username,
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    stored = 0
    try:
        rows = [cleaned for _n, cleaned in checked_rows(importer, raw, run.report)]
        if run.report.failure is None and run.report.ok:
            with transaction.atomic():
                stored = _store(rows, municipalities, fictitious=False, source=filename)
        run.finish(stored=stored)
    except Exception as exc:
        run.broke_off(exc)
        raise
    finally:
        audit_log(
            ctx=ctx,
            action=Action.CREATE,
            object_type="indicators.resiliencescan",
            object_id=filename,
            result=Result.ALLOWED if run.status != RunStatus.FAILED else Result.ERROR,
            detail={"status": str(run.status), "rows": run.report.rows},
        )
    return ValuesReport(run=run, stored=stored)


@transaction.atomic
def resilience_demo_load(*, ctx: ProcessingContext, years: tuple[int, ...] = (2024, 2025)) -> int:
    """Fictitious scans for every municipality of the region (seeded: the same on every run),
    marked fictitious; returns the number of scans."""
    require(ctx.system, "only the platform loads demo scans")
    municipalities = _municipalities()
    rows = []
    for code in sorted(municipalities):
        rng = random.Random(f"weerbaarheidsscan-{code}")
        base = {d: rng.uniform(1.6, 3.8) for d in ResilienceDomain.values}
        for step, year in enumerate(years):
            for domain, level in base.items():
                score = min(5.0, max(1.0, level + step * rng.uniform(-0.2, 0.6)))
                rows.append(ScoreRow(code, dt.date(year, 10, 1), domain, Decimal(f"{score:.1f}")))
    return _store(rows, municipalities, fictitious=True, source=FICTITIOUS_SOURCE)
