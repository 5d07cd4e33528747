"""Tokenising and normalising text for the search index."""

from __future__ import annotations

import re

from weerbaar.catalog.search.stemmer import stem

# Function words in Dutch, German and English that carry no meaning in a catalog query
# ("wie bel ik over vakantieparken in Twente").
STOPWORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "of",
        "van",
        "in",
        "op",
        "te",
        "ten",
        "ter",
        "aan",
        "met",
        "voor",
        "bij",
        "over",
        "door",
        "naar",
        "uit",
        "als",
        "dan",
        "dat",
        "die",
        "dit",
        "deze",
        "er",
        "is",
        "zijn",
        "was",
        "wordt",
        "worden",
        "kan",
        "kunnen",
        "mag",
        "moet",
        "wie",
        "wat",
        "waar",
        "wanneer",
        "hoe",
        "welke",
        "ik",
        "je",
        "jij",
        "u",
        "we",
        "wij",
        "ze",
        "zij",
        "hun",
        "mijn",
        "ons",
        "onze",
        "bel",
        "bellen",
        "vraag",
        "vragen",
        "iemand",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "und",
        "oder",
        "von",
        "im",
        "in",
        "auf",
        "zu",
        "mit",
        "für",
        "bei",
        "über",
        "durch",
        "nach",
        "aus",
        "als",
        "wer",
        "was",
        "wo",
        "wann",
        "wie",
        "welche",
        "ich",
        "du",
        "sie",
        "wir",
        "ist",
        "sind",
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "in",
        "on",
        "to",
        "for",
        "with",
        "by",
        "about",
        "from",
        "who",
        "what",
        "where",
        "when",
        "how",
        "which",
        "i",
        "you",
        "we",
        "is",
        "are",
        "call",
    ]
)

_WORD = re.compile(r"[0-9a-zà-ÿß]+(?:'s)?", re.IGNORECASE)


def normalise(token: str) -> str:
    """Lower-case a token, drop a genitive/plural 's and stem it (twice, for -ens/-en chains)."""
    token = token.lower()
    if token.endswith("'s"):
        token = token[:-2]
    if token.isdigit():
        return token
    return stem(stem(token))


def tokenize(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Split text into normalised terms."""
    terms = []
    for match in _WORD.finditer(text or ""):
        raw = match.group(0).lower()
        if not keep_stopwords and raw in STOPWORDS:
            continue
        terms.append(normalise(raw))
    return terms
