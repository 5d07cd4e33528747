"""Test set-up helpers: users of the shipped region's organisations and a decision to share."""

from __future__ import annotations

import datetime as dt

from django.contrib.gis.geos import Point

from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.organisations.models import RD_NEW
from weerbaar.privacy.models import LegalBasis
from weerbaar.privacy.testing import ctx_of

from ..models import BeschikkingSoort
from ..services import beschikking_create

#: a point in Zwolle (GM0193), RD New
ZWOLLE = (203400, 503100)


def _user(role, organisation, username):
    """The same test user on every call (a test subscribes twice for one organisation)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=username).first() or make_user(
        role, organisation, username=username
    )


def gemeente_zwolle():
    return _user(Role.GEMEENTELIJK_ANALIST, "GM0193", "bes-zwolle")


def riec():
    return _user(Role.RIEC_ANALIST, "RIEC-ON", "bes-riec")


def provincie():
    return _user(Role.PROVINCIAAL_ADVISEUR, "PV23", "bes-provincie")


def politie():
    return _user(Role.PARTNER, "POLITIE-ON", "bes-politie")


def beheerder():
    return _user(Role.BEHEERDER, "PV23", "bes-beheerder")


def decision(user, *, kenmerk="Z-2026-001", delen=True, grondslag_delen="riec-convenant", **overrides):
    values = {
        "soort": BeschikkingSoort.objects.get(code="sluiting-13b"),
        "kenmerk": kenmerk,
        "grondslag": LegalBasis.objects.get(code="gemeentewet-172"),
        "grondslag_delen": LegalBasis.objects.get(code=grondslag_delen) if grondslag_delen else None,
        "onderwerp_soort": "onderneming",
        "onderwerp_identificatie": "12345678",
        "onderwerp_naam": "Fictieve Handel B.V.",
        "gemeente": "GM0193",
        "locatie": Point(*ZWOLLE, srid=RD_NEW),
        "datum": dt.date(2026, 11, 2),
        "ingang": dt.date(2026, 11, 16),
        "einde": dt.date(2027, 5, 16),
        "contact": "Team OOV Zwolle, oov@zwolle.example",
        "delen": delen,
    }
    values.update(overrides)
    return beschikking_create(ctx=ctx_of(user, second_factor=True), **values)
