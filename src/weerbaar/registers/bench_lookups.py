"""Look-up latency through the API (part of `make bench-registers`): prints one JSON line.

Exact address look-ups run anonymously (BAG is open data); fuzzy name look-ups run as a cleared
municipal analyst, so the audit entries they write are part of the measured cost.
"""

from __future__ import annotations

import json
import random
import sys
import time

#: hits the person search returns (selectors.persoon_zoeken's default)
LIMIT = 20


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 2) if ordered else 0.0


def main(count: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from weerbaar.core.access import Role
    from weerbaar.core.testing import login_verified, make_user
    from weerbaar.organisations.region_loader import load_region
    from weerbaar.privacy.services import register_load
    from weerbaar.registers.lookup import parse_name, score_name
    from weerbaar.registers.models import AdresseerbaarObject, Persoon

    register_load()
    load_region(settings.DATA_DIR / "regions" / "overijssel" / "region.yaml")
    rng = random.Random(0)
    ids = list(AdresseerbaarObject.objects.values_list("pk", flat=True)[:200000])
    sample = AdresseerbaarObject.objects.filter(pk__in=rng.sample(ids, min(count, len(ids))))
    queries = [
        f"{a.postcode[:4]} {a.postcode[4:].lower()} {a.huisnummer}{a.huisletter}"
        f"{('-' + a.toevoeging) if a.toevoeging else ''}"
        for a in sample
    ]
    client = Client(HTTP_HOST="localhost")
    exact = []
    for q in queries:
        start = time.perf_counter()
        response = client.get("/api/v1/adressen", {"q": q})
        exact.append(time.perf_counter() - start)
        assert response.status_code == 200 and response.json()["exact"], (q, response.content[:200])

    user = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username=f"bench-{int(time.time())}")
    analyst = Client(HTTP_HOST="localhost")
    login_verified(analyst, user)
    person_ids = list(Persoon.objects.values_list("pk", flat=True)[:200000])
    people = Persoon.objects.filter(pk__in=rng.sample(person_ids, min(count // 5, len(person_ids))))
    fuzzy: list[float] = []
    found = {"met_geboortedatum": [0, 0], "alleen_naam": [0, 0]}
    namesakes = 0  # misses where `limit` hits score at least as high as the person itself would
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
        fuzzy.append(time.perf_counter() - start)
        hits = response.json()
        hit = any(h["persoon"]["identificatie"] == p.bron_id for h in hits)
        kind = "met_geboortedatum" if "geboortedatum" in params else "alleen_naam"
        found[kind][0] += hit
        found[kind][1] += 1
        own = score_name(parse_name(params["naam"]), p.voornamen, p.naam_sleutel).score
        if not hit and len(hits) >= LIMIT and min(h["score"] for h in hits) >= round(own, 1):
            namesakes += 1
    print(
        json.dumps(
            {
                "exact_address_p50": _p(exact, 0.5),
                "exact_address_p95": _p(exact, 0.95),
                "fuzzy_name_p50": _p(fuzzy, 0.5),
                "fuzzy_name_p95": _p(fuzzy, 0.95),
                "fuzzy_name_recall": round(sum(f for f, _n in found.values()) / max(len(fuzzy), 1), 3),
                **{f"fuzzy_name_recall_{kind}": round(f / max(n, 1), 3) for kind, (f, n) in found.items()},
                # misses explained by at least 20 other persons matching the query as well
                "fuzzy_name_misses_namesakes": namesakes,
                "fuzzy_name_misses_other": len(fuzzy) - sum(f for f, _n in found.values()) - namesakes,
                "n_exact": len(exact),
                "n_fuzzy": len(fuzzy),
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
