"""Fixtures of the knowledge network's tests: people of two municipalities, an FG, a dilemma room."""

import pytest

from weerbaar.contacts.testing import starter  # noqa: F401  (vocabularies and contact entries)
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.kennis.models import DilemmaRoom
from weerbaar.kennis.services import dilemma_post
from weerbaar.privacy.testing import ctx_of
from weerbaar.themes.starter import vocabularies_load


@pytest.fixture
def people(region):
    vocabularies_load()
    return {
        "almelo": make_user(Role.GEMEENTELIJK_ANALIST, "GM0141", username="almelo"),
        "almelo2": make_user(Role.RIEC_ANALIST, "GM0141", username="almelo-twee"),
        "enschede": make_user(Role.GEMEENTELIJK_ANALIST, "GM0153", username="enschede"),
        "fg": make_user(Role.FG, "PV23", username="fg"),
    }


@pytest.fixture
def dilemma(people):
    room = DilemmaRoom.objects.create(key="integriteit", name="Integriteitsdilemma's")
    room.members.add(people["almelo"], people["enschede"])
    post = dilemma_post(
        ctx=ctx_of(people["almelo"]), room="integriteit", title="Een cadeau", text="Mag ik het houden?"
    )
    return post
