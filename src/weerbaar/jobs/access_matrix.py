"""Cancelling a job: any logged-in user, for the jobs they may see (their own, or the kinds they
oversee). No job exists in the matrix database: 404 for every logged-in persona."""

from weerbaar.core.matrix import LOGGED_IN, Case

CASES = [
    Case("jobs:cancel", LOGGED_IN, kwargs={"pk": 1}, method="post", ok=404, html=False),
]
