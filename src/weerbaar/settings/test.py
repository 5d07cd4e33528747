"""Test settings: fast hashing, fixed keys, local mail server set per test."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-a-secret"
WEERBAAR_AUDIT_KEY = "test-audit-key"
# a fixed test-only Ed25519 key (32 bytes of 0x42): checkpoints in tests and the restore drill's
# other process sign and verify with the same key, which lives in no file at all
WEERBAAR_AUDIT_SIGNING_KEY = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI="
# tests that need the witness file point it at their own temporary directory
WEERBAAR_AUDIT_WITNESS_FILE = os.environ.get("WEERBAAR_AUDIT_WITNESS_FILE", "")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# tests that use the shared tile cache point it at their own temporary directory
WEERBAAR_GEO_TILE_CACHE_DIR = ""

# Parallel workers (pytest-xdist) each get their own test databases. On SpatiaLite they are in
# memory, one set per worker process; without this pytest-django would derive a file name from the
# data folder's path for our own backends (it only recognises Django's stock sqlite3 engine), and
# the workers would share that folder. On PostGIS pytest-django gives each worker its own database
# (`test_weerbaar_gw0`, ...).
if not os.environ.get("DATABASE_URL"):
    for _database in DATABASES.values():  # noqa: F405
        _database.setdefault("TEST", {})["NAME"] = ":memory:"
