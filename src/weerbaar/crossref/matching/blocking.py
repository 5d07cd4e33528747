"""Blocking: only pairs that share at least one key are compared.

Several keys, so one wrong field does not lose a pair. A key value shared by more pairs than
`max_block` says nothing (a common surname in one year, an empty street) and is skipped, which
keeps the cost near-linear in the number of records.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

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


@lru_cache(maxsize=1 << 18)
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
    for key in BLOCKING_KEYS.values():
        block_of: dict[str, int] = {}
        lefts, left_blocks = _occurrences(left, key, block_of, add=True)
        rights, right_blocks = _occurrences(right, key, block_of, add=False)
        li, ri = _sharing(lefts, left_blocks, rights, right_blocks, len(block_of), max_block)
        codes.append(li * width + ri)
    if not codes:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    unique = np.unique(np.concatenate(codes))
    return unique // width, unique % width


def _occurrences(
    records: list[Record], key: Callable[[Record], list[str]], block_of: dict[str, int], *, add: bool
) -> tuple[np.ndarray, np.ndarray]:
    """(record index, block number) of every key value of every record; a new value gets a new
    block with `add`, else (the other side) is left out: it shares nothing."""
    indices: list[int] = []
    blocks: list[int] = []
    for i, record in enumerate(records):
        for value in key(record):
            block = f"{record.kind}|{value}"
            number = block_of.setdefault(block, len(block_of)) if add else block_of.get(block, -1)
            if number >= 0:
                indices.append(i)
                blocks.append(number)
    return np.asarray(indices, dtype=np.int64), np.asarray(blocks, dtype=np.int64)


def _sharing(
    lefts: np.ndarray,
    left_blocks: np.ndarray,
    rights: np.ndarray,
    right_blocks: np.ndarray,
    blocks: int,
    max_block: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Every (left, right) in one block, blocks of more than `max_block` pairs left out; in numpy:
    each right occurrence repeated once per left occurrence of its block."""
    left_count = np.bincount(left_blocks, minlength=blocks)
    right_count = np.bincount(right_blocks, minlength=blocks)
    kept = left_count * right_count <= max_block
    keep_right = kept[right_blocks]
    rights, right_blocks = rights[keep_right], right_blocks[keep_right]
    order = np.argsort(left_blocks, kind="stable")
    by_block = lefts[order]
    first = np.concatenate([[0], np.cumsum(left_count)[:-1]]) if blocks else np.zeros(0, dtype=np.int64)
    repeats = left_count[right_blocks]
    start = np.repeat(first[right_blocks], repeats)
    within = np.arange(int(repeats.sum())) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    return by_block[start + within], np.repeat(rights, repeats)
