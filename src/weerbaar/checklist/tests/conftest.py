import pytest

from weerbaar.catalog.testing import starter as catalog_starter  # noqa: F401  (the starter catalog)
from weerbaar.checklist.services import ruleset_load_starter
from weerbaar.checklist.starter import starter_rules
from weerbaar.privacy.context import command_context


@pytest.fixture
def starter(catalog_starter):  # noqa: F811
    """The starter catalog and contact entries, and the starter rules published as version 1."""
    ruleset_load_starter(ctx=command_context(command="load_demo_data"), content=starter_rules())
    return catalog_starter
