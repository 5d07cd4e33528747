"""Test helpers shared by the catalog, checklist and contacts test packages."""

import pytest
from django.conf import settings

#: The three apps of issue 4; their tests need them installed.
APPS = ("weerbaar.catalog", "weerbaar.checklist", "weerbaar.contacts")


def apps_installed() -> bool:
    return all(app in settings.INSTALLED_APPS for app in APPS)


@pytest.fixture
def starter(region):
    """The shipped region plus the starter factsheets, contacts and checklist rules."""
    from weerbaar.catalog.starter import load_starter

    return load_starter()
