"""The importer plugin contract: one class per kind of file an app accepts.

An importer says whether it `matches` a file, streams its `rows` through one of the readers,
`clean`s one row into the values the app stores (or raises RowError naming the fields), says
which value is the row's `key` and which other values must be unique, and declares what a bad
row means (`policy`). It does not store: the app's service does, with what `checked_rows`
(or, for a columnar first load, `check_chunk`) hands it.

A columnar importer (`columnar = True`) also reads the file in chunks of columns (`chunks`, e.g.
`readers.gdal.feature_chunks`) and cleans a whole chunk at once (`clean_chunk`); rows the column
checks cannot vouch for go through the same `clean`, so there is one source of values and
messages.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from .readers import Source


class FailurePolicy(enum.StrEnum):
    """What a bad row means for the rest of the file."""

    #: one bad row (or a file-level problem) and nothing of the file is stored
    ALL_OR_NOTHING = "alles-of-niets"
    #: bad rows are reported per row and field and left out; the valid rows are stored
    KEEP_VALID_ROWS = "geldige-rijen"


class Importer:
    """Base class of the importer plugins; subclasses set `name` (by registering), `label`, and
    implement `matches`, `rows` and `clean`."""

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""
    #: the cleaned field that identifies a row ("" = rows have no key); `key` reads it
    key_field: ClassVar[str] = ""
    #: name the earlier row of a repeated key in the message (a dict entry per key; the
    #: registers' province-scale files keep a set and name only the value)
    name_first_row: ClassVar[bool] = True
    policy: FailurePolicy = FailurePolicy.ALL_OR_NOTHING
    #: True when the importer also cleans whole chunks (`chunks`, `clean_chunk`, `row_count`)
    columnar: ClassVar[bool] = False
    #: rows per chunk: large enough for vectorised work, small enough for memory
    chunk_size: ClassVar[int] = 50_000

    def matches(self, path: Path) -> bool:
        """True when this importer reads the given file."""
        return False

    def rows(self, source: Source) -> Iterator[tuple[int, dict[str, Any]]]:
        """(row number, raw values) pairs, streaming, from the file (or its bytes, for an upload
        held in memory); raise FileError for file-level problems."""
        raise NotImplementedError

    def clean(self, raw: dict[str, Any]) -> Any:
        """The values to store for one row; raise RowError naming the fields that are wrong."""
        raise NotImplementedError

    def key(self, cleaned: Any) -> Any:
        """The row's key (by default `cleaned[key_field]`); two rows with one key are an error."""
        return str(cleaned[self.key_field])

    def extra_keys(self, cleaned: Any) -> list[tuple[str, Any]]:
        """Other values that must be unique in the file, as (field, value).

        Written as look-ups on `cleaned`, so the columnar path can pass the dict of columns and
        gets (field, column) pairs back."""
        return []

    def duplicate_message(self, value: Any, first_row: int) -> str:
        """The message for a repeated key (`first_row` 0: not remembered)."""
        if first_row:
            return f"dubbele waarde {value!r}, ook in rij {first_row}"
        return f"dubbele waarde {value!r}"

    # --- the columnar path (only when `columnar`) ---------------------------------------------

    def row_count(self, path: Path) -> int:
        """The number of rows the file announces (for progress), 0 when unknown."""
        return 0

    def chunks(self, path: Path) -> Iterator[Any]:
        """Chunks of raw rows with `fids` (row numbers), `row(i)` (the dict `rows` yields) and
        `len()` (e.g. readers.gdal.FeatureChunk); raise FileError for file-level problems."""
        raise NotImplementedError

    def clean_chunk(self, chunk: Any) -> tuple[dict[str, Any], np.ndarray]:
        """Values column by column (every field `clean` returns, same values; an Arrow array or
        a list per field) and a boolean array marking the rows these column checks do not
        vouch for: `check_chunk` runs `clean` on each of those, for its values or its report."""
        raise NotImplementedError
