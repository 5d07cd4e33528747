"""Vakantieparken: what a partner sees, and what others do not."""

import pytest

from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.privacy.testing import ctx_of

from ..services import park_create

pytestmark = pytest.mark.django_db


def test_a_partner_sees_the_own_organisations_park_and_the_public_does_not(client, region):
    analist = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193")
    park_create(ctx=ctx_of(analist), title="Eerste vakantiepark", access_level=AccessLevel.INTERN)
    assert "Eerste vakantiepark" not in client.get("/api/v1/parken").content.decode()
    login_verified(client, analist)
    assert "Eerste vakantiepark" in client.get("/parken/").content.decode()
