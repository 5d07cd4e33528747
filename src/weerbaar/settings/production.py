"""Production: every secret must come from the environment; nothing is generated."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY or not WEERBAAR_AUDIT_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set WEERBAAR_SECRET_KEY and WEERBAAR_AUDIT_KEY in the environment.")
if WEERBAAR_DEMO:  # noqa: F405
    raise ImproperlyConfigured("WEERBAAR_DEMO must not be set in production.")
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405
