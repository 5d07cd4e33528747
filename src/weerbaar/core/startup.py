"""What a server process does once, after Django is set up and before its first request.

Python's cyclic garbage collector walks every tracked object of the oldest generation now and
then; a Django process holds hundreds of thousands of them from start-up (modules, the URLconf,
models, translation catalogues) that never become garbage. `make bench-dashboard` measured
those walks as pauses of ~130 ms in every fourth or fifth dashboard request (p50 75 ms, p95
210 ms). Loading what requests need and then freezing the start-up objects (`gc.freeze`, moved
to a permanent generation the collector skips) removes the pauses; objects made by requests
are collected as before.
"""

from __future__ import annotations

import gc

from django.urls import get_resolver


def warm_and_freeze() -> None:
    """Import every view module (through the URLconf), collect once, then freeze what is left."""
    get_resolver().url_patterns  # noqa: B018 (the attribute imports the URLconf and its views)
    gc.collect()
    gc.freeze()
