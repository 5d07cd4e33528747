"""Dutch person names into voornamen, initials, roepnaam, voorvoegsel and geslachtsnamen.

Handles the ways exports write them: "Jan van der Berg", "Berg, J. van der", "Berg van der, J.",
"VAN DER BERG Jan", "vd Berg", "Jansen-de Vries" (married name: both surnames are kept, a match on
either counts), 'Johannes "Hans" de Vries' (roepnaam), with Windows-1252 damage repaired.
`VOORVOEGSELS` and `VOORVOEGSEL_AFKORTINGEN` are the tables; `ROEPNAMEN` maps the common Dutch
short names to the formal first names they stand for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import fold, repair_mojibake, squash

#: voorvoegsels as the BRP writes them (folded); longest first when matched
VOORVOEGSELS = (
    "van der", "van den", "van de", "van het", "van 't", "van", "de", "den", "der", "het", "'t",
    "ter", "ten", "te", "in 't", "in de", "in het", "in den", "op de", "op den", "op 't", "op het",
    "uit de", "uit den", "uit het", "uijt de", "aan de", "aan den", "aan het", "bij de", "onder de",
    "over de", "voor de", "voor den", "von", "von der", "von dem", "zu", "van de la", "de la", "la",
    "le", "du", "des", "d'", "dos", "da", "del", "della", "di", "el", "al", "ben", "bin", "mc",
)  # fmt: skip
#: voorvoegsels by their number of words, longest first: one set look-up per width
_BY_WIDTH = tuple((w, frozenset(v for v in VOORVOEGSELS if len(v.split()) == w)) for w in (3, 2, 1))

#: abbreviations exports use, to the voorvoegsel they stand for ("vd" is mostly "van der")
VOORVOEGSEL_AFKORTINGEN = {
    "vd": "van der",
    "v d": "van der",
    "v/d": "van der",
    "v.d.": "van der",
    "vd.": "van der",
    "v.d": "van der",
    "vdn": "van den",
    "v.": "van",
    "v": "van",
}

#: formal first name (folded) → short names it is called by
ROEPNAMEN: dict[str, tuple[str, ...]] = {
    "johannes": ("jan", "hans", "johan", "joop", "hannes", "jo"),
    "johanna": ("jo", "hanna", "joke", "annie", "hanneke", "jannie"),
    "petrus": ("piet", "peter", "pieter"),
    "pieter": ("piet", "peter"),
    "cornelis": ("kees", "cor", "niels"),
    "cornelia": ("cor", "corrie", "nel", "neeltje"),
    "nicolaas": ("klaas", "nico", "niek"),
    "hendrik": ("henk", "rik", "henri", "hein"),
    "hendrikus": ("henk", "rik", "henny", "hein"),
    "willem": ("wim", "pim", "wil"),
    "wilhelmus": ("wim", "willem", "pim", "wil"),
    "gerardus": ("gerard", "gert", "gerrit", "ger", "geert"),
    "gerrit": ("gert", "gerard", "ger"),
    "albertus": ("bert", "albert", "ab"),
    "lambertus": ("bert", "lammert"),
    "hubertus": ("bert", "huub"),
    "jacobus": ("koos", "sjaak", "co", "jaap", "jacob", "jaco"),
    "jacob": ("jaap", "koos", "co"),
    "antonius": ("toon", "ton", "tonny", "anton", "teun"),
    "theodorus": ("dirk", "theo", "ruud", "dorus"),
    "rudolf": ("ruud", "rudi", "dolf"),
    "frederik": ("frits", "freek", "fred"),
    "augustinus": ("guus", "stijn"),
    "adrianus": ("adri", "janus", "arie", "ad"),
    "franciscus": ("frans", "sjors", "cisca"),
    "maria": ("ria", "mieke", "marie", "mies", "marijke", "rie"),
    "anna": ("annie", "anne", "anneke", "ans"),
    "geertruida": ("truus", "gerda", "trudy", "geertje"),
    "elisabeth": ("bep", "lies", "els", "betty", "liesbeth", "elise"),
    "catharina": ("toos", "tiny", "riet", "trijntje", "katja", "karin"),
    "wilhelmina": ("mien", "wil", "willy", "mina", "wilma"),
    "hendrika": ("riek", "rika", "henny", "hennie", "ria"),
    "josephus": ("jos", "joep", "sjef", "jo"),
    "aloysius": ("louis", "wies"),
    "martinus": ("martin", "tinus", "maarten"),
    "christiaan": ("chris", "stijn"),
    "alexander": ("alex", "sander", "lex"),
    "margaretha": ("greet", "grietje", "margriet", "greta", "marga", "gré"),
    "jozef": ("joep", "jos", "sjef"),
}
_FORMAL_OF: dict[str, set[str]] = {}
for _formal, _short in ROEPNAMEN.items():
    for _name in _short:
        _FORMAL_OF.setdefault(_name, set()).add(_formal)


def formal_name(voornaam: str) -> str:
    """The formal name a first name stands for ("hans" → "johannes"), else the name itself (folded);
    a short name that stands for several takes the first of them in alphabetical order."""
    name = fold(voornaam)
    forms = _FORMAL_OF.get(name)
    return min(forms) if forms and name not in ROEPNAMEN else name


def name_forms(voornaam: str) -> frozenset[str]:
    """A first name and the names it may stand for ("hans" → {"hans", "johannes"}; "johannes" → its roepnamen)."""
    name = fold(voornaam)
    return frozenset({name, *_FORMAL_OF.get(name, ()), *ROEPNAMEN.get(name, ())})


@dataclass(frozen=True)
class Naam:
    voornamen: tuple[str, ...] = ()
    initialen: str = ""
    roepnaam: str = ""
    voorvoegsel: str = ""
    geslachtsnamen: tuple[str, ...] = ()

    @property
    def geslachtsnaam(self) -> str:
        """The first surname (without voorvoegsel); in "Jansen-de Vries" that is "jansen"."""
        return self.geslachtsnamen[0] if self.geslachtsnamen else ""

    @property
    def voornaam(self) -> str:
        """The first full given name, else the roepnaam."""
        return self.voornamen[0] if self.voornamen else self.roepnaam

    def surname_keys(self) -> tuple[str, ...]:
        """Each surname squashed, without its voorvoegsel: "van 't Hof-de Vries" → ("hof", "vries")."""
        return tuple(squash(n) for n in self.geslachtsnamen if squash(n))


_ROEPNAAM = re.compile(r"[\"“”'‘’(]\s*([^\"“”'‘’()]{2,})\s*[\"“”'‘’)]")
_PARTNER = re.compile(
    r"\s+(?:e/v|e\.v\.|ev|echtgenote van|echtgenoot van|gehuwd met|geb\.|geboren|wed\.|weduwe van)\s+",
    re.IGNORECASE,
)
_INITIALS = re.compile(r"^(?:[a-z]\.)+[a-z]?\.?$|^[a-z]$|^[A-Z]{1,4}$")


def _abbreviation(tokens: list[str]) -> tuple[str, int]:
    """A voorvoegsel abbreviation at the start of `tokens` and how many tokens it takes."""
    for width in (2, 1):
        text = " ".join(t.lower() for t in tokens[:width])
        if len(tokens) > width and text in VOORVOEGSEL_AFKORTINGEN:
            return VOORVOEGSEL_AFKORTINGEN[text], width
    return "", 0


def _leading_voorvoegsel(tokens: list[str]) -> tuple[str, int]:
    """The longest voorvoegsel at the start of `tokens` (which keeps at least one token after it)."""
    folded = [fold(t) if t not in ("'t", "’t") else "'t" for t in tokens[:3]]
    for width, voorvoegsels in _BY_WIDTH:
        if len(tokens) > width and (text := " ".join(folded[:width])) in voorvoegsels:
            return text, width
    return _abbreviation(tokens)


def _trailing_voorvoegsel(tokens: list[str]) -> tuple[str, int]:
    folded = [fold(t) if t not in ("'t", "’t") else "'t" for t in tokens[-3:]]
    for width, voorvoegsels in _BY_WIDTH:
        if len(tokens) > width and (text := " ".join(folded[-width:])) in voorvoegsels:
            return text, width
    return "", 0


def _surnames(text: str) -> tuple[str, tuple[str, ...]]:
    """A surname part ("van der Berg", "Berg van der", "Jansen-de Vries") → (voorvoegsel, surnames)."""
    components = [c for c in re.split(r"\s*-\s*|\s*/\s*", _PARTNER.sub("-", text)) if c.strip()]
    voorvoegsel, names = "", []
    for index, component in enumerate(components):
        tokens = component.split()
        lead, width = _leading_voorvoegsel(tokens)
        if not lead:
            lead, trail = _trailing_voorvoegsel(tokens)
            tokens = tokens[:-trail] if trail else tokens
        else:
            tokens = tokens[width:]
        if index == 0:
            voorvoegsel = lead
        if tokens:
            names.append(fold(" ".join(tokens)))
    return voorvoegsel, tuple(names)


def _given(tokens: list[str]) -> tuple[tuple[str, ...], str]:
    """Given-name tokens → (full first names, initials of all of them)."""
    full: list[str] = []
    initials: list[str] = []
    for token in tokens:
        bare = token.strip(".")
        if not bare:
            continue
        if _INITIALS.match(token) or (len(bare) == 1):
            letters = [c for c in bare if c.isalpha()]
            initials.extend(fold(c) for c in letters)
        else:
            folded = fold(bare)
            full.append(folded)
            initials.append(folded[:1])
    return tuple(full), "".join(initials)


def _is_caps(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=1 << 18)
def naam(
    text: str | None = None, *, voornamen: str = "", voorvoegsel: str = "", geslachtsnaam: str = ""
) -> Naam:
    """Parse a whole name (`text`) or its parts as an export gives them; parts win over the whole."""
    if not text and not (voornamen or geslachtsnaam):
        return Naam()
    if geslachtsnaam or voornamen:
        given_text, surname_text = voornamen, " ".join(p for p in (voorvoegsel, geslachtsnaam) if p)
    else:
        given_text, surname_text = _split_whole(text or "")
    given_text = repair_mojibake(given_text)
    roepnaam = ""
    found = _ROEPNAAM.search(given_text)
    if found:
        roepnaam = fold(found.group(1))
        given_text = given_text[: found.start()] + " " + given_text[found.end() :]
    tokens = given_text.replace(".", ". ").split()
    # "Berg, J. van der": a voorvoegsel written after the initials belongs to the surname; a first
    # name alone is a first name even when it is also a voorvoegsel ("Ben", "Al", "Del")
    trail, width = _trailing_voorvoegsel(tokens)
    if trail:
        tokens = tokens[:-width]
        surname_text = f"{trail} {surname_text}"
    full, initials = _given(tokens)
    vv, names = _surnames(repair_mojibake(surname_text))
    return Naam(full, initials, roepnaam, vv, names)


def _split_whole(text: str) -> tuple[str, str]:
    """A whole name → (given part, surname part)."""
    text = repair_mojibake(text).strip()
    if "," in text:
        surname, given = text.split(",", 1)
        return given.strip(), surname.strip()
    tokens = text.split()
    if len(tokens) == 1:
        return "", text
    # "VAN DER BERG Jan" / "Jan VAN DER BERG": the capitals are the surname
    caps = [_is_caps(t) for t in tokens]
    if any(caps) and not all(caps):
        if caps[0]:
            cut = caps.index(False)
            return " ".join(tokens[cut:]), " ".join(tokens[:cut])
        if caps[-1]:
            cut = len(caps) - caps[::-1].index(False)
            return " ".join(tokens[:cut]), " ".join(tokens[cut:])
    # "vd Berg", "van der Berg": nothing but a surname
    if _leading_voorvoegsel(tokens)[0]:
        return "", text
    for index in range(1, len(tokens)):
        if _leading_voorvoegsel(tokens[index:])[0]:
            return " ".join(tokens[:index]), " ".join(tokens[index:])
    # "Jan Pieter Jansen-de Vries": a hyphenated last part may hold a voorvoegsel after its hyphen
    cut = (
        _hyphen_start(tokens)
        if "-" in tokens[-1] or tokens[-2].endswith("-") or "-" in tokens[-2]
        else len(tokens) - 1
    )
    return " ".join(tokens[:cut]), " ".join(tokens[cut:])


def _hyphen_start(tokens: list[str]) -> int:
    """Where the hyphenated surname starts (never at the first token: that is a given name)."""
    for index, token in enumerate(tokens[1:], start=1):
        if "-" in token:
            return index
    return len(tokens) - 1
