"""Fictitious Dutch persons in two exports with known truth, for `make bench-xref` and its scale run.

`exports(n, seed=...)` draws a population of fictitious people in households (a shared address,
often a shared surname) from the register generator's Dutch names, and writes two exports of `n`
persons each: A as a register writes it (all voornamen, voorvoegsel before the surname, ISO dates,
clean addresses) and B as a partner writes it (the first voornaam, day-first dates), where
`overlap` of B's persons are also in A. Each B record carries 0–3 of the damages of issue 12,
item 2 (`DAMAGES`): voorvoegsel placement, case or abbreviation; "Berg, J. van der" split over
the columns; initials; a roepnaam; diacritics dropped or UTF-8 read as Windows-1252; a married
double surname; a typo; a date with day and month swapped or in another format; a postcode with a
space or in lower case; the huisnummer's letter or toevoeging written otherwise or dropped; moved
to another address. Both exports have the same raw columns (`COLUMNS`); the truth is which A and
B records share a hidden person. Nothing here is a real person; numpy only, so tests can use it.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from weerbaar.registers.synthetic.names import (
    FEMALE_FIRST,
    MALE_FIRST,
    STREET_STEMS,
    STREET_SUFFIXES,
    SURNAMES,
    split_surname,
    zipf_weights,
)

COLUMNS = ("id", "first_name", "surname", "birth_date", "street", "number", "postcode", "place")

#: places of Overijssel, one per range of twenty postcode numbers
PLACES = (
    "Enschede", "Hengelo", "Almelo", "Oldenzaal", "Borne", "Haaksbergen", "Losser", "Rijssen",
    "Nijverdal", "Goor", "Delden", "Vriezenveen", "Tubbergen", "Ootmarsum", "Denekamp", "Raalte",
    "Deventer", "Zwolle", "Kampen", "Hardenberg", "Ommen", "Dalfsen", "Holten", "Markelo",
)  # fmt: skip
#: stems and endings of Saxon surnames, composed into more surnames than the national list holds
SURNAME_STEMS = (
    "Assel", "Bekke", "Bolt", "Brug", "Dijk", "Eek", "Es", "Geer", "Graven", "Ham", "Hol", "Hul",
    "Kamp", "Klein", "Kol", "Lamme", "Lubbe", "Mors", "Nij", "Olde", "Oost", "Pot", "Rouwen",
    "Schol", "Spijker", "Stege", "Ten", "Velt", "Wes", "Wolter", "Zwier", "Hessel", "Ribbe",
    "Brink", "Horst", "Maat", "Weer", "Lin", "Ter", "Borg",
)  # fmt: skip
SURNAME_ENDINGS = ("ink", "huis", "kamp", "hof", "man", "ing", "erink", "beld", "horst", "kate", "lo", "es")
#: roepnamen partners use for formal voornamen: this benchmark's own list, some of it unknown to the matcher
ROEPNAMEN = {
    "Johannes": ("Jan", "Hans", "Johan"), "Hendrik": ("Henk",), "Hendrikus": ("Henk", "Henny"),
    "Cornelis": ("Kees", "Cor"), "Willem": ("Wim",), "Gerardus": ("Gerard", "Gert"),
    "Petrus": ("Piet", "Peter"), "Theodorus": ("Theo", "Dorus"), "Antonius": ("Toon", "Ton"),
    "Albertus": ("Bert",), "Bernardus": ("Ben", "Benno"), "Jacobus": ("Jaap", "Koos"),
    "Martinus": ("Tinus", "Martin"), "Gerrit": ("Gert",), "Pieter": ("Piet",),
    "Maria": ("Marie", "Ria"), "Johanna": ("Joke", "Hanneke"), "Hendrika": ("Riek", "Henny"),
    "Geertruida": ("Truus", "Gerda"), "Wilhelmina": ("Willy", "Mien"), "Anna": ("Anneke", "Ans"),
    "Aleida": ("Alie",), "Berendina": ("Dina", "Diny"),
}  # fmt: skip
#: rate of each number of damages on a B record (0, 1, 2, 3)
DAMAGE_COUNTS = (0.25, 0.35, 0.25, 0.15)
HOUSEHOLD_SIZES = ((1, 2, 3, 4, 5), (0.37, 0.33, 0.12, 0.13, 0.05))
LETTERS = "ABCD"
TOEVOEGINGEN = ("hs", "1", "2", "bis", "I", "II")
FIRST_DAY = np.datetime64("1935-01-01")
DAYS = int((np.datetime64("2008-12-31") - FIRST_DAY).astype(int))


@dataclass
class Person:
    """One fictitious person as a register holds them."""

    voornamen: tuple[str, ...]
    geslacht: str
    voorvoegsel: str
    geslachtsnaam: str
    partner: tuple[str, str]
    birth: tuple[int, int, int]
    address: int


@dataclass
class Address:
    street: str
    huisnummer: int
    letter: str
    toevoeging: str
    postcode: str
    place: str


@dataclass
class Exports:
    """Two exports (columns of strings, `COLUMNS`), the hidden person of each row and B's damages."""

    left: dict[str, list[str]]
    right: dict[str, list[str]]
    left_person: list[int]
    right_person: list[int]
    damages: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def truth(self) -> set[tuple[str, str]]:
        """(A id, B id) of every pair of rows of one person."""
        where = {person: i for i, person in enumerate(self.left_person)}
        return {
            (self.left["id"][where[person]], self.right["id"][j])
            for j, person in enumerate(self.right_person)
            if person in where
        }

    def damage_counts(self) -> Counter[str]:
        return Counter(kind for kinds in self.damages for kind in kinds)


