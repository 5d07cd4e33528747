"""Import factsheets from CSV or XLSX (the columns of the CSV export): the catalog's importer plugin
on weerbaar.importing, with a report per row.

Every row is checked first. Without `partial` (the all-or-nothing policy) one bad row means
nothing is written; with it (keep-valid-rows) the good rows are stored and the bad ones
reported. Either way the report names the row (as the spreadsheet numbers it, header = row 1)
and the field, and its status says what happened: `ok`, `partial` or `failed` (nothing stored).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from weerbaar.contacts.selectors import contacts_by_key
from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for
from weerbaar.importing import (
    FailurePolicy,
    FileError,
    Importer,
    ImporterRegistry,
    Problem,
    Progress,
    RowError,
    RunRecord,
    RunStatus,
    checked_rows,
)
from weerbaar.importing.readers import Source
from weerbaar.importing.readers.text import DelimitedReader
from weerbaar.importing.readers.xlsx import XlsxReader
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.models import LegalBasis

from .. import vocab
from ..dcat import CSV_COLUMNS
from ..models import Factsheet, Frequency, Theme
from .factsheets import DistributionInput, FactsheetInput, factsheet_create, factsheet_update

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


#: a problem of one row: (row, field, message); the name the catalog's callers know it by
RowProblem = Problem


@dataclass
class RowResult:
    row: int
    identifier: str
    status: str  # "nieuw", "gewijzigd", "ongewijzigd", "fout", "niet verwerkt"
    errors: list[Problem] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[RowResult]
    run: RunRecord

    @property
    def status(self) -> RunStatus:
        return self.run.status

    @property
    def written(self) -> bool:
        """Something was stored (the run is ok or partial)."""
        return self.run.status != RunStatus.FAILED

    @property
    def errors(self) -> list[Problem]:
        return [e for r in self.rows for e in r.errors]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)


def _file_error(error: FileError) -> ImportFileError:
    """The reader's problem in the catalog's (translated) words."""
    if error.code in {"columns", "empty"}:
        missing = set(error.params.get("missing", REQUIRED))
        columns = ", ".join(c for c in REQUIRED if c in missing)
        return ImportFileError(_("Kolommen ontbreken in de kopregel: %(columns)s") % {"columns": columns})
    if error.code == "encoding":
        return ImportFileError(_("Het bestand is geen UTF-8 en geen Windows-1252."))
    if error.code == "unreadable" and "error" in error.params:
        return ImportFileError(
            _("Geen leesbaar XLSX-bestand (%(error)s).") % {"error": error.params["error"]}
        )
    return ImportFileError(error.message)


def _plain(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else str(value).strip()


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


class _Contacts:
    """The contact entries a file names, asked of the contacts app's selector once per key (each
    entry read is logged there)."""

    def __init__(self, ctx: ProcessingContext) -> None:
        self.ctx = ctx
        self.found: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        if key not in self.found:
            entries = contacts_by_key(ctx=self.ctx, keys=[key])
            self.found[key] = entries[0] if entries else None
        return self.found[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None


class _Resolver:
    """Looks codes up once per import."""

    def __init__(self, ctx: ProcessingContext) -> None:
        self.organisations = {o.code: o for o in Organisation.objects.all()}
        self.themes = {t.code: t for t in Theme.objects.all()}
        self.legal_bases = {b.code: b for b in LegalBasis.objects.all()}
        self.contacts = _Contacts(ctx)
        self.existing = {f.identifier: f for f in Factsheet.objects.prefetch_related("distributions")}

    def check(self, row: dict[str, str], ctx: ProcessingContext) -> FactsheetInput:
        """The factsheet a row describes; RowError naming every field that is wrong."""
        errors: list[tuple[str, str]] = []

        def fail(name: str, message: str) -> None:
            errors.append((name, message))

        for name in REQUIRED:
            if not row.get(name):
                fail(name, _("verplicht veld is leeg"))

        def lookup(name: str, table: Any, *, required: bool = False) -> Any:
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
            else (ctx.organisation if ctx.is_authenticated else owner)
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
        if ctx.is_authenticated:
            if current is not None and not policy_for(Factsheet).can_change(ctx, current):
                fail("identifier", _("bestaat al en wordt beheerd door een andere organisatie"))
            if current is None and maintainer is not None and maintainer.pk != ctx.organisation_id:
                fail("maintainer", _("u kunt alleen factsheets van uw eigen organisatie beheren"))
        if errors:
            raise RowError(errors)
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
        return data


#: the catalog's importer plugins
importers = ImporterRegistry("catalog")


@importers.register("factsheets")
class FactsheetImporter(Importer):
    """Factsheets from CSV (any delimiter, UTF-8 or Windows-1252) or XLSX with the export's columns."""

    label = "Factsheets (CSV of XLSX)"
    key_field = "identifier"

    def __init__(self, *, ctx: ProcessingContext, partial: bool = False, filename: str = "") -> None:
        self.ctx = ctx
        self.filename = filename
        self.policy = FailurePolicy.KEEP_VALID_ROWS if partial else FailurePolicy.ALL_OR_NOTHING
        self._resolver: _Resolver | None = None

    @property
    def resolver(self) -> _Resolver:
        if self._resolver is None:  # codes are looked up once per import, when the first row comes
            self._resolver = _Resolver(self.ctx)
        return self._resolver

    def matches(self, path: Path) -> bool:
        return path.suffix.lower() in {".csv", ".xlsx"}

    def rows(self, source: Source) -> Any:
        reader: DelimitedReader | XlsxReader
        if self.filename.lower().endswith(".xlsx"):
            reader = XlsxReader(source, required=REQUIRED)
        else:
            reader = DelimitedReader(source, required=REQUIRED, ragged=True)
        for number, values in reader:
            yield number, {k: _plain(v) for k, v in values.items() if k in CSV_COLUMNS}

    def clean(self, raw: dict[str, Any]) -> FactsheetInput:
        return self.resolver.check(raw, self.ctx)

    def key(self, cleaned: FactsheetInput) -> str:
        return cleaned.identifier

    def duplicate_message(self, value: Any, first_row: int) -> str:
        return _("komt ook voor in rij %(row)s") % {"row": first_row}


