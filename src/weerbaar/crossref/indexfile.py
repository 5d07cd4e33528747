"""The hit / no-hit index as a file a holder publishes: a ZIP of

- `trefferindex.json`: format, version, the key's fingerprint, when it was made, the counts and
  the Bloom parameters;
- `sleutels.txt`: one `kind digest` line per exact key (HMAC-SHA256, hex);
- `bloom.npy`, `blok_jaar.npy`, `blok_naam.npy`: the persons' filters and block keys as NumPy
  arrays (read without pickle).

Digests, bits and block keys only: no name, number or date is in the file. `read` checks
everything a careless or wrong file could get wrong and names the member, the line and the
reason; nothing is stored from a file that fails.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import UTC, datetime
from typing import IO, Any

import numpy as np

from . import bloom
from .hitindex import KINDS, IndexContent

FORMAT = "weerbaar-trefferindex"
VERSION = 1
META, KEYS = "trefferindex.json", "sleutels.txt"
ARRAYS = ("bloom.npy", "blok_jaar.npy", "blok_naam.npy")
_DIGEST = re.compile(r"^[0-9a-f]{64}$")
#: an index larger than this (uncompressed) is refused before it is unpacked
MAX_BYTES = 2 * 1024**3


class IndexFileError(ValueError):
    """A published index that cannot be read; the message names the member, line and reason."""


def write(content: IndexContent, out: IO[bytes]) -> dict[str, Any]:
    meta = {
        "formaat": FORMAT,
        "versie": VERSION,
        "sleutel": content.fingerprint,
        "gemaakt": datetime.now(UTC).isoformat(timespec="seconds"),
        "aantallen": content.counts(),
        "bloom": {"bits": bloom.BITS, "drempel": bloom.THRESHOLD},
    }
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(META, json.dumps(meta, indent=2))
        archive.writestr(KEYS, "".join(f"{kind} {digest}\n" for kind, digest in sorted(content.keys)))
        for name, array in zip(
            ARRAYS, (content.bloom.filters, content.bloom.year_blocks, content.bloom.name_blocks), strict=True
        ):
            buffer = io.BytesIO()
            np.save(buffer, array, allow_pickle=False)
            archive.writestr(name, buffer.getvalue())
    return meta


def read(source: IO[bytes], *, fingerprint: str) -> tuple[IndexContent, dict[str, Any]]:
    """The index in `source`, made with the key whose fingerprint is `fingerprint`."""
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile as exc:
        raise IndexFileError(f"geen trefferindex: het bestand is geen ZIP ({exc})") from exc
    with archive:
        names = set(archive.namelist())
        missing = [n for n in (META, KEYS, *ARRAYS) if n not in names]
        if missing:
            raise IndexFileError(f"geen trefferindex: {', '.join(missing)} ontbreekt")
        if sum(info.file_size for info in archive.infolist()) > MAX_BYTES:
            raise IndexFileError("de trefferindex is groter dan 2 GB uitgepakt")
        meta = _meta(archive.read(META), fingerprint)
        keys = _keys(archive.read(KEYS).decode("ascii", errors="replace"))
        filters, years, surnames = (_array(archive, name) for name in ARRAYS)
    if filters.ndim != 2 or filters.shape[1] != bloom.WORDS or filters.dtype != np.uint64:
        raise IndexFileError(
            f"bloom.npy: verwacht n × {bloom.WORDS} getallen van 64 bits, gevonden {filters.shape}"
        )
    for name, array in (("blok_jaar.npy", years), ("blok_naam.npy", surnames)):
        if array.shape != (len(filters),) or array.dtype != np.uint64:
            raise IndexFileError(
                f"{name}: verwacht {len(filters)} getallen van 64 bits, gevonden {array.shape}"
            )
    return IndexContent(keys, bloom.BloomIndex(filters, years, surnames), fingerprint), meta


def _meta(raw: bytes, fingerprint: str) -> dict[str, Any]:
    try:
        meta = json.loads(raw)
    except ValueError as exc:
        raise IndexFileError(f"{META}: geen JSON ({exc})") from exc
    if not isinstance(meta, dict) or meta.get("formaat") != FORMAT:
        raise IndexFileError(f"{META}: formaat is niet {FORMAT!r}")
    if meta.get("versie") != VERSION:
        raise IndexFileError(f"{META}: versie {meta.get('versie')!r} wordt niet gelezen (wel {VERSION})")
    if meta.get("sleutel") != fingerprint:
        raise IndexFileError(
            f"{META}: gemaakt met een andere sleutel dan die van dit partnerbestand; "
            "maak de index opnieuw met de sleutel van deze pagina"
        )
    if (meta.get("bloom") or {}).get("bits") != bloom.BITS:
        raise IndexFileError(f"{META}: Bloom-filters van {bloom.BITS} bits verwacht")
    return meta


def _keys(text: str) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        kind, _, digest = line.strip().partition(" ")
        if kind not in KINDS:
            raise IndexFileError(f"{KEYS}, regel {number}: soort {kind!r} is geen van {', '.join(KINDS)}")
        if not _DIGEST.match(digest):
            raise IndexFileError(f"{KEYS}, regel {number}: geen HMAC-SHA256 (64 hexadecimale tekens)")
        keys.add((kind, digest))
    return keys


def _array(archive: zipfile.ZipFile, name: str) -> np.ndarray:
    try:
        return np.load(io.BytesIO(archive.read(name)), allow_pickle=False)
    except ValueError as exc:
        raise IndexFileError(f"{name}: geen NumPy-array zonder pickle ({exc})") from exc
