"""The users of the load benchmark (`benchmarks/load.py` starts locust with this file).

Not run by hand: `load.py` writes the plan (the URLs sampled from the demo region, the API token,
a run marker) to the JSON file named by WEERBAAR_LOAD_PLAN and reads the result back from
WEERBAAR_LOAD_RESULT. Locust runs under gevent, so this module imports nothing of Django.

Two kinds of user in a fixed mix:

- a visitor (anonymous): public pages, the map (a burst of vector tiles as a map view asks for
  them) and OGC items in a bounding box;
- an analyst (the RIEC demo account's token, second factor included): address, parcel, company
  and person look-ups through /api/v1/ (a `Doelbinding` header where persons are involved) and
  signals registered through the API.

Every request is recorded with its kind, its duration and, when it failed, the time and reason;
every signal answered with a 2xx is recorded with its id and title, so `load.py` can check that
the database holds each one.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
from pathlib import Path
from typing import Any

from locust import FastHttpUser, between, events, task

PLAN: dict[str, Any] = json.loads(Path(os.environ["WEERBAAR_LOAD_PLAN"]).read_text(encoding="utf-8"))
#: kind -> durations in ms; failures as (epoch seconds, kind, reason, HTTP status or 0 for no
#: answer); accepted writes
DURATIONS: dict[str, list[float]] = {}
FAILURES: list[tuple[float, str, str, int]] = []
ACCEPTED: list[dict[str, Any]] = []
WINDOW: dict[str, float] = {}
SEQUENCE = itertools.count(1)
#: a realistic pause between two actions of one user (reading a page, moving the map)
THINK = between(0.5, 2.5)


@events.request.add_listener
def _recorded(request_type, name, response_time, response_length, exception=None, response=None, **_kw):
    DURATIONS.setdefault(name, []).append(response_time)
    if exception is not None:
        status = int(getattr(response, "status_code", 0) or 0)
        FAILURES.append((time.time(), name, repr(exception)[:200], status))


@events.test_start.add_listener
def _started(**_kw) -> None:
    WINDOW["start"] = time.time()


@events.test_stop.add_listener
def _stopped(**_kw) -> None:
    WINDOW["stop"] = time.time()


@events.quitting.add_listener
def _written(**_kw) -> None:
    result = {"durations": DURATIONS, "failures": FAILURES, "accepted": ACCEPTED, "window": WINDOW}
    Path(os.environ["WEERBAAR_LOAD_RESULT"]).write_text(json.dumps(result), encoding="utf-8")


class Visitor(FastHttpUser):
    """Anyone: the public pages, the map's tiles and OGC items."""

    weight = 3
    wait_time = THINK

    @task(3)
    def page(self) -> None:
        self.client.get(random.choice(PLAN["pages"]), name="page")

    @task(4)
    def map_view(self) -> None:
        # a map view asks for the tiles around one spot at once; a browser opens a handful of
        # connections for that, here they come one after the other on the user's connection
        for url in random.choice(PLAN["tile_views"]):
            self.client.get(url, name="map tile")

    @task(2)
    def items(self) -> None:
        self.client.get(random.choice(PLAN["items"]), name="OGC items")


class Analyst(FastHttpUser):
    """A RIEC analyst's system: register look-ups and signals through the API."""

    weight = 2
    wait_time = THINK

    def on_start(self) -> None:
        self.headers = {"Authorization": f"Token {PLAN['token']}", "Accept": "application/json"}
        self.purpose = {**self.headers, "Doelbinding": PLAN["purpose"]}

    @task(4)
    def address(self) -> None:
        postcode, number = random.choice(PLAN["addresses"])
        self.client.get(
            f"/api/v1/adressen?postcode={postcode}&huisnummer={number}",
            headers=self.purpose,
            name="API address",
        )

    @task(2)
    def parcel(self) -> None:
        self.client.get(
            f"/api/v1/kadastrale-objecten/{random.choice(PLAN['parcels'])}",
            headers=self.purpose,
            name="API parcel (owners)",
        )

    @task(2)
    def company(self) -> None:
        self.client.get(
            f"/api/v1/ondernemingen/{random.choice(PLAN['companies'])}",
            headers=self.purpose,
            name="API company",
        )

    @task(2)
    def person(self) -> None:
        self.client.get(
            f"/api/v1/personen?naam={random.choice(PLAN['names'])}",
            headers=self.purpose,
            name="API persons",
        )

    @task(1)
    def signal(self) -> None:
        postcode, number = random.choice(PLAN["addresses"])
        title = f"{PLAN['marker']} {next(SEQUENCE)}"
        body = {
            "titel": title,
            "fenomeen": random.choice(PLAN["phenomena"]),
            "toelichting": "Geregistreerd door de belastingproef.",
            "adres": f"{postcode} {number}",
        }
        with self.client.post(
            "/api/v1/signalen", json=body, headers=self.headers, name="signal write", catch_response=True
        ) as response:
            if 200 <= response.status_code < 300:
                ACCEPTED.append({"id": response.json()["id"], "titel": title})
