import pytest

from . import kinds  # noqa: F401  (registers the test job kinds)
from .kinds import MIDWAY


@pytest.fixture(autouse=True)
def _no_midway_hooks():
    MIDWAY.clear()
    yield
    MIDWAY.clear()
