"""Settings for `make bench-viewer` only: the test settings with persistent database connections,
as a gunicorn deployment would run (opening a SpatiaLite connection loads the extension, ~tens of ms)."""

import os

from weerbaar.settings.test import *  # noqa: F403
from weerbaar.settings.test import DATABASES

for _alias in DATABASES:
    DATABASES[_alias]["CONN_MAX_AGE"] = 600
DEBUG = False
# the benchmark switches the shared tile cache on (its own directory) for the "cache on" rows only
WEERBAAR_GEO_TILE_CACHE_DIR = os.environ.get("WEERBAAR_GEO_TILE_CACHE_DIR", "")
