"""Running an importer's checks over a file: every row cleaned, keys compared, problems reported.

`checked_rows` is the row path: it yields the good rows and puts every problem in the report,
by row and field. What happens to the good rows when there are bad ones is the caller's
(the service's) decision under the importer's `policy`: under all-or-nothing it stores nothing
when `report.ok` is False at the end; under keep-valid-rows it stores what it was given.

`check_chunk` is the columnar path's equivalent for one chunk of a first load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, cast

import numpy as np
import pyarrow as pa

from .keys import KeyIndex, SeenKeys
from .plugins import Importer
from .problems import FileError, Report, RowError
from .progress import CHECKING, Progress
from .readers import UNREADABLE, Source

#: rows between progress reports of the checking phase
PROGRESS_EVERY = 10_000
#: called with (row number, raw values, problems) for each refused row
OnRefused = Callable[[int, dict[str, Any], list[tuple[str, str]]], None]


def checked_rows(
    importer: Importer,
    source: Source,
    report: Report,
    *,
    progress: Progress | None = None,
    total: int = 0,
    on_refused: OnRefused | None = None,
) -> Iterator[tuple[int, Any]]:
    """(row number, cleaned values) of every good row of `source`; every problem goes to `report`.

    A row is refused when the reader could not split it, `clean` raises RowError, or its key
    (or one of its `extra_keys`) repeats an earlier row's. A file-level problem (FileError,
    also one found halfway) ends the run with `report.fail`.
    """
    index = KeyIndex(remember_rows=importer.name_first_row)
    key_field = importer.key_field
    rows = 0
    try:
        for number, raw in importer.rows(source):
            rows += 1
            if progress is not None and rows % PROGRESS_EVERY == 0:
                report.rows = rows
                progress(CHECKING, rows, total)
            problems: list[tuple[str, str]]
            if UNREADABLE in raw:
                problems = [("", raw[UNREADABLE])]
            else:
                try:
                    cleaned = importer.clean(raw)
                except RowError as exc:
                    problems = exc.problems
                else:
                    if not key_field:
                        yield number, cleaned
                        continue
                    problems = []
                    for field, value in [(key_field, importer.key(cleaned)), *importer.extra_keys(cleaned)]:
                        first = index.earlier(field, value, number)
                        if first is not None:
                            problems.append((field, importer.duplicate_message(value, first)))
                    if not problems:
                        yield number, cleaned
                        continue
            report.add_row(number, problems)
            if on_refused is not None:
                on_refused(number, raw, problems)
    except FileError as exc:
        report.fail(exc)
    finally:
        report.rows = rows


def check_chunk(
    importer: Importer, chunk: Any, seen: SeenKeys, report: Report
) -> tuple[dict[str, Any], np.ndarray]:
    """Clean one chunk column-wise; rows the column checks don't vouch for go through `clean`.

    Returns the values (Arrow arrays, or lists where `clean` filled in rows) and the mask of
    good rows; the problems go to `report` (by row, then field, as the row path reports them).
    Repeated keys are checked against `seen` across chunks.
    """
    values, suspect = importer.clean_chunk(chunk)
    good = np.ones(len(chunk), dtype=bool)
    problems: list[tuple[int, str, str]] = []
    for i in np.flatnonzero(suspect).tolist():
        try:
            cleaned = importer.clean(chunk.row(i))
        except RowError as exc:
            good[i] = False
            problems.extend((int(chunk.fids[i]), f, m) for f, m in exc.problems)
            continue
        for field, value in cleaned.items():
            if not isinstance(values[field], list):  # Arrow arrays are immutable
                values[field] = values[field].to_pylist()
            values[field][i] = value
    keys = [(importer.key_field, values[importer.key_field]), *importer.extra_keys(values)]
    rows = np.flatnonzero(good)
    for name, column in keys:
        column = cast(Any, column)  # an Arrow array, or a list where clean filled in rows
        if len(rows) == len(column):
            kept = column
        elif isinstance(column, list):
            kept = [column[i] for i in rows.tolist()]
        else:
            kept = column.take(pa.array(rows))
        for i in np.flatnonzero(seen.repeated(name, kept)).tolist():
            value = kept[i] if isinstance(kept, list) else kept[i].as_py()
            problems.append((int(chunk.fids[rows[i]]), name, importer.duplicate_message(value, 0)))
            good[rows[i]] = False
    problems.sort(key=lambda p: p[0])  # stable: per row in the order clean / the keys report
    report.rows += len(chunk)
    report.refused += int(len(chunk) - good.sum())
    for row, field, message in problems:
        report.add(row, field, message)
    return values, good
