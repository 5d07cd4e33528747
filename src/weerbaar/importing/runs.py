"""One import run: which file (by name and SHA-256), by whom, with which outcome, counts and problems.

Every import produces a `RunRecord`; its status says the same thing wherever it is shown (the
command's exit code, the job page, the audit entry, a version's report):

- `ok`: every row is stored;
- `partial`: the valid rows are stored and the others refused (keep-valid-rows);
- `failed`: nothing is stored (a file-level problem, a bad row under all-or-nothing, no valid
  row at all, or the run broke off).

An app that keeps its runs in a table builds the model on `models.ImportRunFields` (the
registers' `ImportRun`); one that keeps versions stores `RunRecord.as_dict()` with each version (the
map layers' `LayerVersion.report`).
"""

from __future__ import annotations

import enum
import functools
import hashlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .plugins import FailurePolicy
from .problems import Report


class RunStatus(enum.StrEnum):
    OK = "ok"
    PARTIAL = "partial"
    FAILED = "failed"


def outcome(report: Report, *, stored: int) -> RunStatus:
    """The status of a run whose checks gave `report` and that kept `stored` rows (written, or
    found unchanged). Under all-or-nothing a service keeps nothing once there is a problem, so
    such a run is failed; `partial` is what a keep-valid-rows run with refused rows is."""
    if report.file_error is not None:
        return RunStatus.FAILED
    if report.ok:
        return RunStatus.OK
    return RunStatus.PARTIAL if stored else RunStatus.FAILED


@dataclass
class RunRecord:
    """An import run as every app records it (see the module docstring)."""

    importer: str
    source: str
    policy: FailurePolicy = FailurePolicy.ALL_OR_NOTHING
    actor: str = ""
    sha256: str = ""
    report: Report = field(default_factory=Report)
    status: RunStatus = RunStatus.FAILED
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    finished: datetime | None = None

    def finish(self, *, stored: int) -> RunStatus:
        """Decide the status from the report and what was stored; note the time."""
        self.status = outcome(self.report, stored=stored)
        self.finished = datetime.now(UTC)
        return self.status

    def broke_off(self, exc: BaseException) -> None:
        """The run ended by an exception: failed, with the exception as its file-level problem."""
        self.report.add(0, "", f"import afgebroken: {type(exc).__name__}: {exc}"[:500])
        self.status = RunStatus.FAILED
        self.finished = datetime.now(UTC)

    def as_dict(self) -> dict[str, Any]:
        return {
            "importer": self.importer,
            "source": self.source,
            "sha256": self.sha256,
            "policy": str(self.policy),
            "status": str(self.status),
            "rows": self.report.rows,
            "refused": self.report.refused,
            "counts": dict(self.report.counts),
            "problems": self.report.as_list(),
            "total_problems": self.report.total_problems,
            "warnings": list(self.report.warnings),
            "started": self.started.isoformat(),
            "finished": self.finished.isoformat() if self.finished else None,
        }


# --- the file's SHA-256 -------------------------------------------------------------------------

#: hashes offered files in the background (hashlib and file reads release the GIL)
_HASHING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-sha256")


def file_sha256(path: Path) -> str:
    """The file's SHA-256; a file imported part by part (a GeoPackage's layers) is hashed once per version."""
    stat = path.stat()
    return _sha256_of(str(path.resolve()), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _sha256_of(path: str, _size: int, _mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_in_background(path: Path) -> Future[str]:
    """`file_sha256(path)` computed in a thread while the file is imported."""
    return _HASHING.submit(file_sha256, path)
