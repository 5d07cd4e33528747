"""Test helpers shared by the catalog, checklist and contacts test packages."""

import pytest


@pytest.fixture
def starter(region):
    """The shipped region plus the starter factsheets, contacts and checklist rules."""
    from weerbaar.catalog.starter import load_starter

    return load_starter()
