"""The partner-dataset importer: any table the readers know, run through a column mapping.

One plugin for every delivery format (delimited text in any delimiter and encoding, XLSX,
GeoPackage, zipped Shapefile): `rows` picks the reader by the file's suffix and keeps the
column names as the file writes them (a mapping names them so); `clean` is the mapping
(`mapping.row_entities`), which names the column of every value it refuses. Bad rows are
reported and left out (`KEEP_VALID_ROWS`); a row whose entity repeats an earlier row's (same
identity) is refused naming that row.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Any

from weerbaar.importing import FailurePolicy, FileError, Importer, ImporterRegistry, RowError
from weerbaar.importing.readers import UNREADABLE, Source
from weerbaar.importing.readers.gdal import feature_rows
from weerbaar.importing.readers.text import DelimitedReader
from weerbaar.importing.readers.xlsx import XlsxReader

from .mapping import row_entities

importers = ImporterRegistry("crossref")

TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
VECTOR_SUFFIXES = (".gpkg", ".zip", ".geojson", ".shp")


def table_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, {column: value}) of any table the importer framework reads."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield from DelimitedReader(path, lower=False)
    elif suffix == ".xlsx":
        yield from XlsxReader(path, lower=False)
    elif suffix in VECTOR_SUFFIXES:
        for fid, row in feature_rows(path, None):
            # the geometry is no property of a person or a company; the mapping never sees it
            yield fid, {k: v for k, v in row.items() if k not in ("geometry", "wkb_geometry")}
    else:
        raise FileError(f"bestandssoort {suffix or '(geen)'} wordt niet gelezen", code="format")


def table_columns(path: Path) -> list[str]:
    """The columns of the file as it names them (for the mapping form)."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return list(DelimitedReader(path, lower=False).columns)
    if suffix == ".xlsx":
        return list(XlsxReader(path, lower=False).columns)
    for _number, row in islice(table_rows(path), 1):
        return list(row)
    return []


@importers.register("partner-dataset")
class PartnerDatasetImporter(Importer):
    label = "Partnerbestand (CSV, XLSX, GeoPackage, Shapefile)"
    policy = FailurePolicy.KEEP_VALID_ROWS
    key_field = "id"

    def __init__(self, mapping: Mapping[str, str] | None = None, *, dataset_key: str = "") -> None:
        self.mapping = dict(mapping or {})
        self.dataset_key = dataset_key

    def matches(self, path: Path) -> bool:
        return path.suffix.lower() in (*TEXT_SUFFIXES, ".xlsx", *VECTOR_SUFFIXES)

    def rows(self, source: Source) -> Iterator[tuple[int, dict[str, Any]]]:
        if not isinstance(source, Path):
            raise FileError("een partnerbestand wordt als bestand gelezen", code="format")
        yield from table_rows(source)

    def clean(self, raw: dict[str, Any]) -> list[dict[str, Any]]:
        return row_entities(self.mapping, raw, dataset_key=self.dataset_key)

    def key(self, cleaned: Any) -> Any:
        return cleaned[0]["id"]

    def duplicate_message(self, value: Any, first_row: int) -> str:
        return (
            f"dezelfde entiteit als rij {first_row}" if first_row else "dezelfde entiteit als een eerdere rij"
        )


def preview(
    path: Path, mapping: Mapping[str, str], *, dataset_key: str, rows: int = 10
) -> list[dict[str, Any]]:
    """The first rows as read, each with the entities the mapping makes of it or its problems."""
    out = []
    for number, raw in islice(table_rows(path), rows):
        item: dict[str, Any] = {"row": number, "raw": raw, "entities": [], "problems": []}
        if UNREADABLE in raw:
            item["problems"] = [("", raw[UNREADABLE])]
        else:
            try:
                item["entities"] = row_entities(mapping, raw, dataset_key=dataset_key)
            except RowError as exc:
                item["problems"] = exc.problems
        out.append(item)
    return out
