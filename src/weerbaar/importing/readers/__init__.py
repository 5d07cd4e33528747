"""Readers, one module per family of formats: delimited text, XLSX, NDJSON, and everything GDAL
reads (GeoPackage, zipped Shapefile, GeoJSON, GML) through pyogrio.

Each reader streams (row number, raw values) pairs, numbering rows as the file does, and raises
`FileError` for what makes the whole file unusable. A row the reader cannot even split into
values comes as `{UNREADABLE: message}`, so the importer reports it with its row number.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

#: the key of a row the reader could not parse; its value says why
UNREADABLE = "__error__"
#: a file on disk, or its bytes (an upload held in memory)
Source = Path | bytes


@contextmanager
def open_binary(source: Source) -> Iterator[IO[bytes]]:
    """The source as a binary file object, opened for reading."""
    if isinstance(source, bytes | bytearray):
        yield io.BytesIO(source)
        return
    with open(source, "rb") as fh:
        yield fh