def factsheets_import(
    *,
    ctx: ProcessingContext,
    raw: bytes,
    filename: str,
    partial: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Check every row, then write (all, or with `partial` the good ones). Returns the report;
    raises ImportFileError when the file as a whole cannot be read."""
    importer = FactsheetImporter(ctx=ctx, partial=partial, filename=filename)
    run = RunRecord(
        importer=importer.name,
        source=filename,
        policy=importer.policy,
        actor=ctx.username,
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    results: dict[int, RowResult] = {}

    def refused(number: int, values: dict[str, Any], problems: list[tuple[str, str]]) -> None:
        errors = [Problem(number, f, m) for f, m in problems]
        results[number] = RowResult(number, str(values.get("identifier", "")), "fout", errors)

    checked: list[tuple[RowResult, FactsheetInput]] = []
    for number, data in checked_rows(importer, raw, run.report, progress=progress, on_refused=refused):
        results[number] = RowResult(number, data.identifier, "")
        checked.append((results[number], data))
    if run.report.failure is not None:
        run.finish(stored=0)
        raise _file_error(run.report.failure)
    rows = [results[n] for n in sorted(results)]
    if not run.report.ok and importer.policy == FailurePolicy.ALL_OR_NOTHING:
        for result, _data in checked:
            result.status = "niet verwerkt"
        run.finish(stored=0)
        return ImportReport(rows=rows, run=run)
    stored = 0
    for result, data in checked:
        try:
            with transaction.atomic():
                current = importer.resolver.existing.get(data.identifier)
                if current is None:
                    factsheet_create(ctx=ctx, data=data, note="import")
                    result.status = "nieuw"
                else:
                    updated = factsheet_update(ctx=ctx, factsheet=current, data=data, note="import")
                    result.status = "gewijzigd" if updated.version != current.version else "ongewijzigd"
            stored += 1
        except ValidationError as exc:
            problems = [(name, " ".join(messages)) for name, messages in exc.message_dict.items()]
            _refuse_stored(run, result, problems)
        except PermissionDenied as exc:
            _refuse_stored(run, result, [("identifier", str(exc))])
    run.report.count("opgeslagen", stored)
    run.finish(stored=stored)
    return ImportReport(rows=rows, run=run)


def _refuse_stored(run: RunRecord, result: RowResult, problems: list[tuple[str, str]]) -> None:
    """A row the service refused while storing: reported like a row the checks refused."""
    result.status = "fout"
    result.errors.extend(Problem(result.row, f, m) for f, m in problems)
    run.report.add_row(result.row, problems)
