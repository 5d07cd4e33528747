"""The CBS wijken and buurten of the region in through weerbaar.importing: their names and parents
(`AreaName`) and the inhabitants per buurt (indicator `cbs-inwoners`, 1 January 2024; a wijk's
value is the sum of its buurten, as CBS's municipal figure is).

What must hold: a file with one bad row (a code of the wrong kind, a buurt whose wijk is not the
one its code names, inhabitants that are no whole number of zero or more) stores nothing and the
problem names row, field and reason; loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.importing import FailurePolicy, FileError, Importer, RowError, RunStatus
from weerbaar.importing.readers import Source
from weerbaar.importing.readers.text import DelimitedReader

from ..models import AREA_CODE, AreaName, Indicator, IndicatorValue, parent_area
from ..published import values_changed
from .importer import DATA, ValuesReport, _area, _run, importers

WIJKEN_BUURTEN_FILE = DATA / "wijken_buurten_overijssel_2024.csv"
#: the indicator the inhabitants feed: the municipalities' figure of the same CBS table and date
INWONERS = "cbs-inwoners"
INWONERS_DATE = dt.date(2024, 1, 1)


@dataclass(frozen=True)
class AreaRow:
    code: str
    name: str
    parent_code: str
    inhabitants: int | None  # buurten only


@importers.register("cbs-wijken-buurten")
class CbsWijkenBuurtenImporter(Importer):
    """The shipped CBS list of wijken and buurten (85984NED): one row per area; the
    municipalities' rows are checked and left to the region's own reference data."""

    label = "CBS wijken en buurten met inwoners (85984NED, 2024)"
    required = ("code", "type", "naam", "gemeente_code", "wijk_code", "inwoners_2024")
    key_field = "code"
    policy = FailurePolicy.ALL_OR_NOTHING

    def matches(self, path: Path) -> bool:
        return path.name.startswith("wijken_buurten_")

    def key(self, cleaned: AreaRow) -> str:
        return cleaned.code

    def rows(self, source: Source) -> Any:
        return iter(DelimitedReader(source, required=self.required))

    def clean(self, raw: dict[str, Any]) -> AreaRow:
        code = _area(raw.get("code") or "")
        kind = str(raw.get("type") or "").strip()
        prefix = {"gemeente": "GM", "wijk": "WK", "buurt": "BU"}.get(kind)
        errors: list[tuple[str, str]] = []
        if prefix is None:
            errors.append(("type", _("gebruik gemeente, wijk of buurt, niet %(value)r") % {"value": kind}))
        if not AREA_CODE.match(code) or (prefix is not None and not code.startswith(prefix)):
            errors.append(
                ("code", _("%(code)r is geen CBS-code van een %(kind)s") % {"code": code, "kind": kind})
            )
            raise RowError(errors)
        name = str(raw.get("naam") or "").strip()
        if not name:
            errors.append(("naam", _("de naam ontbreekt")))
        parent = parent_area(code) or ""
        named = _area(raw.get("wijk_code" if kind == "buurt" else "gemeente_code") or "")
        if parent and named != parent:
            field = "wijk_code" if kind == "buurt" else "gemeente_code"
            errors.append(
                (
                    field,
                    _("%(code)s hoort bij %(parent)s, niet bij %(named)r")
                    % {"code": code, "parent": parent, "named": named},
                )
            )
        inhabitants = None
        if kind == "buurt":
            text = str(raw.get("inwoners_2024") or "").strip()
            try:
                value = Decimal(text)
                if value < 0 or value != value.to_integral_value():
                    raise InvalidOperation
                inhabitants = int(value)
            except (InvalidOperation, ValueError):
                errors.append(
                    (
                        "inwoners_2024",
                        _("%(value)r is geen aantal inwoners (een geheel getal, 0 of meer)")
                        % {"value": text},
                    )
                )
        if errors:
            raise RowError(errors)
        return AreaRow(code, name, parent, inhabitants)


def _store_areas(rows: list[AreaRow]) -> int:
    """Names and parents of the wijken and buurten, and the inhabitants of each buurt and wijk; in
    bulk (one insert-or-update per table: row by row took half a minute on PostGIS)."""
    areas = [r for r in rows if not r.code.startswith("GM")]
    AreaName.objects.bulk_create(
        [AreaName(code=r.code, name=r.name, parent_code=r.parent_code) for r in areas],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "parent_code"],
    )
    per_wijk: dict[str, int] = {}
    counts: list[tuple[str, int]] = []
    for row in areas:
        if row.inhabitants is not None:
            per_wijk[row.parent_code] = per_wijk.get(row.parent_code, 0) + row.inhabitants
            counts.append((row.code, row.inhabitants))
    indicator = Indicator.objects.get(key=INWONERS)
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                indicator=indicator,
                area_code=code,
                period_start=INWONERS_DATE,
                period_end=INWONERS_DATE,
                value=Decimal(count),
                is_count=True,
            )
            for code, count in counts + sorted(per_wijk.items())
        ],
        update_conflicts=True,
        unique_fields=["indicator", "area_code", "period_start", "period_end"],
        update_fields=["value", "is_count"],
    )
    values_changed(indicator_ids=[indicator.pk])  # a bulk write: no post_save to do it
    return len(areas)


@transaction.atomic
def cbs_wijken_buurten_load(*, ctx: ProcessingContext) -> ValuesReport:
    """The shipped wijken and buurten with their inhabitants (after `cbs_criminaliteit_load`,
    which defines the indicator `cbs-inwoners`)."""
    require(policy_for(Indicator).can_create(ctx), "not allowed to load indicators")
    if not Indicator.objects.filter(key=INWONERS).exists():
        raise FileError(
            _("de indicator %(key)s ontbreekt: laad eerst de CBS-cijfers per gemeente") % {"key": INWONERS},
            "indicator",
        )
    raw = WIJKEN_BUURTEN_FILE.read_bytes()
    report = _run(ctx, CbsWijkenBuurtenImporter(), raw, WIJKEN_BUURTEN_FILE.name, store=_store_areas)
    if report.status == RunStatus.FAILED:
        raise FileError(f"{WIJKEN_BUURTEN_FILE.name}: {report.problems[:3]}", "bestand")
    return report
