"""The fictitious national data set of `make bench-dashboard` (no Django: the smoke test imports it).

342 municipalities (the 25 real Overijssel codes and 317 generated ones, GM + 4 digits), on
average 12 wijken (WKggggww) and 40 buurten (BUggggwwbb) each, 20 indicators and 60 monthly
periods. Counts are drawn per buurt (a lognormal size per area, Poisson-like noise per month, so
that many buurt months are below the threshold as in police figures per buurt); a wijk is the sum
of its buurten and a municipality the sum of its wijken, so every parent equals its children and
the suppression's relations hold. Rates are the count per 1,000 inhabitants of a generated
population and follow their count's suppression. Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

#: the 25 municipalities of the shipped region (Overijssel, CBS 2026): always in the set
OVERIJSSEL = [
    "GM0141",
    "GM0147",
    "GM0148",
    "GM0150",
    "GM0153",
    "GM0158",
    "GM0160",
    "GM0163",
    "GM0164",
    "GM0166",
    "GM0168",
    "GM0173",
    "GM0175",
    "GM0177",
    "GM0180",
    "GM0183",
    "GM0189",
    "GM0193",
    "GM1700",
    "GM1708",
    "GM1735",
    "GM1742",
    "GM1773",
    "GM1774",
    "GM1896",
]
MUNICIPALITIES = 342
WIJKEN_PER_MUNICIPALITY = 12  # mean
BUURTEN_PER_WIJK = 40 / 12  # mean: about 40 buurten per municipality
MONTHS = 60
FIRST_MONTH = dt.date(2021, 1, 1)


@dataclass(frozen=True)
class Spec:
    """One indicator of the set: `levels` says where the source has values ('BU' = municipality,
    wijk and buurt; 'GM' = municipality only); a rate `follows` the count with that key."""

    key: str
    name: str
    theme: str
    phenomenon: str
    unit: str
    levels: str  # "BU" or "GM"
    is_count: bool = True
    follows: str = ""
    threshold: int = 5
    scale: float = 1.0  # mean count per buurt per month (or per municipality for 'GM')


def _specs() -> list[Spec]:
    police = [  # registered crime per month and buurt (as data.politie.nl publishes it)
        ("misdrijven", "Geregistreerde misdrijven", "criminaliteit", "", 6.0),
        ("woninginbraak", "Woninginbraken", "criminaliteit", "", 0.6),
        ("drugshandel", "Drugshandel", "ondermijning", "drugs", 0.3),
        ("drugsoverlast", "Drugsoverlast", "ondermijning", "drugs", 0.8),
        ("fietsdiefstal", "Fietsdiefstallen", "criminaliteit", "", 1.2),
        ("geweld", "Geweldsmisdrijven", "criminaliteit", "", 0.9),
    ]
    municipal = [  # the platform's own figures per municipality and month
        ("signalen", "Signalen van ondermijning", "signalen", "", 9.0, 5),
        ("signalen-drugs", "Signalen drugs", "signalen", "drugs", 3.0, 5),
        ("signalen-mensenhandel", "Signalen mensenhandel", "signalen", "mensenhandel", 0.8, 5),
        ("signalen-witwassen", "Signalen witwassen", "signalen", "witwassen", 1.1, 5),
        ("bibob-onderzoeken", "Bibob-onderzoeken", "interventies", "", 1.5, 3),
        ("sluitingen-13b", "Sluitingen artikel 13b Opiumwet", "interventies", "drugs", 0.7, 3),
        ("hennepkwekerijen", "Ontmantelde hennepkwekerijen", "interventies", "drugs", 1.3, 5),
        ("drugslabs", "Aangetroffen drugslabs", "interventies", "drugs", 0.2, 5),
    ]
    specs = [Spec(f"bench-{k}", n, t, p, "aantal", "BU", scale=s) for k, n, t, p, s in police]
    specs += [
        Spec(f"bench-{k}", n, t, p, "aantal", "GM", threshold=h, scale=s) for k, n, t, p, s, h in municipal
    ]
    specs += [
        Spec(
            f"bench-{k}-per-1000",
            f"{n} per 1.000 inwoners",
            t,
            p,
            "per 1.000 inwoners",
            "GM",
            False,
            f"bench-{k}",
        )
        for k, n, t, p, _s in police[:4]
    ]
    specs += [
        Spec(
            "bench-doorlooptijd",
            "Dagen van signaal tot interventie (mediaan)",
            "interventies",
            "",
            "dagen",
            "GM",
            False,
        ),
        Spec("bench-bibob-weigeringen", "Aandeel Bibob-weigeringen", "interventies", "", "%", "GM", False),
    ]
    return specs


SPECS = _specs()


def months(count: int = MONTHS) -> list[tuple[dt.date, dt.date]]:
    """`count` calendar months from FIRST_MONTH, each (first day, last day)."""
    out = []
    year, month = FIRST_MONTH.year, FIRST_MONTH.month
    for _ in range(count):
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        out.append((dt.date(year, month, 1), nxt - dt.timedelta(days=1)))
        year, month = nxt.year, nxt.month
    return out


@dataclass(frozen=True)
class Geography:
    """Municipality codes and, per municipality, its wijken, per wijk its buurten."""

    municipalities: list[str]
    wijken: dict[str, list[str]]
    buurten: dict[str, list[str]]
    population: dict[str, int]  # per municipality


def geography(count: int = MUNICIPALITIES, *, seed: int = 2026) -> Geography:
    """`count` municipalities (the 25 of Overijssel first, at least those), their wijken and
    buurten with CBS-shaped codes: WK + the municipality's 4 digits + 2, BU + the wijk's 6 + 2."""
    rng = random.Random(seed)
    codes = list(OVERIJSSEL[: max(count, 0)])
    taken = {int(c[2:]) for c in codes}
    while len(codes) < count:
        number = rng.randint(1, 1999)
        if number not in taken:
            taken.add(number)
            codes.append(f"GM{number:04d}")
    wijken: dict[str, list[str]] = {}
    buurten: dict[str, list[str]] = {}
    population: dict[str, int] = {}
    for code in codes:
        digits = code[2:]
        n_wijken = max(1, min(99, round(rng.expovariate(1 / WIJKEN_PER_MUNICIPALITY)) + 1))
        wijken[code] = [f"WK{digits}{w:02d}" for w in range(n_wijken)]
        for wijk in wijken[code]:
            n_buurten = max(1, min(99, round(rng.gauss(BUURTEN_PER_WIJK, 1.5))))
            buurten[wijk] = [f"BU{wijk[2:]}{b:02d}" for b in range(n_buurten)]
        population[code] = int(rng.lognormvariate(10.3, 0.7)) + 1000
    return Geography(codes, wijken, buurten, population)


def _count(rng: random.Random, mean: float) -> int:
    """A Poisson-like monthly count: normal approximation above 30, Knuth's method below."""
    if mean > 30:
        return max(0, round(rng.gauss(mean, mean**0.5)))
    limit, k, p = pow(2.718281828459045, -mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def values(
    spec: Spec, geo: Geography, periods: list[tuple[dt.date, dt.date]], *, seed: int = 2026
) -> Iterator[tuple[str, dt.date, dt.date, float, bool]]:
    """(area code, period start, period end, value, is_count) of one indicator."""
    count_spec = next((s for s in SPECS if s.key == spec.follows), None)
    if spec.is_count or count_spec is not None:
        source = spec if spec.is_count else count_spec
        assert source is not None
        rng = random.Random(f"{seed}-{source.key}")  # the count's sizes, also for its rate
        # a size per area (buurt, or municipality for municipal figures), by population share
        weight: dict[str, float] = {}
        for code in geo.municipalities:
            factor = geo.population[code] / 30_000
            if source.levels == "BU":
                for wijk in geo.wijken[code]:
                    for buurt in geo.buurten[wijk]:
                        weight[buurt] = rng.lognormvariate(0, 0.8) * factor
            else:
                weight[code] = rng.lognormvariate(0, 0.5) * factor * 10
        count_rng = random.Random(f"{seed}-{source.key}-counts")
        for start, end in periods:
            for code in geo.municipalities:
                if source.levels == "BU":
                    total = 0
                    for wijk in geo.wijken[code]:
                        wijk_total = 0
                        for buurt in geo.buurten[wijk]:
                            n = _count(count_rng, source.scale * weight[buurt])
                            wijk_total += n
                            if spec.is_count:
                                yield buurt, start, end, n, True
                        total += wijk_total
                        if spec.is_count:
                            yield wijk, start, end, wijk_total, True
                else:
                    total = _count(count_rng, source.scale * weight[code])
                if spec.is_count:
                    yield code, start, end, total, True
                else:
                    yield code, start, end, round(1000 * total / geo.population[code], 2), False
        return
    rng = random.Random(f"{seed}-{spec.key}")
    for code in geo.municipalities:
        level = rng.uniform(40, 160) if spec.unit == "dagen" else rng.uniform(2, 20)
        for start, end in periods:
            yield code, start, end, round(max(0.0, rng.gauss(level, level / 10)), 1), False
