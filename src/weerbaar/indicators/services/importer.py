"""Indicator values in through weerbaar.importing: the shipped CBS figures and StatLine-shaped
CSV/XLSX files, each row checked and every problem reported with row, field and reason.

What must hold: a file with one bad row stores nothing (all or nothing) unless `partial` is
asked for (valid rows kept, the rest reported); a run that stores nothing leaves the values as
they were; an imported value replaces the value of the same indicator, area and period.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from collections.abc import Callable
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
from weerbaar.importing import (
    FailurePolicy,
    FileError,
    Importer,
    ImporterRegistry,
    Problem,
    RowError,
    RunRecord,
    RunStatus,
    checked_rows,
)
from weerbaar.importing.readers import Source
from weerbaar.importing.readers.text import DelimitedReader
from weerbaar.importing.readers.xlsx import XlsxReader
from weerbaar.organisations.models import Organisation

from ..models import AREA_CODE, Indicator, IndicatorValue, Refresh

DATA = Path(__file__).resolve().parents[1] / "data"
CBS_FILE = DATA / "gemeenten_misdaad_2023_overijssel.csv"
CBS_SOURCE = "Bron: CBS / Politie (47018NED, 85984NED), CC BY 4.0"

importers = ImporterRegistry("indicators")


@dataclass(frozen=True)
class Row:
    indicator: str
    area_code: str
    period_start: dt.date
    period_end: dt.date
    value: Decimal
    is_count: bool


@dataclass
class ValuesReport:
    run: RunRecord
    stored: int

    @property
    def status(self) -> RunStatus:
        return self.run.status

    @property
    def problems(self) -> list[Problem]:
        return list(self.run.report.problems)


_PERIOD = re.compile(r"^(\d{4})(JJ00|KW0[1-4]|MM(0[1-9]|1[0-2]))$")


def statline_period(code: str) -> tuple[dt.date, dt.date]:
    """A StatLine period code (2023JJ00, 2023KW02, 2023MM07) as first and last day."""
    match = _PERIOD.match(code.strip())
    if not match:
        raise ValueError(
            _("%(code)r is geen StatLine-periode (2023JJ00, 2023KW01, 2023MM01)") % {"code": code}
        )
    year, kind = int(match.group(1)), match.group(2)
    if kind == "JJ00":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if kind.startswith("KW"):
        first = (int(kind[2:]) - 1) * 3 + 1
        return dt.date(year, first, 1), dt.date(year, first + 2, calendar.monthrange(year, first + 2)[1])
    month = int(kind[2:])
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _decimal(raw: Any) -> Decimal:
    text = str(raw).strip().replace(" ", "")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    return Decimal(text.replace(",", "."))


def _area(raw: Any) -> str:
    return str(raw).strip().upper()  # StatLine pads RegioS codes: "GM0141  "


class _Indicators:
    """The indicators a file names, looked up once; unknown keys are a row error."""

    def __init__(self, ctx: ProcessingContext) -> None:
        self.known = {i.key: i for i in policy_for(Indicator).visible(ctx)}


@importers.register("statline")
class StatLineImporter(Importer):
    """Long format, as a StatLine export reshaped: indicator, gebiedscode (RegioS), periode
    (Perioden), waarde; optional `aantal` (ja/nee, default ja)."""

    label = "Indicatorwaarden (StatLine-vorm, CSV of XLSX)"
    required = ("indicator", "gebiedscode", "periode", "waarde")

    def __init__(self, *, ctx: ProcessingContext, filename: str, partial: bool = False) -> None:
        self.ctx, self.filename = ctx, filename
        self.policy = FailurePolicy.KEEP_VALID_ROWS if partial else FailurePolicy.ALL_OR_NOTHING
        self.indicators = _Indicators(ctx)

    def matches(self, path: Path) -> bool:
        return path.suffix.lower() in {".csv", ".xlsx"}

    def rows(self, source: Source) -> Any:
        if self.filename.lower().endswith(".xlsx"):
            return iter(XlsxReader(source, required=self.required))
        return iter(DelimitedReader(source, required=self.required))

    def clean(self, raw: dict[str, Any]) -> Row:
        errors: list[tuple[str, str]] = []
        key = str(raw.get("indicator") or "").strip()
        if key not in self.indicators.known:
            errors.append(("indicator", _("onbekende indicator %(key)r") % {"key": key}))
        area = _area(raw.get("gebiedscode") or "")
        if not AREA_CODE.match(area):
            errors.append(("gebiedscode", _("%(code)r is geen CBS-gebiedscode") % {"code": area}))
        period = (dt.date.min, dt.date.min)
        try:
            period = statline_period(str(raw.get("periode") or ""))
        except ValueError as exc:
            errors.append(("periode", str(exc)))
        value = Decimal(0)
        try:
            value = _decimal(raw.get("waarde") if raw.get("waarde") is not None else "")
            if not value.is_finite():
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            errors.append(("waarde", _("%(value)r is geen getal") % {"value": raw.get("waarde")}))
        count = str(raw.get("aantal") or "ja").strip().lower()
        if count not in {"ja", "nee"}:
            errors.append(("aantal", _("gebruik ja of nee")))
        elif count == "ja" and value != value.to_integral_value():
            errors.append(("waarde", _("een aantal is een geheel getal")))
        if errors:
            raise RowError(errors)
        return Row(key, area, period[0], period[1], value, count == "ja")

    def key(self, cleaned: Row) -> tuple[str, str, dt.date]:
        return (cleaned.indicator, cleaned.area_code, cleaned.period_start)

    def duplicate_message(self, value: Any, first_row: int) -> str:
        return _("dezelfde indicator, hetzelfde gebied en dezelfde periode staan al in rij %(row)s") % {
            "row": first_row
        }


#: the columns of the shipped CBS file and the indicator each one feeds
CBS_COLUMNS = {
    "brengdelicten_2023": ("cbs-brengdelicten", True),
    "per_1000_inwoners": ("cbs-brengdelicten-per-1000", False),
    "bevolking_2024": ("cbs-inwoners", True),
    "gini_misdaad_buurten": ("cbs-gini-misdaad-buurten", False),
}


@importers.register("cbs-gemeenten-misdaad")
class CbsGemeentenImporter(Importer):
    """The shipped CBS file (one row per municipality, a column per figure): values for 2023
    (the population on 1 January 2024 is stored for 2024-01-01)."""

    label = "CBS geregistreerde misdrijven per gemeente 2023"
    required = ("statcode", "gemeente_naam", *CBS_COLUMNS)
    key_field = "statcode"
    policy = FailurePolicy.ALL_OR_NOTHING

    def matches(self, path: Path) -> bool:
        return path.name.startswith("gemeenten_misdaad_")

    def key(self, cleaned: list[Row]) -> str:
        return cleaned[0].area_code if cleaned else ""

    def rows(self, source: Source) -> Any:
        return iter(DelimitedReader(source, required=self.required))

    def clean(self, raw: dict[str, Any]) -> list[Row]:
        code = _area(raw.get("statcode") or "")
        errors: list[tuple[str, str]] = []
        if not code.startswith("GM") or not AREA_CODE.match(code):
            errors.append(("statcode", _("%(code)r is geen gemeentecode (GM0141)") % {"code": code}))
        rows = []
        for column, (key, is_count) in CBS_COLUMNS.items():
            try:
                value = _decimal(raw.get(column) or "")
            except (InvalidOperation, ValueError):
                errors.append((column, _("%(value)r is geen getal") % {"value": raw.get(column)}))
                continue
            if key == "cbs-inwoners":
                period = (dt.date(2024, 1, 1), dt.date(2024, 1, 1))
            else:
                period = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
            rows.append(Row(key, code, period[0], period[1], value, is_count))
        if errors:
            raise RowError(errors)
        return rows


@dataclass(frozen=True)
class CbsIndicator:
    """A shipped CBS indicator: names and definitions in nl, de and en, and its unit (models.UNITS)."""

    names: tuple[str, str, str]
    definitions: tuple[str, str, str]
    unit: str


CBS_INDICATORS = {
    "cbs-brengdelicten": CbsIndicator(
        ("Geregistreerde brengdelicten", "Registrierte Anzeigedelikte", "Registered reported offences"),
        (
            "Aantal misdrijven in 2023 dat slachtoffers of getuigen zelf bij de politie meldden "
            "(brengdelicten) en dat de politie registreerde, opgeteld over de buurten van de gemeente.",
            "Zahl der Straftaten im Jahr 2023, die Opfer oder Zeugen selbst bei der Polizei angezeigt "
            "haben (Anzeigedelikte) und die die Polizei registriert hat, summiert über die "
            "Nachbarschaften der Gemeinde.",
            "Number of offences in 2023 that victims or witnesses reported to the police themselves "
            "(reported offences) and that the police registered, summed over the municipality's "
            "neighbourhoods.",
        ),
        "aantal",
    ),
    "cbs-brengdelicten-per-1000": CbsIndicator(
        (
            "Brengdelicten per 1000 inwoners",
            "Anzeigedelikte je 1000 Einwohner",
            "Reported offences per 1,000 inhabitants",
        ),
        (
            "Geregistreerde brengdelicten in 2023 per 1000 inwoners op 1 januari 2024.",
            "Registrierte Anzeigedelikte im Jahr 2023 je 1000 Einwohner am 1. Januar 2024.",
            "Registered reported offences in 2023 per 1,000 inhabitants on 1 January 2024.",
        ),
        "per 1000 inwoners",
    ),
    "cbs-inwoners": CbsIndicator(
        ("Inwoners", "Einwohner", "Inhabitants"),
        (
            "Aantal inwoners op 1 januari 2024 (Kerncijfers wijken en buurten 2024), per gemeente, "
            "wijk en buurt.",
            "Zahl der Einwohner am 1. Januar 2024 (Kennzahlen der Stadtteile und Nachbarschaften "
            "2024), je Gemeinde, Stadtteil und Nachbarschaft.",
            "Number of inhabitants on 1 January 2024 (key figures of districts and neighbourhoods "
            "2024), per municipality, district and neighbourhood.",
        ),
        "aantal",
    ),
    "cbs-gini-misdaad-buurten": CbsIndicator(
        (
            "Concentratie van misdaad over buurten (Gini)",
            "Konzentration der Kriminalität über Nachbarschaften (Gini)",
            "Concentration of crime across neighbourhoods (Gini)",
        ),
        (
            "Gini-coëfficiënt van de geregistreerde misdrijven in 2023 over de buurten van de "
            "gemeente: 0 als de misdrijven gelijk over de buurten verdeeld zijn, dichter bij 1 "
            "naarmate ze in minder buurten samenvallen.",
            "Gini-Koeffizient der registrierten Straftaten im Jahr 2023 über die Nachbarschaften "
            "der Gemeinde: 0, wenn die Straftaten gleichmäßig verteilt sind, näher an 1, je mehr sie "
            "sich auf wenige Nachbarschaften konzentrieren.",
            "Gini coefficient of the offences registered in 2023 across the municipality's "
            "neighbourhoods: 0 when they are spread evenly, closer to 1 the more they are "
            "concentrated in a few neighbourhoods.",
        ),
        "index 0-1",
    ),
}


def _store(rows: list[Row]) -> int:
    indicators = {i.key: i for i in Indicator.objects.filter(key__in={r.indicator for r in rows})}
    for row in rows:
        IndicatorValue.objects.update_or_create(
            indicator=indicators[row.indicator],
            area_code=row.area_code,
            period_start=row.period_start,
            period_end=row.period_end,
            defaults={"value": row.value, "is_count": row.is_count},
        )
    return len(rows)


def _run(
    ctx: ProcessingContext,
    importer: Importer,
    raw: bytes,
    filename: str,
    *,
    store: Callable[[list[Any]], int] | None = None,
) -> ValuesReport:
    """Check every row, store the cleaned rows in one transaction (`store`, indicator values by
    default) unless the policy says nothing is stored, and audit the run."""
    run = RunRecord(
        importer=importer.name,
        source=filename,
        policy=importer.policy,
        actor=ctx.username,
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    rows: list[Any] = []
    stored = 0
    try:
        for _number, cleaned in checked_rows(importer, raw, run.report):
            rows.extend(cleaned if isinstance(cleaned, list) else [cleaned])
        if run.report.failure is not None or (
            not run.report.ok and importer.policy == FailurePolicy.ALL_OR_NOTHING
        ):
            pass
        else:
            with transaction.atomic():
                stored = (store or _store)(rows)
        run.finish(stored=stored)
    except Exception as exc:
        run.broke_off(exc)
        raise
    finally:
        audit_log(
            ctx=ctx,
            action=Action.CREATE,
            object_type="indicators.indicatorvalue",
            object_id=filename,
            result=Result.ALLOWED if run.status != RunStatus.FAILED else Result.ERROR,
            detail={"status": str(run.status), "rows": run.report.rows},
        )
    return ValuesReport(run=run, stored=stored)


def indicator_values_import(
    *, ctx: ProcessingContext, raw: bytes, filename: str, partial: bool = False
) -> ValuesReport:
    """Values of known indicators from a StatLine-shaped CSV or XLSX file."""
    require(policy_for(Indicator).can_create(ctx), "not allowed to import indicator values")
    return _run(ctx, StatLineImporter(ctx=ctx, filename=filename, partial=partial), raw, filename)


@transaction.atomic
def cbs_criminaliteit_load(*, ctx: ProcessingContext, owner: Organisation) -> ValuesReport:
    """The shipped CBS figures for the 25 municipalities of Overijssel, with their definitions."""
    require(policy_for(Indicator).can_create(ctx), "not allowed to load indicators")
    for key, spec in CBS_INDICATORS.items():
        Indicator.objects.update_or_create(
            key=key,
            defaults={
                "name_nl": spec.names[0],
                "name_de": spec.names[1],
                "name_en": spec.names[2],
                "unit": spec.unit,
                "definition": spec.definitions[0],
                "definition_de": spec.definitions[1],
                "definition_en": spec.definitions[2],
                "source": CBS_SOURCE,
                "owner": owner,
                "refresh": Refresh.JAARLIJKS,
                "theme": "criminaliteit",
                "access_level": AccessLevel.OPENBAAR,
            },
        )
    Indicator.objects.filter(key="cbs-brengdelicten-per-1000").update(
        follows=Indicator.objects.get(key="cbs-brengdelicten")
    )
    report = _run(ctx, CbsGemeentenImporter(), CBS_FILE.read_bytes(), CBS_FILE.name)
    if report.status == RunStatus.FAILED:
        raise FileError(f"{CBS_FILE.name}: {report.problems[:3]}", "bestand")
    return report
