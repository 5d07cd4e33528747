"""Blocking: only pairs that share at least one key are compared.

Several keys, so one wrong field does not lose a pair. A key value shared by more pairs than
`max_block` says nothing (a common surname in one year, an empty street) and is skipped, which
keeps the cost near-linear in the number of records.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

import numpy as np

from .records import Record

_PHONETIC_RULES = (
    (r"eij|ij|ei|ey|y", "y"),
    (r"ou|au", "au"),
    (r"sch", "s"),
    (r"ch|g", "g"),
    (r"ck|c|q", "k"),
    (r"ph|v|w", "f"),
    (r"z", "s"),
    (r"dt|d$", "t"),
    (r"th", "t"),
    (r"h", ""),
)


def phonetic(text: str) -> str:
    """A crude Dutch sound key: first letter, then consonant skeleton, four characters."""
    if not text:
        return ""
    key = text.replace(" ", "").replace("'", "")
    for pattern, replacement in _PHONETIC_RULES:
        key = re.sub(pattern, replacement, key)
    head, tail = key[:1], re.sub(r"[aeiou]", "", key[1:])
    key = head + re.sub(r"(.)\1+", r"\1", tail)
    return key[:4]


def _year(r: Record) -> str:
    return r.birth[0].iso()[:4] if r.birth else ""


#: name → key(s) of a record; a key is only used when every part of it is present
BLOCKING_KEYS: dict[str, Callable[[Record], list[str]]] = {
    "postcode+number": lambda r: [f"{r.postcode}|{r.number}"] if r.postcode and r.number else [],
    "surname sound+birth year": lambda r: (
        [f"{phonetic(s)}|{_year(r)}" for s in r.surnames] if _year(r) else []
    ),
    "surname sound+initial": lambda r: (
        [f"{phonetic(s)}|{(r.initials or r.first_name)[:1]}" for s in r.surnames]
        if (r.initials or r.first_name)
        else []
    ),
    "first name sound+birth date": lambda r: (
        [f"{phonetic(r.first_name)}|{r.birth_key}"] if r.first_name and r.birth_key else []
    ),
    "birth date+postcode": lambda r: [f"{r.birth_key}|{r.postcode}"] if r.birth_key and r.postcode else [],
    "surname+postcode": lambda r: [f"{s}|{r.postcode}" for s in r.surnames] if r.postcode else [],
    "street+number+place": lambda r: [f"{r.street}|{r.number}|{r.place}"] if r.street and r.number else [],
    "identifier": lambda r: sorted(r.identifiers),
    "name token": lambda r: [t for t in r.name.split() if len(t) > 2] if r.kind == "company" else [],
}


def candidate_pairs(
    left: list[Record], right: list[Record], *, max_block: int = 2000
) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (left, right) of the same kind sharing at least one blocking key, each once."""
    codes: list[np.ndarray] = []
    width = max(len(right), 1)
    for key_name, key in BLOCKING_KEYS.items():
        index: dict[str, list[int]] = defaultdict(list)
        for i, record in enumerate(left):
            for value in key(record):
                index[f"{record.kind}|{value}"].append(i)
        found: dict[str, list[int]] = defaultdict(list)
        for j, record in enumerate(right):
            for value in key(record):
                block = f"{record.kind}|{value}"
                if block in index:
                    found[block].append(j)
        for block, rights in found.items():
            lefts = index[block]
            if len(lefts) * len(rights) > max_block:
                continue
            grid = np.add.outer(np.asarray(lefts, dtype=np.int64) * width, np.asarray(rights, dtype=np.int64))
            codes.append(grid.ravel())
        del key_name
    if not codes:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    unique = np.unique(np.concatenate(codes))
    return unique // width, unique % width
