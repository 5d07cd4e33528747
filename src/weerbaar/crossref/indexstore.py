"""Where the platform keeps a dataset's Bloom filters: one NumPy file per published index below
MEDIA_ROOT (never served), read once per index and kept in memory for the questions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from django.conf import settings

from .bloom import BloomIndex

FOLDER = "crossref-index"
_LOADED: dict[str, BloomIndex] = {}


def bloom_path(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER / name


def save(name: str, index: BloomIndex) -> None:
    path = bloom_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        np.savez(out, filters=index.filters, years=index.year_blocks, surnames=index.name_blocks)


def remove(name: str | None) -> None:
    if name:
        _LOADED.pop(name, None)
        bloom_path(name).unlink(missing_ok=True)


def load(name: str) -> BloomIndex | None:
    """The filters in file `name` (each file is written once, so its name identifies its content)."""
    found = _LOADED.get(name)
    if found is None:
        path = bloom_path(name)
        if not path.is_file():
            return None
        with np.load(path, allow_pickle=False) as arrays:
            found = BloomIndex(arrays["filters"], arrays["years"], arrays["surnames"])
        if len(_LOADED) >= 8:  # a handful of datasets' filters in memory, the oldest read goes first
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[name] = found
    return found
