"""Test helpers of the contact directory."""

import pytest

from weerbaar.contacts.services import contacts_starter_read, contacts_starter_store
from weerbaar.privacy.context import command_context
from weerbaar.themes.starter import vocabularies_load


@pytest.fixture
def starter(region):
    """The shipped region plus the starter vocabularies and the (fictitious) contact entries."""
    vocabularies_load()
    return contacts_starter_store(ctx=command_context(command="load_catalog"), rows=contacts_starter_read())
