"""Newline-delimited JSON (one document per line), as the Haal Centraal and KvK API extracts come."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..problems import FileError
from . import UNREADABLE, Source, open_binary
from .text import detect_encoding, encoding_name


def ndjson_rows(source: Source) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, document) per non-empty line; a line that is no JSON object comes as UNREADABLE."""
    encoding = detect_encoding(source)
    with open_binary(source) as binary, io.TextIOWrapper(binary, encoding=encoding) as fh:
        number = 0
        try:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    document = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, {UNREADABLE: f"geen geldige JSON: {exc.msg}"}
                    continue
                yield number, document if isinstance(document, dict) else {UNREADABLE: "geen JSON-object"}
        except UnicodeDecodeError as exc:
            raise FileError(
                f"regel {number + 1} is niet in de codering {encoding_name(encoding)}: {exc.reason}",
                code="encoding",
            ) from exc


def first_keys(path: Path) -> set[str]:
    """Top-level keys of the first document of an NDJSON file (empty when it is not NDJSON)."""
    if path.suffix.lower() not in {".ndjson", ".jsonl", ".json"}:
        return set()
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            line = fh.readline()
        document = json.loads(line)
    except (OSError, ValueError):
        return set()
    return set(document) if isinstance(document, dict) else set()
