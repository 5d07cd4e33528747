"""Settings of the benchmarks (`make bench-*`, the `benchmarks/` package at the repository root).

What `make run` serves (the local settings), on the benchmark's own databases and files
(`WEERBAAR_VAR_DIR`, set by `benchmarks.harness`), without demo accounts and with the shared tile
cache on disk off unless a benchmark switches it on for its "cache on" rows. The load benchmark
switches demo mode on (`WEERBAAR_DEMO=1`): its clients are the demo accounts, as under `make run`.
"""

import os

from .base import env_bool
from .local import *  # noqa: F403
from .local import STATIC_ROOT

DEBUG = False
WEERBAAR_DEMO = env_bool("WEERBAAR_DEMO")  # the harness sets it to 0
WEERBAAR_GEO_TILE_CACHE_DIR = os.environ.get("WEERBAAR_GEO_TILE_CACHE_DIR", "")
# static files from the source tree (no collectstatic into every scratch directory); no benchmark
# measures them
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