# --- the population -----------------------------------------------------------------------------


def _surnames(rng: np.random.Generator, n: int) -> list[str]:
    """Half from the national and Saxon list (Zipf-weighted), half composed from Saxon stems and endings."""
    listed = rng.choice(len(SURNAMES), size=n, p=zipf_weights(len(SURNAMES), 0.9))
    stems = rng.choice(len(SURNAME_STEMS), size=n, p=zipf_weights(len(SURNAME_STEMS), 0.5))
    endings = rng.integers(0, len(SURNAME_ENDINGS), n)
    composed = rng.random(n) < 0.5
    return [
        SURNAME_STEMS[s] + SURNAME_ENDINGS[e] if c else SURNAMES[k]
        for k, s, e, c in zip(listed, stems, endings, composed, strict=True)
    ]


def _voornamen(rng: np.random.Generator, geslacht: np.ndarray) -> list[tuple[str, ...]]:
    """One to three voornamen each (no name twice), Zipf-weighted per geslacht."""
    n = len(geslacht)
    count = rng.choice([1, 2, 3], size=n, p=[0.35, 0.45, 0.2])
    male = rng.choice(len(MALE_FIRST), size=(n, 3), p=zipf_weights(len(MALE_FIRST), 0.6))
    female = rng.choice(len(FEMALE_FIRST), size=(n, 3), p=zipf_weights(len(FEMALE_FIRST), 0.6))
    out = []
    for i in range(n):
        names, picks = (MALE_FIRST, male[i]) if geslacht[i] == "M" else (FEMALE_FIRST, female[i])
        out.append(tuple(dict.fromkeys(names[k] for k in picks[: count[i]])))
    return out


