"""Writes to the registers: importing a file (all or nothing) and importing a directory of extracts."""

from __future__ import annotations

import gc
import logging
import pickle
import re
import secrets
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from weerbaar.audit.models import Action, Result
from weerbaar.audit.services import audit_log
from weerbaar.core.personal_data import platform_processing
from weerbaar.core.policies import policy_for, require
from weerbaar.importing import (
    STORING,
    FileError,
    Progress,
    Report,
    SeenKeys,
    check_chunk,
    checked_rows,
    sha256_in_background,
)
from weerbaar.jobs.models import Job, State
from weerbaar.jobs.runner import JobFailed, JobHandle
from weerbaar.jobs.services import job_enqueue

from . import openbare_ruimte
from .fastinsert import analyze, analyze_during_load, column_loader, prepare_bulk_load
from .importers.base import BaseImporter, importers
from .models import ImportRun, Mutatie
from .openbare_ruimte import ADDRESS_IMPORTERS
from .spatial_index import deferred_spatial_indexes

logger = logging.getLogger(__name__)
#: rows between planner-statistics refreshes during one long load (see fastinsert)
STATISTICS_EVERY = 50_000

#: the order a directory is imported in (BAG before the registers that point at addresses)
IMPORT_ORDER = (
    "bag-woonplaats",
    "bag-pand",
    "bag-verblijfsobject",
    "bag-ligplaats",
    "bag-standplaats",
    "bag-csv",
    "bag-nevenadres",
    "brk-perceel",
    "brk-perceel-gml",
    "brk-haal-centraal",
    "kvk-basisprofiel",
    "kvk-vestigingsprofiel",
    "kvk-csv",
    "personen",
)
#: a flat export is skipped when the richer format of the same register is in the directory
SUPERSEDED_BY = {
    "bag-csv": "bag-verblijfsobject",
    "kvk-csv": "kvk-vestigingsprofiel",
    "brk-perceel-gml": "brk-perceel",
}


def _validate(importer: BaseImporter, path: Path, progress: Progress | None, spool: IO[bytes]) -> Report:
    """First pass: clean every row, check repeated keys (weerbaar.importing); nothing is stored.

    Cleaned rows are pickled to `spool` while the file is still error-free, so the second pass
    stores them without reading and cleaning the file again.
    """
    report = Report()
    for _number, cleaned in checked_rows(importer, path, report, progress=progress):
        if report.ok:
            pickle.dump(cleaned, spool, protocol=pickle.HIGHEST_PROTOCOL)
    return report


def _spooled(spool: IO[bytes]) -> Iterator[dict[str, Any]]:
    spool.seek(0)
    while True:
        try:
            yield pickle.load(spool)  # noqa: S301 (our own temporary file, written a moment ago)
        except EOFError:
            return


@platform_processing("register import")
def register_import(
    *,
    actor: Any,
    path: Path,
    importer: str | None = None,
    progress: Progress | None = None,
    name: str = "",
) -> ImportRun:
    """Import one file with the named (or recognised) importer; all rows are stored or none.

    `actor` is the acting user; None means the platform itself (a management command run by an
    operator on the server). The ImportRun holds the counts or the report of what is wrong; a
    run that breaks off (an exception) is finished as failed, audited, and the exception raised.
    `name` is the file's name as offered (an upload is stored under a random one): the audit
    entry names the file by it, and by its SHA-256.
    """
    if actor is not None:
        require(policy_for(ImportRun).can_create(actor), "alleen beheerders importeren basisregistraties")
    path = Path(path)
    plugin = importers[importer]() if importer else importers.recognise(path, IMPORT_ORDER)
    digest = sha256_in_background(path)  # computed while the file is imported
    run = ImportRun(
        importer=plugin.name if plugin else "",
        bestand=name or str(path),
        actor=actor.get_username() if actor is not None else "",
        status=ImportRun.Status.FAILED,
    )
    if plugin is None:
        run.fouten = [{"row": 0, "field": "", "message": "bestandsformaat niet herkend"}]
        run.sha256 = digest.result()
        return _finish(run, actor)
    assert isinstance(plugin, BaseImporter)
    try:
        if plugin.columnar and _first_load(plugin, run):
            _import_columnar(plugin, path, run, progress)
        else:
            _import_rows(plugin, path, run, progress)
    except Exception as exc:  # the run is recorded as failed, then the caller hears what happened
        _broke_off(run, exc, digest, actor)
        raise
    if run.status == ImportRun.Status.OK and plugin.name in ADDRESS_IMPORTERS:
        openbare_ruimten_derive(actor=actor, run=run)  # the streets the addresses name (BAG type 30)
    if progress:
        progress(STORING, run.rijen, run.rijen)
    run.sha256 = digest.result()
    return _finish(run, actor)


