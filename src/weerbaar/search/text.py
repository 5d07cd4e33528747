"""Text into index terms: tokens, stop words, and the Snowball stemmer of each language.

Stemming happens here, in Python, for both databases: SQLite's FTS5 and PostgreSQL's tsvector
receive the same finished terms, so a query matches the same documents on both. (PostgreSQL's
own `dutch` configuration stems 36 of the 930 Dutch words of the starter texts differently —
"adressen" stays "adress" and no longer meets "adres" — and its configurations drop words as
stop words that this list keeps; measured in docs/search.md.)

Dutch uses Snowball's classic algorithm (`dutch_porter`), applied twice so that chains such as
"havens" -> "haven" -> "hav" meet their singular; German and English use Snowball's own.
A query word is stemmed in all three languages: the reader's language is not the document's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

import Stemmer

LANGUAGES = ("nl", "de", "en")

_ALGORITHMS = {"nl": "dutch_porter", "de": "german", "en": "english"}
_STEMMERS = {language: Stemmer.Stemmer(algorithm) for language, algorithm in _ALGORITHMS.items()}

# Function words in Dutch, German and English that carry no meaning in a query
# ("wie bel ik over vakantieparken in Twente"). One list for every language, as the reader's
# language is not known.
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
        "das",
        "ein",
        "eine",
        "und",
        "oder",
        "von",
        "im",
        "auf",
        "zu",
        "mit",
        "für",
        "bei",
        "über",
        "durch",
        "nach",
        "aus",
        "wer",
        "wo",
        "wann",
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
        "are",
        "call",
    ]
)

#: a word: letters and digits of any script, with an optional possessive or plural 's
_WORD = re.compile(r"[^\W_]+(?:['’]s)?")
#: terms longer than this are cut (a pasted URL or hash would only bloat the vocabulary)
MAX_TERM_LENGTH = 60


def words(text: str) -> list[str]:
    """The lower-cased words of `text` without stop words and without a trailing 's."""
    found = []
    for word in _WORD.findall(unicodedata.normalize("NFC", text or "").lower()):
        if word in STOPWORDS:
            continue
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if word:
            found.append(word[:MAX_TERM_LENGTH])
    return found


#: language -> word -> term; words repeat a lot, and a dictionary look-up is cheaper than a stemmer
_STEMS: dict[str, dict[str, str]] = {language: {} for language in _ALGORITHMS}
_MAX_CACHED = 200_000


def _stem_uncached(word: str, language: str) -> str:
    if word.isdigit():
        return word
    stemmer = _STEMMERS[language]
    if language == "nl":
        return stemmer.stemWord(stemmer.stemWord(word))
    return stemmer.stemWord(word)


def stem(word: str, language: str) -> str:
    """The index term of one lower-case word in `language` (digits stay as they are)."""
    cache = _STEMS[language]
    found = cache.get(word)
    if found is None:
        found = _stem_uncached(word, language)
        if len(cache) < _MAX_CACHED:
            cache[word] = found
    return found


def terms(text: str, language: str) -> list[str]:
    """The index terms of a text written in `language`, in order (repeats kept)."""
    cache = _STEMS[language]
    found = []
    for word in words(text):
        term = cache.get(word)
        found.append(term if term is not None else stem(word, language))
    return found


def field_terms(texts: Mapping[str, str]) -> list[str]:
    """The terms of one field given per language (`{"nl": ..., "de": ..., "en": ...}`)."""
    found: list[str] = []
    for language, text in texts.items():
        found += terms(text, language if language in _STEMMERS else "nl")
    return found


def query_words(query: str) -> list[str]:
    """The words of a query, each once, in order."""
    return list(dict.fromkeys(words(query)))


def query_variants(word: str) -> list[str]:
    """A query word's term in each language, each once (Dutch first)."""
    return list(dict.fromkeys(stem(word, language) for language in LANGUAGES))
