"""Delimited text as partners really send it: any of `;` `,` tab `|`, UTF-8 (with or without
BOM), UTF-16 with a BOM, or Windows-1252 — also a UTF-8 file into which someone pasted
Windows-1252 lines — and numbers with decimal commas.

The delimiter comes from `csv.Sniffer` on the first lines; when the sniffer cannot decide, or
its choice does not give the required columns, the delimiter that does (or the one the header
line holds most of) is taken, as the exports of the municipalities need.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import IO, Any

from ..problems import FileError
from . import UNREADABLE, Source, open_binary

DELIMITERS = ";,\t|"
#: bytes read for the header and the sniffer, and the complete lines of it the sniffer sees
SAMPLE = 64 * 1024
SNIFF_LINES = 50
_LINE_END = re.compile(r"\r\n|\r|\n")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NAMES = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "utf-16": "UTF-16"}


def detect_encoding(source: Source) -> str:
    """'utf-8-sig' or 'utf-16' by the BOM; 'utf-8-sig' when the whole file decodes as UTF-8;
    else 'cp1252' (Windows exports; lines that are UTF-8 after all are read as UTF-8)."""
    with open_binary(source) as fh:
        head = fh.read(4)
        for bom, name in _BOMS:
            if head.startswith(bom):
                return name
        fh.seek(0)
        incremental = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := fh.read(1 << 20):
                incremental.decode(chunk)
            incremental.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def encoding_name(encoding: str) -> str:
    """The encoding as a person knows it: 'UTF-8', 'UTF-16', else its codec name ('cp1252')."""
    return _NAMES.get(encoding.lower(), encoding)


def decimal(value: Any) -> float | None:
    """'208221,182' or '208221.182' or '1.234,5' -> float; '' -> None; raises ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(" ", "")
    if "," in text and "." in text:
        text = (
            text.replace(".", "").replace(",", ".")
            if text.rfind(",") > text.rfind(".")
            else text.replace(",", "")
        )
    elif "," in text:
        text = text.replace(",", ".")
    return float(text)


def sniff_delimiter(sample: str, header: str, required: Collection[str] = ()) -> str:
    """The delimiter of a delimited text, from a sample of its first lines and its header line.

    `csv.Sniffer` first; when it fails or its choice misses required columns, the delimiter
    that gives them, else the one the header holds most of (';' on a tie, as Dutch exports).
    """
    candidates: list[str] = []
    with contextlib.suppress(csv.Error):  # "Could not determine delimiter": the header decides
        candidates.append(csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter)
    counted = sorted(DELIMITERS, key=lambda d: (-header.count(d), DELIMITERS.index(d)))
    candidates += [d for d in counted if header.count(d) and d not in candidates]
    if required:
        for delimiter in candidates:
            if set(required) <= {h.strip().lower() for h in _split(header, delimiter)}:
                return delimiter
    return candidates[0] if candidates else ";"


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def _decode_line(raw: bytes, line: int) -> tuple[str, bool]:
    """A line of a file that is not UTF-8 throughout: UTF-8 when it decodes as such, else
    Windows-1252; the flag says which."""
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252"), False
        except UnicodeDecodeError as exc:
            raise FileError(
                f"regel {line} is geen UTF-8 en geen Windows-1252: {exc.reason}", code="encoding"
            ) from exc


class _Lines:
    """The lines of a Windows-1252 file, decoded one by one (see _decode_line); `cp1252_lines`
    are those read as Windows-1252 when the file also holds UTF-8 beyond ASCII (damage from
    pasting between programs)."""

    def __init__(self, binary: IO[bytes]) -> None:
        self.binary = binary
        self.cp1252_lines: list[int] = []
        self.utf8_seen = False

    def __iter__(self) -> Iterator[str]:
        # Latin-1 maps every byte to one character and back: the lines are split exactly as
        # the text path splits them (\n, \r\n, and a lone \r), and each keeps its own bytes
        split = io.TextIOWrapper(self.binary, encoding="latin-1", newline="")
        for line, latin in enumerate(split, start=1):
            raw = latin.encode("latin-1")
            text, utf8 = _decode_line(raw, line)
            if not utf8:
                self.cp1252_lines.append(line)
            elif not self.utf8_seen and not raw.isascii():
                self.utf8_seen = True
            yield text