def _broke_off(run: ImportRun, exc: Exception, digest: Future[str], actor: Any) -> None:
    """A run ended by an exception: failed, nothing of it stored (its transaction rolled back)."""
    logger.exception("import of %s broke off", run.bestand)
    if run.pk:
        run.refresh_from_db()
    run.status = ImportRun.Status.FAILED
    run.nieuw = run.gewijzigd = run.ongewijzigd = 0
    run.report([{"row": 0, "field": "", "message": f"import afgebroken: {type(exc).__name__}: {exc}"[:500]}])
    try:
        run.sha256 = digest.result()
    except OSError:  # the file itself is gone or unreadable: the run says so, without a hash
        run.sha256 = ""
    _finish(run, actor)


def _first_load(plugin: BaseImporter, run: ImportRun) -> bool:
    """An empty table and no earlier import of this register (which would record 'nieuw')."""
    return not plugin.model._default_manager.exists() and not run.reimport


def _import_rows(plugin: BaseImporter, path: Path, run: ImportRun, progress: Progress | None) -> None:
    """Two passes: validate every row (spooling the cleaned rows), then upsert them in one transaction."""
    with tempfile.TemporaryFile(prefix="weerbaar-import-") as spool:
        report = _validate(plugin, path, progress, spool)
        run.record(report)
        if not report.ok:
            return
        run.save()
        record_new = True  # per model, see mutations.upsert
        try:
            prepare_bulk_load(plugin.model)
            with transaction.atomic(), deferred_spatial_indexes(plugin.model):
                done = 0
                batch: list[dict[str, Any]] = []
                for cleaned in _spooled(spool):
                    batch.append(cleaned)
                    if len(batch) >= plugin.batch_size:
                        done += _store(plugin, batch, run, record_new)
                        batch = []
                        if done % STATISTICS_EVERY < plugin.batch_size:
                            analyze_during_load([plugin.model, *plugin.also_stores])
                        if progress:
                            progress(STORING, done, run.rijen)
                if batch:
                    done += _store(plugin, batch, run, record_new)
                run.status = ImportRun.Status.OK
                run.save()
            analyze([plugin.model, *plugin.also_stores, Mutatie])
        except IntegrityError as exc:
            _conflict(run, exc)


def _conflict(run: ImportRun, exc: IntegrityError) -> None:
    run.refresh_from_db()
    run.nieuw = run.gewijzigd = run.ongewijzigd = 0
    run.fouten = [{"row": 0, "field": "", "message": f"conflict met opgeslagen gegevens: {exc}"}]


class _Rollback(Exception):
    """Raised inside the transaction of a columnar load that found bad rows."""


def _import_columnar(plugin: BaseImporter, path: Path, run: ImportRun, progress: Progress | None) -> None:
    """A first load in one pass: read, check and insert chunk by chunk inside one transaction.

    After the first bad row the chunks are still checked (for the report) but no longer
    inserted, and the transaction is rolled back: the file is stored whole or not at all.
    """
    report = Report()
    run.save()
    total = plugin.row_count(path)
    try:
        prepare_bulk_load(plugin.model)
        with _gc_paused(), transaction.atomic(), deferred_spatial_indexes(plugin.model):
            seen = SeenKeys()
            with column_loader(plugin.model) as load:
                for chunk in plugin.chunks(path):
                    values, _good = check_chunk(plugin, chunk, seen, report)
                    if report.ok:
                        load({**values, "access_level": [str(plugin.access_level)] * len(chunk)})
                        run.nieuw += len(chunk)
                    if progress:
                        progress(STORING, report.rows, max(total, report.rows))
                if not report.ok:
                    raise _Rollback
            run.rijen = report.rows
            run.status = ImportRun.Status.OK
            run.save()
        analyze([plugin.model])
    except FileError as exc:
        report.fail(exc)
    except _Rollback:
        pass
    except IntegrityError as exc:
        _conflict(run, exc)
        return
    if not report.ok:
        run.nieuw = 0
        run.record(report)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """CPython's cyclic garbage collector paused for a bulk load, as bulk loaders do: the load
    makes no reference cycles (reference counting frees its chunks), and each collection
    would walk the whole heap again. Measured: 0.3-1.5 s of a 5-10 s load. The switch is
    process-wide: an import job in a server thread pauses it for the server for that long too
    (reference counting still frees everything without cycles); whoever found it on turns it
    back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _store(plugin: BaseImporter, batch: list[dict[str, Any]], run: ImportRun, record_new: bool) -> int:
    new, changed, unchanged = plugin.store(batch, run, record_new=record_new)
    run.nieuw += new
    run.gewijzigd += changed
    run.ongewijzigd += unchanged
    return len(batch)


def _finish(run: ImportRun, actor: Any) -> ImportRun:
    run.beeindigd = timezone.now()
    run.save()
    audit_log(
        actor=actor,
        action=Action.CREATE,
        object_type="registers.import",
        object_id=str(run.pk),
        result=Result.ALLOWED if run.status == ImportRun.Status.OK else Result.ERROR,
        detail={
            "importer": run.importer,
            "bestand": Path(run.bestand).name,
            "sha256": run.sha256,
            "status": run.status,
            "rijen": run.rijen,
            "nieuw": run.nieuw,
            "gewijzigd": run.gewijzigd,
            "fouten": len(run.fouten),
        },
    )
    return run


def register_import_directory(
    *, actor: Any, directory: Path, progress: Progress | None = None
) -> list[ImportRun]:
    """Import every recognised extract below directory, registers in dependency order."""
    files = sorted(p for p in Path(directory).rglob("*") if p.is_file())
    plan: list[tuple[str, Path]] = []
    for name in IMPORT_ORDER:
        plugin = importers[name]()
        matched = [p for p in files if plugin.matches(p)]
        if name == "personen" and any(p.suffix.lower() == ".csv" for p in matched):
            matched = [p for p in matched if p.suffix.lower() == ".csv"]
        plan.extend((name, p) for p in matched)
    present = {name for name, _ in plan}
    plan = [(n, p) for n, p in plan if SUPERSEDED_BY.get(n) not in present]
    runs = []
    for name, path in plan:
        step: Progress | None = (
            (lambda stage, done, total, _n=name: progress(f"{_n}: {stage}", done, total))
            if progress
            else None
        )
        runs.append(register_import(actor=actor, path=path, importer=name, progress=step))
    return runs


# --- imports started from the web page -------------------------------------------------------

#: below settings.MEDIA_ROOT; never served (MEDIA_URL is not routed)
UPLOAD_DIR = "registers/imports"
#: the job kind of an import started from the page (registered in RegistersConfig.ready)
IMPORT_JOB = "registers-import"


def may_import(user: Any) -> bool:
    """Who may start imports and follow (or cancel) everyone's: administrators, as ImportRunPolicy."""
    return policy_for(ImportRun).can_create(user)


