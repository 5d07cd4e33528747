"""Production: every secret must come from the environment; nothing is generated."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import VAR_DIR

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set WEERBAAR_SECRET_KEY in the environment.")
if not (WEERBAAR_AUDIT_KEY or WEERBAAR_AUDIT_KEY_FILE):  # noqa: F405
    raise ImproperlyConfigured(
        "Set WEERBAAR_AUDIT_KEY_FILE (or WEERBAAR_AUDIT_KEY): the HMAC key of the audit log."
    )
if not (WEERBAAR_AUDIT_SIGNING_KEY or WEERBAAR_AUDIT_SIGNING_KEY_FILE):  # noqa: F405
    raise ImproperlyConfigured(
        "Set WEERBAAR_AUDIT_SIGNING_KEY_FILE (or WEERBAAR_AUDIT_SIGNING_KEY): the Ed25519 key that signs "
        "the audit log's checkpoints (docs/operations.md)."
    )
for _name in ("WEERBAAR_AUDIT_KEY_FILE", "WEERBAAR_AUDIT_SIGNING_KEY_FILE"):
    _path = globals()[_name]
    if _path and Path(_path).resolve().is_relative_to(VAR_DIR.resolve()):
        raise ImproperlyConfigured(
            f"{_name} lies in the data folder {VAR_DIR}: keep keys away from the data."
        )
if not WEERBAAR_AUDIT_WITNESS_EMAIL:  # noqa: F405
    raise ImproperlyConfigured(
        "Set WEERBAAR_AUDIT_WITNESS_EMAIL: the FG's address that receives every audit checkpoint."
    )
if WEERBAAR_DEMO:  # noqa: F405
    raise ImproperlyConfigured("WEERBAAR_DEMO must not be set in production.")
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405
