"""Import factsheets from CSV or XLSX (the columns of the CSV export), with a per-row report.

Every row is checked first. Without `partial`, one bad row means nothing is written; with it,
the good rows are stored and the bad ones reported. Either way the report names the row (as the
spreadsheet numbers it, header = row 1) and the field.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from weerbaar.core.access import AccessLevel
from weerbaar.core.policies import policy_for
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.models import LegalBasis

from . import vocab
from .dcat import CSV_COLUMNS
from .models import Factsheet, Frequency, Theme
from .services import DistributionInput, FactsheetInput, factsheet_create, factsheet_update

REQUIRED = (
    "identifier",
    "title_nl",
    "description_nl",
    "owner",
    "themes",
    "donl_theme",
    "access_level",
    "access_procedure_nl",
    "frequency",
    "spatial",
    "reviewed_on",
)


class ImportFileError(ValueError):
    """The file as a whole cannot be read (format, encoding, header)."""


@dataclass
class RowError:
    row: int
    field: str
    message: str


@dataclass
class RowResult:
    row: int
    identifier: str
    status: str  # "nieuw", "gewijzigd", "ongewijzigd", "fout"
    errors: list[RowError] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[RowResult]
    written: bool

    @property
    def errors(self) -> list[RowError]:
        return [e for r in self.rows for e in r.errors]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("Het bestand is geen UTF-8 en geen Windows-1252."))


def read_rows(raw: bytes, filename: str) -> list[dict[str, str]]:
    """Rows as dicts of the known columns, from .csv (; or ,) or .xlsx."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(raw), read_only=True, data_only=True).active
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(
                _("Geen leesbaar XLSX-bestand (%(error)s).") % {"error": exc.__class__.__name__}
            ) from exc
        values = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
        header = [str(h).strip() for h in values[0]] if values else []
        body = values[1:]
    else:
        text = _decode(raw)
        first = text.splitlines()[0] if text else ""
        delimiter = ";" if first.count(";") >= first.count(",") else ","
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        rows = list(reader)
        header = [h.strip() for h in rows[0]] if rows else []
        body = rows[1:]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFileError(
            _("Kolommen ontbreken in de kopregel: %(columns)s") % {"columns": ", ".join(missing)}
        )
    result = []
    for values in body:
        if not any(str(v).strip() for v in values):
            result.append({})
            continue
        row = {
            name: values[i] if i < len(values) else "" for i, name in enumerate(header) if name in CSV_COLUMNS
        }
        result.append(
            {
                k: v.isoformat() if isinstance(v, dt.date | dt.datetime) else str(v).strip()
                for k, v in row.items()
            }
        )
    return result


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", "|").split("|") if part.strip()] if value else []


def _date(value: str) -> dt.date:
    value = value[:10]
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("%(value)r is geen datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ)") % {"value": value})


