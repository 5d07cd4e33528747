import pytest

from weerbaar.core.access import Role
from weerbaar.core.clearance import forget_clearance
from weerbaar.core.testing import PERSONAS, make_user
from weerbaar.organisations.models import Organisation


def verified(user):
    """As after a real TOTP step: the second factor counts for clearance."""
    user.is_verified = lambda: True
    forget_clearance(user)
    return user


@pytest.fixture
def users(region):
    """One verified user per role, in the persona's organisation of the shipped region."""
    result = {}
    for persona, (role, org) in PERSONAS.items():
        if role is None:
            continue
        result[role] = verified(make_user(role, org, username=f"sig-{role}"))
    return result


@pytest.fixture
def gemeente(users):
    return users[Role.GEMEENTELIJK_ANALIST]


@pytest.fixture
def riec(users):
    return users[Role.RIEC_ANALIST]


@pytest.fixture
def politie(users):
    return users[Role.PARTNER]


@pytest.fixture
def provincie(users):
    return users[Role.PROVINCIAAL_ADVISEUR]


@pytest.fixture
def other_gemeente(region):
    """An analyst of another municipality (Enschede): not involved in Zwolle's signals."""
    return verified(make_user(Role.GEMEENTELIJK_ANALIST, "GM0153", username="sig-enschede"))


def org(code):
    return Organisation.objects.get(code=code)