def _addresses(rng: np.random.Generator, n: int) -> list[Address]:
    """`n` addresses: postcodes of about fifteen addresses on one street, some with a letter or toevoeging."""
    postcodes = max(1, n // 15)
    digits = rng.integers(7400, 8000, postcodes)
    letters = rng.integers(0, 26, (postcodes, 2))
    streets = [
        STREET_STEMS[a] + STREET_SUFFIXES[b]
        for a, b in zip(
            rng.integers(0, len(STREET_STEMS), postcodes),
            rng.integers(0, len(STREET_SUFFIXES), postcodes),
            strict=True,
        )
    ]
    which = rng.integers(0, postcodes, n)
    numbers = rng.integers(1, 160, n)
    letter = rng.random(n) < 0.07
    toevoeging = rng.random(n) < 0.06
    out = []
    for i in range(n):
        p = which[i]
        code = f"{digits[p]}{chr(65 + letters[p, 0])}{chr(65 + letters[p, 1])}"
        out.append(
            Address(
                streets[p],
                int(numbers[i]),
                LETTERS[numbers[i] % len(LETTERS)] if letter[i] else "",
                TOEVOEGINGEN[numbers[i] % len(TOEVOEGINGEN)] if toevoeging[i] and not letter[i] else "",
                code,
                PLACES[(digits[p] - 7400) // 25 % len(PLACES)],
            )
        )
    return out


def population(rng: np.random.Generator, n: int) -> tuple[list[Person], list[Address]]:
    """`n` fictitious people in households: one address each, most sharing the household's surname."""
    sizes = rng.choice(HOUSEHOLD_SIZES[0], size=n, p=HOUSEHOLD_SIZES[1])
    household = np.repeat(np.arange(n), sizes)[:n]
    households = int(household[-1]) + 1 if n else 0
    family = _surnames(rng, households)
    own = _surnames(rng, n)
    shares = rng.random(n) < 0.65
    geslacht = np.where(rng.random(n) < 0.5, "M", "V")
    voornamen = _voornamen(rng, geslacht)
    born = FIRST_DAY + rng.integers(0, DAYS, n).astype("timedelta64[D]")
    addresses = _addresses(rng, households)
    people = []
    for i in range(n):
        home = int(household[i])
        surname = family[home] if shares[i] else own[i]
        partner = split_surname(family[home] if not shares[i] else own[(i * 7919 + 1) % n])
        year, month, day = (int(x) for x in str(born[i]).split("-"))
        voorvoegsel, geslachtsnaam = split_surname(surname)
        people.append(
            Person(
                voornamen[i], str(geslacht[i]), voorvoegsel, geslachtsnaam, partner, (year, month, day), home
            )
        )
    return people, addresses


# --- the exports --------------------------------------------------------------------------------


def _surname(voorvoegsel: str, geslachtsnaam: str) -> str:
    return f"{voorvoegsel} {geslachtsnaam}".strip()


def _number(address: Address) -> str:
    """As a register writes it: 12, 12A, 12-hs."""
    return f"{address.huisnummer}{address.letter}" + (f"-{address.toevoeging}" if address.toevoeging else "")


def register_row(person: Person, address: Address) -> dict[str, str]:
    """Export A: all voornamen, the voorvoegsel before the surname, ISO date, the address as BAG has it."""
    year, month, day = person.birth
    return {
        "first_name": " ".join(person.voornamen),
        "surname": _surname(person.voorvoegsel, person.geslachtsnaam),
        "birth_date": f"{year:04d}-{month:02d}-{day:02d}",
        "street": address.street,
        "number": _number(address),
        "postcode": address.postcode,
        "place": address.place,
    }


def partner_row(person: Person, address: Address) -> dict[str, str]:
    """Export B before its damage: the first voornaam, a day-first date."""
    year, month, day = person.birth
    return {
        **register_row(person, address),
        "first_name": person.voornamen[0],
        "birth_date": f"{day:02d}-{month:02d}-{year:04d}",
    }


@dataclass
class Damage:
    """A damage of item 2: whether it applies to a person's row, and what it does to the row."""

    applies: Callable[[Person, Address, dict[str, str]], bool]
    apply: Callable[[Person, Address, dict[str, str], np.random.Generator, list[Address]], None]


def _pick(rng: np.random.Generator, options: tuple[str, ...] | list[str]) -> str:
    return options[int(rng.integers(len(options)))]


def _voorvoegsel(
    person: Person, _a: Address, row: dict[str, str], rng: np.random.Generator, _all: list[Address]
) -> None:
    vv, name = person.voorvoegsel, person.geslachtsnaam
    forms = [
        f"{name} {vv}",
        f"{name}, {vv}",
        name,
        f"{vv}{name}",
        f"{vv.title()} {name}",
        _surname(vv, name).upper(),
    ]
    if vv == "van der":
        forms.append(f"vd {name}")
    row["surname"] = _pick(rng, forms)


def _comma_form(
    person: Person, _a: Address, row: dict[str, str], rng: np.random.Generator, _all: list[Address]
) -> None:
    """ "Berg, J.P. van der" over two columns: the initials and the voorvoegsel in the first-name column."""
    row["surname"] = person.geslachtsnaam
    row["first_name"] = f"{_initials(person.voornamen, rng)} {person.voorvoegsel}"


def _initials(voornamen: tuple[str, ...], rng: np.random.Generator) -> str:
    letters = [v[0].upper() for v in voornamen]
    return _pick(
        rng, ["".join(f"{c}." for c in letters), " ".join(f"{c}." for c in letters), "".join(letters)]
    )


def _capitals(
    person: Person, _a: Address, row: dict[str, str], rng: np.random.Generator, _all: list[Address]
) -> None:
    row["surname"] = row["surname"].upper()
    if rng.random() < 0.5:
        row["first_name"] = row["first_name"].upper()


def _as_initials(
    person: Person, _a: Address, row: dict[str, str], rng: np.random.Generator, _all: list[Address]
) -> None:
    row["first_name"] = _initials(person.voornamen, rng)


def _roepnaam(
    person: Person, _a: Address, row: dict[str, str], rng: np.random.Generator, _all: list[Address]
) -> None:
    row["first_name"] = _pick(rng, ROEPNAMEN[person.voornamen[0]])


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252: "é" → "Ã©"."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def _has_diacritics(_p: Person, _a: Address, row: dict[str, str]) -> bool:
    return not (row["first_name"] + row["surname"] + row["street"]).isascii()


def _diacritics(
    person: Person, _a: Address, row: dict[str, str], rng: np.random.Generator, _all: list[Address]
) -> None:
    damage = _ascii if rng.random() < 0.5 else _mojibake
    for column in ("first_name", "surname", "street"):
        row[column] = damage(row[column])


def _married(
    person: Person, _a: Address, row: dict[str, str], rng: np.random.Generator, _all: list[Address]
) -> None:
    """The partner's surname first, then the own: "Jansen-de Vries"."""
    row["surname"] = f"{_surname(*person.partner)}-{row['surname']}"


def _typo(
    person: Person, _a: Address, row: dict[str, str], rng: np.random.Generator, _all: list[Address]
) -> None:
    """One letter substituted, dropped, doubled or two swapped, in the first name, surname or street."""
    column = _pick(rng, ("first_name", "surname", "surname", "street"))
    text = row[column]
    if len(text) < 4:
        return
    k = int(rng.integers(1, len(text) - 1))
    way = int(rng.integers(4))
    letter = "abcdefghijklmnopqrstuvwxyz"[int(rng.integers(26))]
    row[column] = (
        text[:k] + letter + text[k + 1 :],
        text[:k] + text[k + 1 :],
        text[:k] + text[k] + text[k:],
        text[: k - 1] + text[k] + text[k - 1] + text[k + 1 :],
    )[way]


def _date(
    person: Person, _a: Address, row: dict[str, str], rng: np.random.Generator, _all: list[Address]
) -> None:
    """Day and month swapped where both can be a month, else another usual format."""
    year, month, day = person.birth
    if day <= 12 and day != month and rng.random() < 0.5:
        row["birth_date"] = f"{month:02d}-{day:02d}-{year:04d}"
        return
    row["birth_date"] = _pick(
        rng,
        (
            f"{day}-{month}-{year}",
            f"{year}-{month:02d}-{day:02d}",
            f"{day:02d}.{month:02d}.{year}",
            f"{day:02d}/{month:02d}/{year}",
        ),
    )


def _postcode(
    _p: Person, address: Address, row: dict[str, str], rng: np.random.Generator, _all: list[Address]
) -> None:
    code = row["postcode"]
    row["postcode"] = _pick(rng, (f"{code[:4]} {code[4:]}", code.lower(), f"{code[:4]} {code[4:]}".lower()))


def _has_addition(_p: Person, address: Address, row: dict[str, str]) -> bool:
    return bool(address.letter or address.toevoeging)


def _number_written_otherwise(
    _p: Person, a: Address, row: dict[str, str], rng: np.random.Generator, _all: list[Address]
) -> None:
    """12A as "12-A", "12 a", "12a"; 12-hs as "12 hs", "12hs", "12 HS"; or the addition dropped."""
    addition = a.letter or a.toevoeging
    forms = [
        f"{a.huisnummer}-{addition}",
        f"{a.huisnummer} {addition.lower()}",
        f"{a.huisnummer}{addition.lower()}",
    ]
    forms += [f"{a.huisnummer} {addition.upper()}", str(a.huisnummer)]
    row["number"] = _pick(rng, forms)


def _moved(
    person: Person, _a: Address, row: dict[str, str], rng: np.random.Generator, addresses: list[Address]
) -> None:
    other = addresses[int(rng.integers(len(addresses)))]
    row.update(
        {
            k: v
            for k, v in register_row(person, other).items()
            if k in ("street", "number", "postcode", "place")
        }
    )


def _always(_p: Person, _a: Address, _row: dict[str, str]) -> bool:
    return True


#: the damages of item 2 by name, with how often each is picked among those that apply
DAMAGES: dict[str, tuple[float, Damage]] = {
    "voorvoegsel": (3.0, Damage(lambda p, a, r: bool(p.voorvoegsel), _voorvoegsel)),
    "comma form": (1.5, Damage(lambda p, a, r: bool(p.voorvoegsel), _comma_form)),
    "capitals": (0.5, Damage(_always, _capitals)),
    "initials": (1.0, Damage(_always, _as_initials)),
    "roepnaam": (1.0, Damage(lambda p, a, r: p.voornamen[0] in ROEPNAMEN, _roepnaam)),
    "diacritics": (2.0, Damage(_has_diacritics, _diacritics)),
    "married name": (0.6, Damage(lambda p, a, r: p.geslacht == "V" and p.birth[0] < 1995, _married)),
    "typo": (1.0, Damage(_always, _typo)),
    "date": (1.0, Damage(_always, _date)),
    "postcode": (1.0, Damage(_always, _postcode)),
    "huisnummer": (1.5, Damage(_has_addition, _number_written_otherwise)),
    "moved": (0.5, Damage(_always, _moved)),
}
#: damages that rewrite the same column, so never both on one row (the later would undo the earlier)
EXCLUSIVE = (
    {"voorvoegsel", "comma form", "married name"},
    {"comma form", "initials", "roepnaam"},
    {"huisnummer", "moved"},
)


def damage(
    person: Person, address: Address, rng: np.random.Generator, addresses: list[Address]
) -> tuple[dict[str, str], tuple[str, ...]]:
    """B's row of a person with 0–3 damages (`DAMAGE_COUNTS`), and their names in the order applied."""
    row = partner_row(person, address)
    wanted = int(rng.choice(len(DAMAGE_COUNTS), p=DAMAGE_COUNTS))
    done: list[str] = []
    for _ in range(wanted):
        names = [
            name
            for name, (_w, d) in DAMAGES.items()
            if name not in done
            and not any(name in group and set(done) & group for group in EXCLUSIVE)
            and d.applies(person, address, row)
        ]
        if not names:
            break
        weights = np.array([DAMAGES[name][0] for name in names])
        name = names[int(rng.choice(len(names), p=weights / weights.sum()))]
        DAMAGES[name][1].apply(person, address, row, rng, addresses)
        done.append(name)
    return row, tuple(done)


def _columns(rows: list[dict[str, str]], prefix: str) -> dict[str, list[str]]:
    columns: dict[str, list[str]] = {c: [] for c in COLUMNS}
    for i, row in enumerate(rows):
        columns["id"].append(f"{prefix}{i}")
        for column in COLUMNS[1:]:
            columns[column].append(row[column])
    return columns


def exports(n: int, *, overlap: float = 0.6, seed: int = 12) -> Exports:
    """A and B of `n` persons each; `overlap` of B's persons are in A too, B's rows damaged."""
    rng = np.random.default_rng(seed)
    shared = round(n * overlap)
    people, addresses = population(rng, 2 * n - shared)
    order = rng.permutation(len(people))
    in_left, only_right = order[:n], order[n:]
    in_right = np.concatenate([rng.choice(in_left, size=shared, replace=False), only_right])
    in_right = in_right[rng.permutation(len(in_right))]
    left_rows = [register_row(people[p], addresses[people[p].address]) for p in in_left]
    damaged = [damage(people[p], addresses[people[p].address], rng, addresses) for p in in_right]
    return Exports(
        _columns(left_rows, "a"),
        _columns([row for row, _ in damaged], "b"),
        [int(p) for p in in_left],
        [int(p) for p in in_right],
        [kinds for _, kinds in damaged],
    )