class _Resolver:
    """Looks codes up once per import."""

    def __init__(self) -> None:
        from weerbaar.contacts.models import Contact

        self.organisations = {o.code: o for o in Organisation.objects.all()}
        self.themes = {t.code: t for t in Theme.objects.all()}
        self.legal_bases = {b.code: b for b in LegalBasis.objects.all()}
        self.contacts = {c.key: c for c in Contact.objects.all()}
        self.existing = {f.identifier: f for f in Factsheet.objects.prefetch_related("distributions")}

    def check(
        self, number: int, row: dict[str, str], actor: Any
    ) -> tuple[FactsheetInput | None, list[RowError]]:
        errors: list[RowError] = []

        def fail(name: str, message: str) -> None:
            errors.append(RowError(number, name, message))

        for name in REQUIRED:
            if not row.get(name):
                fail(name, _("verplicht veld is leeg"))

        def lookup(name: str, table: dict[str, Any], *, required: bool = False) -> Any:
            code = row.get(name, "")
            if not code:
                return None
            if code not in table:
                fail(name, _("onbekende code %(code)r") % {"code": code})
            return table.get(code)

        owner = lookup("owner", self.organisations)
        publisher = lookup("publisher", self.organisations)
        maintainer = (
            lookup("maintainer", self.organisations)
            if row.get("maintainer")
            else (actor.organisation if actor is not None else owner)
        )
        themes = []
        for code in _split(row.get("themes", "")):
            if code in self.themes:
                themes.append(self.themes[code])
            else:
                fail("themes", _("onbekend thema %(code)r") % {"code": code})
        legal_bases = []
        for code in _split(row.get("legal_bases", "")):
            if code in self.legal_bases:
                legal_bases.append(self.legal_bases[code])
            else:
                fail("legal_bases", _("onbekende grondslag %(code)r") % {"code": code})
        contact = lookup("contact", self.contacts)
        reviewer = lookup("reviewer", self.contacts)
        if row.get("access_level") and row["access_level"] not in AccessLevel.values:
            fail("access_level", _("kies uit %(values)s") % {"values": ", ".join(AccessLevel.values)})
        if row.get("frequency") and row["frequency"] not in Frequency.values:
            fail("frequency", _("onbekende frequentie %(code)r") % {"code": row["frequency"]})
        if row.get("donl_theme") and row["donl_theme"] not in vocab.DONL_THEMES:
            fail(
                "donl_theme",
                _("geen thema van de Taxonomie Beleidsagenda: %(code)r") % {"code": row["donl_theme"]},
            )
        personal = row.get("personal_data", "nee").lower()
        if personal not in {"ja", "nee", "true", "false", "1", "0", ""}:
            fail("personal_data", _("gebruik ja of nee"))
        dates: dict[str, dt.date | None] = {}
        for name in ("reviewed_on", "temporal_start", "temporal_end"):
            dates[name] = None
            if row.get(name):
                try:
                    dates[name] = _date(row[name])
                except ValueError as exc:
                    fail(name, str(exc))
        formats = _split(row.get("formats", ""))
        for code in formats:
            if code not in vocab.FORMATS:
                fail("formats", _("onbekend formaat %(code)r") % {"code": code})
        current = self.existing.get(row.get("identifier", ""))
        if actor is not None:
            if current is not None and not policy_for(Factsheet).can_change(actor, current):
                fail("identifier", _("bestaat al en wordt beheerd door een andere organisatie"))
            if current is None and maintainer is not None and maintainer.pk != actor.organisation_id:
                fail("maintainer", _("u kunt alleen factsheets van uw eigen organisatie beheren"))
        if errors:
            return None, errors
        if current is not None and formats == [d.format for d in current.distributions.all()]:
            distributions = [
                DistributionInput(
                    kind=d.kind,
                    format=d.format,
                    title_nl=d.title_nl,
                    title_de=d.title_de,
                    title_en=d.title_en,
                    url=d.url,
                    layer=d.layer,
                )
                for d in current.distributions.all()
            ]
        else:
            distributions = [DistributionInput(kind="download", format=f, title_nl=f) for f in formats]
        data = FactsheetInput(
            identifier=row["identifier"],
            title_nl=row["title_nl"],
            title_de=row.get("title_de", ""),
            title_en=row.get("title_en", ""),
            description_nl=row["description_nl"],
            description_de=row.get("description_de", ""),
            description_en=row.get("description_en", ""),
            owner=owner,
            publisher=publisher,
            maintainer=maintainer or owner,
            themes=themes,
            donl_theme=row["donl_theme"],
            keywords=_split(row.get("keywords", "")),
            access_level=row["access_level"],
            personal_data=personal in {"ja", "true", "1"},
            personal_data_categories=_split(row.get("personal_data_categories", "")),
            legal_bases=legal_bases,
            access_procedure_nl=row["access_procedure_nl"],
            access_procedure_de=row.get("access_procedure_de", ""),
            access_procedure_en=row.get("access_procedure_en", ""),
            contact=contact,
            reviewer=reviewer,
            frequency=row["frequency"],
            spatial=row["spatial"],
            temporal_start=dates["temporal_start"],
            temporal_end=dates["temporal_end"],
            reviewed_on=dates["reviewed_on"],  # type: ignore[arg-type]
            distributions=distributions,
        )
        return data, []


def factsheets_import(*, actor: Any, raw: bytes, filename: str, partial: bool = False) -> ImportReport:
    """Check every row, then write (all, or with `partial` the good ones). Returns the report."""
    rows = read_rows(raw, filename)
    resolver = _Resolver()
    checked: list[tuple[RowResult, FactsheetInput | None]] = []
    seen: dict[str, int] = {}
    for index, row in enumerate(rows, start=2):
        if not row:
            continue
        data, errors = resolver.check(index, row, actor)
        identifier = row.get("identifier", "")
        if identifier in seen:
            errors.append(
                RowError(index, "identifier", _("komt ook voor in rij %(row)s") % {"row": seen[identifier]})
            )
            data = None
        seen.setdefault(identifier, index)
        checked.append((RowResult(index, identifier, "fout" if errors else "", errors), data))
    has_errors = any(result.errors for result, _data in checked)
    if has_errors and not partial:
        for result, _data in checked:
            if not result.errors:
                result.status = "niet verwerkt"
        return ImportReport(rows=[r for r, _data in checked], written=False)
    for result, data in checked:
        if data is None:
            continue
        try:
            with transaction.atomic():
                current = resolver.existing.get(data.identifier)
                if current is None:
                    factsheet_create(ctx=actor, data=data, note="import")
                    result.status = "nieuw"
                else:
                    updated = factsheet_update(ctx=actor, factsheet=current, data=data, note="import")
                    result.status = "gewijzigd" if updated.version != current.version else "ongewijzigd"
        except ValidationError as exc:
            result.status = "fout"
            for name, messages in exc.message_dict.items():
                result.errors.append(RowError(result.row, name, " ".join(messages)))
        except PermissionDenied as exc:
            result.status = "fout"
            result.errors.append(RowError(result.row, "identifier", str(exc)))
    return ImportReport(rows=[r for r, _data in checked], written=True)
