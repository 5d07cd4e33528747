"""Fixtures of the controls' tests: an analyst of Zwolle organising a control on the small area of
`factories`, the police as partner, an RIEC analyst who does not take part."""

from __future__ import annotations

import datetime as dt

import pytest

from weerbaar.core.access import Role
from weerbaar.core.testing import as_verified, make_user
from weerbaar.privacy.testing import ctx_of

from .. import services
from .factories import GEBIED, organisation, registers_in_area


@pytest.fixture
def analist(region):
    return as_verified(make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="analist"))


@pytest.fixture
def politie(region):
    return as_verified(make_user(Role.PARTNER, "POLITIE-ON", username="agent"))


@pytest.fixture
def riec(region):
    return as_verified(make_user(Role.RIEC_ANALIST, "RIEC-ON", username="riec"))


@pytest.fixture
def controle(analist, politie):
    registers_in_area()
    services.vragen_standaard_laden(ctx=ctx_of(analist, second_factor=True))
    return services.controle_plan(
        ctx=ctx_of(analist, second_factor=True),
        naam="Controle Controlestraat",
        datum=dt.date(2026, 12, 10),
        soort_gebied="bedrijventerrein",
        gebied=GEBIED.wkt,
        doel="gebiedsanalyse",
        rol="regie",
        partners=[(organisation("POLITIE-ON"), "opsporing")],
        teams=[services.TeamInvoer("Team 1", dt.time(9), dt.time(12))],
    )
