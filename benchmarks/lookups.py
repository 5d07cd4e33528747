"""Look-ups through the API (part of `make bench-registers`), in their own process: one JSON line.

    python -m benchmarks.lookups 1000

Exact address look-ups run anonymously (BAG is open data); fuzzy name look-ups run as a cleared
RIEC analyst naming the purpose `signaalverrijking` (the `Doelbinding` header), so the purpose
check and the audit entries are part of the measured cost. The RIEC reads the whole region; a
municipal analyst would see only the persons of its own municipality (area scope), and the recall
over persons drawn from the whole province would say nothing. A register that
was not imported (`BENCH_ONLY`) gives no figures (null, shown as "not measured"), never zeros.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time

from benchmarks import harness

#: hits the person search returns (selectors.persoon_zoeken's default)
LIMIT = 20
#: the processing activity the fuzzy look-ups declare; the RIEC holds a grant for it
PURPOSE = "signaalverrijking"


def exact_addresses(count: int, rng: random.Random) -> list[float]:
    """Durations (s) of exact address look-ups of random addresses; none without addresses."""
    from django.test import Client

    from weerbaar.registers.models import AdresseerbaarObject

    ids = list(AdresseerbaarObject.objects.values_list("pk", flat=True)[:200000])
    sample = AdresseerbaarObject.objects.filter(pk__in=rng.sample(ids, min(count, len(ids))))
    queries = [
        f"{a.postcode[:4]} {a.postcode[4:].lower()} {a.huisnummer}{a.huisletter}"
        f"{('-' + a.toevoeging) if a.toevoeging else ''}"
        for a in sample
    ]
    client = Client(HTTP_HOST="localhost")
    seconds = []
    for q in queries:
        start = time.perf_counter()
        response = client.get("/api/v1/adressen", {"q": q})
        seconds.append(time.perf_counter() - start)
        if response.status_code != 200 or not response.json()["exact"]:
            raise SystemExit(f"address {q!r} not found exactly: {response.content[:200]!r}")
    return seconds


def fuzzy_names(count: int, rng: random.Random) -> dict:
    """Durations and recall of fuzzy name look-ups (a third with a typo, half with a date of birth)."""
    from django.test import Client

    from weerbaar.core.access import Role
    from weerbaar.core.testing import login_verified, make_user
    from weerbaar.registers.lookup import parse_name, score_name
    from weerbaar.registers.models import Persoon

    user = make_user(Role.RIEC_ANALIST, "RIEC-ON", username=f"bench-{int(time.time())}")
    analyst = Client(HTTP_HOST="localhost", HTTP_DOELBINDING=PURPOSE)
    login_verified(analyst, user)
    person_ids = list(Persoon.objects.values_list("pk", flat=True)[:200000])
    people = Persoon.objects.filter(pk__in=rng.sample(person_ids, min(count, len(person_ids))))
    seconds: list[float] = []
    found = {"met_geboortedatum": [0, 0], "alleen_naam": [0, 0]}
    namesakes = 0  # misses where `LIMIT` hits score at least as high as the person itself would
    for p in people:
        surname = p.geslachtsnaam
        if rng.random() < 0.33 and len(surname) > 4:  # a typo
            i = rng.randrange(1, len(surname) - 1)
            surname = surname[:i] + surname[i + 1 :]
        first = p.voornamen.split(" ")[0] if p.voornamen else ""
        params = {"naam": " ".join(part for part in (first, p.voorvoegsel, surname) if part)}
        if rng.random() < 0.5 and p.geboortedatum:
            params["geboortedatum"] = p.geboortedatum.isoformat()
        start = time.perf_counter()
        response = analyst.get("/api/v1/personen", params)
        seconds.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"person search refused ({response.status_code}): {response.content[:300]!r}")
        hits = response.json()
        hit = any(h["persoon"]["identificatie"] == p.bron_id for h in hits)
        kind = "met_geboortedatum" if "geboortedatum" in params else "alleen_naam"
        found[kind][0] += hit
        found[kind][1] += 1
        own = score_name(parse_name(params["naam"]), p.voornamen, p.naam_sleutel).score
        if not hit and len(hits) >= LIMIT and min(h["score"] for h in hits) >= round(own, 1):
            namesakes += 1
    hits = sum(f for f, _n in found.values())
    return {
        "seconds": seconds,
        "recall": round(hits / len(seconds), 3) if seconds else None,
        **{f"recall_{kind}": round(f / n, 3) if n else None for kind, (f, n) in found.items()},
        "misses_namesakes": namesakes if seconds else None,
        "misses_other": len(seconds) - hits - namesakes if seconds else None,
    }


def main(count: int) -> None:
    harness.setup_django(dict(os.environ))
    from django.conf import settings

    from weerbaar.organisations.region_loader import load_region
    from weerbaar.privacy.services import register_load

    register_load()
    load_region(settings.DATA_DIR / "regions" / "overijssel" / "region.yaml")
    rng = random.Random(0)
    exact = exact_addresses(count, rng)
    fuzzy = fuzzy_names(count // 5, rng)
    names = fuzzy.pop("seconds")
    print(
        json.dumps(
            {
                "exact_address_p50": harness.milliseconds(harness.percentile(exact, 0.5)),
                "exact_address_p95": harness.milliseconds(harness.percentile(exact, 0.95)),
                "fuzzy_name_p50": harness.milliseconds(harness.percentile(names, 0.5)),
                "fuzzy_name_p95": harness.milliseconds(harness.percentile(names, 0.95)),
                **{f"fuzzy_name_{key}": value for key, value in fuzzy.items()},
                "n_exact": len(exact),
                "n_fuzzy": len(names),
                "limit": LIMIT,
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
