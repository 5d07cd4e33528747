"""Test settings until the project settings install the catalog apps (then this is a no-op)."""

from weerbaar.settings.test import *  # noqa: F403
from weerbaar.settings.test import INSTALLED_APPS

for _app in ("weerbaar.contacts", "weerbaar.catalog", "weerbaar.checklist"):
    if _app not in INSTALLED_APPS:
        INSTALLED_APPS.append(_app)

ROOT_URLCONF = "weerbaar.catalog.tests.urls"
