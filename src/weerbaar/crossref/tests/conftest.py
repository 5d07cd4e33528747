"""Shared people of the cross-referencing tests: a holder in Zwolle, another partner in Enschede,
both municipal analysts with a verified second factor."""

from __future__ import annotations

import pytest

from weerbaar.core.access import Role
from weerbaar.core.clearance import forget_clearance
from weerbaar.core.testing import make_user


def verified_analyst(code: str, username: str):
    user = make_user(Role.GEMEENTELIJK_ANALIST, code, username=username)
    user.is_verified = lambda: True
    forget_clearance(user)
    return user


@pytest.fixture
def holder(region):
    return verified_analyst("GM0193", "houder")


@pytest.fixture
def other(region):
    return verified_analyst("GM0153", "ander")