class DelimitedReader:
    """Rows of a delimited text file as dicts keyed by its header; row numbers count the header as 1.

    Opening reads the header, detects encoding and delimiter (unless given) and checks that
    the `required` columns are there (FileError naming the missing ones). Iterating yields
    (row number, {column: value}); empty lines are skipped; a row with the wrong number of
    fields yields {UNREADABLE: message} (or, with `ragged`, is padded with "" or cut), except
    that empty fields after the last column (trailing delimiters) are dropped.

    - `lower`: header names in lower case, as the registers' importers look them up;
    - `strip`: values without surrounding spaces.

    `encoding`, `delimiter`, `header` and `warnings` tell the caller what was found.
    """

    def __init__(
        self,
        source: Source,
        *,
        required: Collection[str] = (),
        encoding: str | None = None,
        delimiter: str | None = None,
        lower: bool = True,
        strip: bool = True,
        ragged: bool = False,
    ) -> None:
        self.source = source
        self.required = set(required)
        self.declared = encoding is not None
        self.encoding = encoding or detect_encoding(source)
        self.lower, self.strip, self.ragged = lower, strip, ragged
        self.warnings: list[str] = []
        lines = _LINE_END.split(self._sample(), SNIFF_LINES)
        header_line = lines[0]
        if not header_line.strip():
            raise FileError("bestand is leeg", code="empty")
        # no more lines than the sniffer needs: its work grows with the sample, and fifty
        # lines say as much as a thousand
        whole_lines = "\n".join(lines[:SNIFF_LINES])
        self.delimiter = delimiter or sniff_delimiter(whole_lines, header_line, self.required)
        self.columns = [h.strip() for h in _split(header_line, self.delimiter)]
        self.header = [h.lower() for h in self.columns] if lower else self.columns
        missing = self.required - {h.lower() for h in self.columns}
        if missing:
            raise FileError(
                f"kolommen ontbreken: {', '.join(sorted(missing))} (scheidingsteken {self.delimiter!r})",
                code="columns",
                missing=sorted(missing),
            )
        if self._per_line:
            self.warnings.append("het bestand is geen UTF-8; gelezen als Windows-1252 (cp1252)")

    @property
    def _per_line(self) -> bool:
        return self.encoding == "cp1252" and not self.declared

    def _sample(self) -> str:
        with open_binary(self.source) as fh:
            raw = fh.read(SAMPLE)
        if len(raw) == SAMPLE and b"\n" in raw:
            raw = raw[: raw.rindex(b"\n") + 1]  # not the line the sample cuts through
        if self._per_line:
            return "".join(_decode_line(line, n)[0] for n, line in enumerate(raw.splitlines(True), 1))
        try:
            return codecs.getincrementaldecoder(self.encoding)().decode(raw, final=False)
        except UnicodeDecodeError as exc:
            raise FileError(
                f"tekst is niet in de codering {encoding_name(self.encoding)}: {exc.reason}", code="encoding"
            ) from exc
        except LookupError as exc:
            raise FileError(f"onbekende codering {self.encoding!r}", code="encoding") from exc

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any]]]:
        header, strip, ragged = self.header, self.strip, self.ragged
        width = len(header)
        with open_binary(self.source) as binary:
            lines: Iterator[str] | IO[str]
            mixed = None
            if self._per_line:
                mixed = _Lines(binary)
                lines = iter(mixed)
            else:
                lines = io.TextIOWrapper(binary, encoding=self.encoding, newline="")
            reader = csv.reader(lines, delimiter=self.delimiter)
            number = 1
            try:
                next(reader, None)
                for values in reader:
                    number = reader.line_num
                    if not values or values == [""]:
                        continue
                    if len(values) != width:
                        if len(values) > width and not any(v.strip() for v in values[width:]):
                            values = values[:width]
                        elif ragged:
                            values = (values + [""] * width)[:width]
                        else:
                            yield number, {UNREADABLE: f"{len(values)} velden, verwacht {width}"}
                            continue
                    if strip:
                        yield number, {h: v.strip() for h, v in zip(header, values, strict=True)}
                    else:
                        yield number, dict(zip(header, values, strict=True))
            except UnicodeDecodeError as exc:
                raise FileError(
                    f"tekst is niet in de codering {encoding_name(self.encoding)}: {exc.reason}",
                    code="encoding",
                ) from exc
            except csv.Error as exc:
                raise FileError(f"rij {number + 1} is onleesbaar: {exc}", code="unreadable") from exc
            if mixed is not None and mixed.utf8_seen and mixed.cp1252_lines:
                shown = ", ".join(str(n) for n in mixed.cp1252_lines[:10])
                more = " …" if len(mixed.cp1252_lines) > 10 else ""
                self.warnings.append(
                    f"het bestand is UTF-8 met regels in Windows-1252 ({shown}{more}); "
                    "die zijn als Windows-1252 gelezen"
                )


def delimited_rows(
    source: Source, required: Collection[str] = (), **options: Any
) -> Iterator[tuple[int, dict[str, Any]]]:
    """`DelimitedReader(source, required=required, **options)` as a generator (FileError on first use)."""
    yield from DelimitedReader(source, required=required, **options)


def head_line(path: Path) -> str:
    """The first line of a text file in lower case, for recognising a file by its header."""
    with open(path, "rb") as fh:
        raw = fh.readline(SAMPLE)
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return raw.decode(name, errors="replace").lower()
    return raw.decode("cp1252", errors="replace").lower()
