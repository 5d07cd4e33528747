import io

import pytest

from weerbaar.core.access import Role
from weerbaar.core.clearance import forget_clearance
from weerbaar.core.testing import make_user


@pytest.fixture
def public_layers(region):
    """The shipped registry with the small public layers loaded (municipalities, province, airspace)."""
    from weerbaar.geo.demo import load_public_layers

    load_public_layers(io.StringIO(), only={"gemeenten", "provincie", "luchtruimbeperkingen-2014", "brk-percelen", "bag-adressen"})
    from weerbaar.geo.models import Layer

    return {layer.code: layer for layer in Layer.objects.all()}


@pytest.fixture
def analist(region):
    user = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="geo-analist")
    return user


def verified(user):
    user.is_verified = lambda: True
    forget_clearance(user)
    return user
