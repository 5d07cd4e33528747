"""An indicator's whole table as CSV lines on disk, for the whole-table download: written by the
publishing job with the published figures (`published.make`), two files per making.

A national buurt table is over a million cells (40 MB of CSV); reading and formatting it per
download took 7 s, so the lines are written once when the figures are made, as CBS and PDOK
offer bulk files, and a download streams the file. Two files per making of the published table,
below MEDIA_ROOT (never served directly; the view checks access first), named after the
indicator and `PublishedTable.token` (new at each making):
- `publiek`: the published figures ("< 5", "×");
- `afgeschermd`: the stored values without suppression, for shielded clearance only.

What must hold: a file is read only while its table is the current one (its token is stored), so
a stale file is never read; it appears under its name only when complete (written aside, then
renamed); its lines are the table's cells in the pages' order (period, then area code).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings

DIRECTORY = "indicatoren/tabellen"
PUBLIC = "publiek"
SHIELDED = "afgeschermd"

#: a line's fields: area code, period start, period end, the figure as shown
Line = tuple[str, dt.date, dt.date, str]


def path(pk: int, kind: str, token: uuid.UUID) -> Path:
    """Where the table of indicator `pk` of this kind and making is (or will be) kept."""
    return Path(settings.MEDIA_ROOT) / DIRECTORY / f"{pk}-{kind}-{token}.csv"


def write(target: Path, lines: Iterable[Line]) -> None:
    """Write the lines as the file `target`, complete or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    aside = target.with_name(f".{target.name}.{os.getpid()}")
    try:
        with aside.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            for code, start, end, shown in lines:
                writer.writerow([code, start, end, shown, ""])
        os.replace(aside, target)
    finally:
        aside.unlink(missing_ok=True)


def remove(pk: int, token: uuid.UUID) -> None:
    """Remove both files of one making (a download that opened one still reads it whole)."""
    for kind in (PUBLIC, SHIELDED):
        path(pk, kind, token).unlink(missing_ok=True)


def chunks(file: Path, size: int = 1 << 20) -> Iterator[str]:
    """The file's text in blocks of `size` characters (the file is opened before the first block
    is asked for: a table replaced meanwhile is still read whole)."""
    handle = file.open("r", encoding="utf-8", newline="")

    def blocks() -> Iterator[str]:
        with handle:
            while block := handle.read(size):
                yield block

    return blocks()


def csv_line(fields: Iterable[object]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(list(fields))
    return buffer.getvalue()
