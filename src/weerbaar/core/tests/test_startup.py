"""The server's start-up step: views loaded, start-up objects frozen out of the collector's walks."""

from __future__ import annotations

import gc
import sys

from weerbaar.core.startup import warm_and_freeze


def test_start_up_leaves_the_collector_nothing_old_to_walk():
    try:
        warm_and_freeze()
        assert "weerbaar.indicators.views" in sys.modules  # reached through the URLconf
        assert gc.get_freeze_count() > 10_000  # a Django process holds many start-up objects
        # the oldest generation, walked by every full collection, is empty until requests fill it
        assert len(gc.get_objects(generation=2)) < 1_000
    finally:
        gc.unfreeze()
