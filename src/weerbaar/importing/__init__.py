"""The one importer framework: readers, reports, the plugin base class, checks, progress and runs.

Registers, map layers and factsheets (and every later app that takes files) import through it:
an app writes an `Importer` plugin per kind of file, registers it in its own `ImporterRegistry`,
and its service runs `checked_rows` (or `check_chunk` for a columnar first load) and stores what
comes out its own way. See docs/development.md, "Importer plugins".

Not a Django app: it has no tables of its own (`runs.ImportRunFields` is abstract) and imports
no capability app.
"""

from .checking import check_chunk, checked_rows
from .keys import KeyIndex, SeenKeys
from .plugins import FailurePolicy, Importer
from .problems import MAX_PROBLEMS, FileError, Problem, Report, RowError
from .progress import CHECKING, READING, STORING, Progress, as_progress, cli_progress
from .readers import UNREADABLE
from .registry import ImporterRegistry
from .runs import RunRecord, RunStatus, file_sha256, outcome, sha256_in_background

__all__ = [
    "CHECKING",
    "MAX_PROBLEMS",
    "READING",
    "STORING",
    "UNREADABLE",
    "FailurePolicy",
    "FileError",
    "Importer",
    "ImporterRegistry",
    "KeyIndex",
    "Problem",
    "Progress",
    "Report",
    "RowError",
    "RunRecord",
    "RunStatus",
    "SeenKeys",
    "as_progress",
    "check_chunk",
    "checked_rows",
    "cli_progress",
    "file_sha256",
    "outcome",
    "sha256_in_background",
]
