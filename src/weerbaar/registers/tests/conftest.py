import pytest

from weerbaar.core.access import Role
from weerbaar.core.testing import as_verified, make_user


@pytest.fixture
def beheerder(region):
    return make_user(Role.BEHEERDER, "PV23", username="beheerder")


@pytest.fixture
def analist(region):
    """A municipal analyst of Zwolle with a second factor and a recorded legal basis: shielded access."""
    return as_verified(make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="analist"))


@pytest.fixture
def partner_zonder_afscherming(region):
    """A provincial adviser without a verified second factor: intern, not shielded."""
    return make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username="adviseur")
