"""Dutch stemmer: the Snowball (Porter) algorithm for Dutch, without dependencies.

Follows https://snowballstem.org/algorithms/dutch/stemmer.html (the classic algorithm).
"""

from __future__ import annotations

import functools
import unicodedata

VOWELS = frozenset("aeiouyè")
_ACCENTS = str.maketrans("äëïöüáéíóú", "aeiouaeiou")


def _is_vowel(ch: str) -> bool:
    return ch in VOWELS


def _mark_y_i(word: str) -> str:
    """Mark consonantal y and i (between vowels) as Y and I so they don't count as vowels."""
    chars = list(word)
    if chars and chars[0] == "y":
        chars[0] = "Y"
    for i in range(1, len(chars)):
        if chars[i] == "y" and _is_vowel(chars[i - 1]):
            chars[i] = "Y"
        elif chars[i] == "i" and i + 1 < len(chars) and _is_vowel(chars[i - 1]) and _is_vowel(chars[i + 1]):
            chars[i] = "I"
    return "".join(chars)


def _regions(word: str) -> tuple[int, int]:
    def next_region(start: int) -> int:
        for i in range(start + 1, len(word)):
            if not _is_vowel(word[i]) and _is_vowel(word[i - 1]):
                return i + 1
        return len(word)

    r1 = next_region(0)
    r2 = next_region(r1)
    return max(r1, 3), r2


def _undouble(word: str) -> str:
    if word.endswith(("kk", "dd", "tt")):
        return word[:-1]
    return word


def _valid_en_ending(word: str, end: int) -> bool:
    # preceded by a non-vowel and not by "gem"
    return end > 0 and not _is_vowel(word[end - 1]) and not word[:end].endswith("gem")


def _valid_s_ending(word: str, end: int) -> bool:
    return end > 0 and not _is_vowel(word[end - 1]) and word[end - 1] != "j"


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return the stem of one lower-case Dutch word."""
    word = unicodedata.normalize("NFC", word.lower()).translate(_ACCENTS)
    if len(word) <= 2:
        return word
    word = _mark_y_i(word)
    r1, r2 = _regions(word)

    # Step 1
    if word.endswith("heden"):
        if len(word) - 5 >= r1:
            word = word[:-5] + "heid"
    elif word.endswith(("ene", "en")):
        size = 3 if word.endswith("ene") else 2
        end = len(word) - size
        if end >= r1 and _valid_en_ending(word, end):
            word = _undouble(word[:end])
    elif word.endswith(("se", "s")):
        size = 2 if word.endswith("se") else 1
        end = len(word) - size
        if end >= r1 and _valid_s_ending(word, end):
            word = word[:end]

    # Step 2
    e_removed = False
    if word.endswith("e") and len(word) - 1 >= r1 and len(word) > 1 and not _is_vowel(word[-2]):
        word = _undouble(word[:-1])
        e_removed = True

    # Step 3a
    if word.endswith("heid") and len(word) - 4 >= r2 and not word[:-4].endswith("c"):
        word = word[:-4]
        end = len(word) - 2
        if word.endswith("en") and end >= r1 and _valid_en_ending(word, end):
            word = _undouble(word[:end])

    # Step 3b
    if word.endswith(("end", "ing")):
        if len(word) - 3 >= r2:
            word = word[:-3]
            if word.endswith("ig") and len(word) - 2 >= r2 and not word[:-2].endswith("e"):
                word = word[:-2]
            else:
                word = _undouble(word)
    elif word.endswith("ig"):
        if len(word) - 2 >= r2 and not word[:-2].endswith("e"):
            word = word[:-2]
    elif word.endswith("lijk"):
        if len(word) - 4 >= r2:
            word = word[:-4]
            if word.endswith("e") and len(word) - 1 >= r1 and len(word) > 1 and not _is_vowel(word[-2]):
                word = _undouble(word[:-1])
    elif word.endswith("baar"):
        if len(word) - 4 >= r2:
            word = word[:-4]
    elif word.endswith("bar") and len(word) - 3 >= r2 and e_removed:
        word = word[:-3]

    # Step 4: undouble a vowel in a final consonant-vowel-vowel-consonant
    if (
        len(word) >= 4
        and not _is_vowel(word[-1])
        and word[-1] != "I"
        and word[-2] == word[-3]
        and word[-2] in "aeou"
        and not _is_vowel(word[-4])
    ):
        word = word[:-1][:-1] + word[-1]

    return word.replace("I", "i").replace("Y", "y")
