import pytest

from weerbaar.agenda.starter import first_version_load


@pytest.fixture
def agenda(region):
    """Version 1 of the agenda (the letter of 2021), loaded as `make run` loads it."""
    return first_version_load()
