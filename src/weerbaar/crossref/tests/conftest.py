"""Shared people of the cross-referencing tests: a holder in Zwolle, another partner in Enschede,
both municipal analysts with a verified second factor."""

from __future__ import annotations

import pytest

from weerbaar.core.access import Role
from weerbaar.core.testing import as_verified, make_user


@pytest.fixture
def holder(region):
    return as_verified(make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="houder"))


@pytest.fixture
def other(region):
    return as_verified(make_user(Role.GEMEENTELIJK_ANALIST, "GM0153", username="ander"))
