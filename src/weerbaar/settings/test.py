"""Test settings: fast hashing, fixed keys, local mail server set per test."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-a-secret"
WEERBAAR_AUDIT_KEY = "test-audit-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# tests that use the shared tile cache point it at their own temporary directory
WEERBAAR_GEO_TILE_CACHE_DIR = ""
