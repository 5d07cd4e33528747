"""The demo loader: the question table and one fictitious control marked as such, with the police
and the tax office as partners; loading twice changes nothing."""

import io

import pytest

from weerbaar.core.access import Role
from weerbaar.core.testing import make_user

from ..demo import NAAM, load
from ..models import Controle, Vraag

pytestmark = pytest.mark.django_db


def test_the_demo_control_is_fictitious_marked_and_loaded_once(region):
    make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="demo-gemeente")
    load(io.StringIO())
    load(io.StringIO())
    controle = Controle.objects.get()
    assert controle.naam == NAAM and controle.demo
    assert sorted(controle.partners.values_list("organisation__code", flat=True)) == [
        "BD",
        "GM0193",
        "POLITIE-ON",
    ]
    assert controle.teams.count() == 2
    assert Vraag.objects.filter(organisatie_soort="politie").count() == 2
