"""Test helpers of the catalog (and of the apps that build on it, such as the checklist)."""

import pytest

from weerbaar.catalog.starter import load_starter
from weerbaar.privacy.context import command_context


@pytest.fixture
def starter(region):
    """The shipped region plus the starter vocabularies, contact entries and factsheets."""
    return load_starter(ctx=command_context(command="load_catalog"))