def import_job_start(*, actor: Any, upload: UploadedFile, importer: str = "") -> Job:
    """Store the uploaded file below MEDIA_ROOT and queue its import as a background job.

    A worker process (`weerbaar worker`) runs it; the job records state and progress, so any
    web worker can answer the page. The upload is removed when the job ends, however it ends.
    """
    require(may_import(actor), "alleen beheerders importeren basisregistraties")
    if importer and importer not in importers:
        raise ValidationError({"importer": f"onbekende importer {importer!r}"})
    name = Path(upload.name or "bestand").name[:255]
    suffix = re.sub(r"[^a-z0-9.]", "", Path(name).suffix.lower())[:10]
    directory = Path(settings.MEDIA_ROOT) / UPLOAD_DIR
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{secrets.token_hex(12)}{suffix}"
    try:
        with open(target, "wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        return job_enqueue(
            actor=actor,
            kind=IMPORT_JOB,
            payload={"bestand": str(target), "naam": name, "importer": importer},
            files=[target],
        )
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def import_job_run(job: JobHandle) -> dict[str, Any]:
    """The job: import the upload as its starter; a rejected file ends the job as failed.

    The result names the ImportRun (the counts, or the report of what is wrong). A cancelled or
    killed job never commits its transaction, so nothing of the file is stored.
    """
    actor = job.actor
    if actor is None:  # never run as the platform on behalf of a deleted account
        raise JobFailed("de starter van deze import bestaat niet meer")
    # One transaction around all of it: the rows and what is derived from them (the openbare
    # ruimten of an address file, the run record) are stored together or, when the worker dies
    # or the job is cancelled, not at all.
    with transaction.atomic():
        run = register_import(
            actor=actor,
            path=Path(job.payload["bestand"]),
            importer=job.payload.get("importer") or None,
            progress=job.progress,
            name=job.payload.get("naam", ""),
        )
    result = {"run": run.pk, "importer": run.importer, "rijen": run.rijen}
    if run.status != ImportRun.Status.OK:
        raise JobFailed("Niets opgeslagen: het bestand bevat fouten.", result=result)
    return result


def import_job_progress(job: Job) -> dict[str, Any]:
    """State for the page's progress bar, as stored by the job (the same from every web worker)."""
    return {
        "status": job.state,
        "fase": "klaar" if job.state == State.DONE else job.phase,
        "gedaan": job.done,
        "totaal": job.total,
        "klaar": job.finished,
    }


def openbare_ruimten_derive(*, actor: Any, run: ImportRun | None = None) -> tuple[int, int, int]:
    """Upsert the openbare ruimten from the stored addresses (`registers.openbare_ruimte`);
    returns (new, renamed, unchanged) and logs the derivation.

    `actor` is the acting user (None: the platform itself, as in register_import); `run` the
    address import that triggered it."""
    if actor is not None:
        require(policy_for(ImportRun).can_create(actor), "alleen beheerders importeren basisregistraties")
    derived = openbare_ruimte.derive(actor_name=actor.get_username() if actor is not None else "", run=run)
    audit_log(
        actor=actor,
        action=Action.UPDATE,
        object_type=openbare_ruimte.REGISTER,
        result=Result.ALLOWED,
        detail={
            "nieuw": derived.new,
            "hernoemd": derived.renamed,
            "ongewijzigd": derived.unchanged,
            "conflicten": derived.conflicts,
            "import": run.pk if run is not None else None,
        },
    )
    return derived.new, derived.renamed, derived.unchanged
