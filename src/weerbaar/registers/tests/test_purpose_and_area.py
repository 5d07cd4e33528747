"""Purpose binding and area scope of shielded register reads (issue 17 items 3 and 4).

Shielded data needs a declared purpose bound to a grant; a municipal analyst reads it only in
the own municipality (plus the areas of its signals and cases); the RIEC and the province keep
regional scope. Every refusal is logged with its reason."""

import pytest
from django.test import Client

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import Role
from weerbaar.core.testing import as_verified, login_verified, make_user
from weerbaar.privacy.context import area_scope_sources
from weerbaar.privacy.testing import ctx_of
from weerbaar.registers.selectors import (
    NO_PURPOSE,
    OUT_OF_AREA,
    adres_zoeken,
    onderneming_zoeken,
    perceel_zoeken,
    persoon_zoeken,
)

from .test_selectors import registers  # noqa: F401  (fixture: a Zwolle address, parcels, a company)


@pytest.fixture
def people(region):
    return {
        "zwolle": as_verified(make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="zwolle")),
        "almelo": as_verified(make_user(Role.GEMEENTELIJK_ANALIST, "GM0141", username="almelo")),
        "riec": as_verified(make_user(Role.RIEC_ANALIST, "RIEC-ON", username="riec")),
        "provincie": as_verified(make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username="provincie")),
    }


def _refusals(actor: str, reason: str) -> int:
    return (
        AuditEntry.objects.using(AUDIT_DB).filter(actor=actor, result="refused", detail__reden=reason).count()
    )


@pytest.mark.usefixtures("registers")
def test_no_declared_purpose_no_shielded_data(people):
    ctx = ctx_of(people["zwolle"])
    assert perceel_zoeken(ctx=ctx, aanduiding="ZWL00 K 1234").rechten is None
    assert persoon_zoeken(ctx=ctx, naam="Jan van der Berg") == []
    assert onderneming_zoeken(ctx=ctx, kvk_nummer="12345678").functionarissen is None
    assert adres_zoeken(ctx=ctx, query="8011RJ 11").bewoners is None
    assert _refusals("zwolle", NO_PURPOSE) == 4
    bound = ctx_of(people["zwolle"], purpose="gebiedsanalyse")
    assert perceel_zoeken(ctx=bound, aanduiding="ZWL00 K 1234").rechten


@pytest.mark.usefixtures("registers")
@pytest.mark.parametrize(
    ("who", "purpose", "in_scope"),
    [
        ("zwolle", "signaalverrijking", True),
        ("almelo", "signaalverrijking", False),
        ("riec", "informatieplein", True),
        ("provincie", "bibob-toets", True),
    ],
)
def test_a_municipal_analyst_reads_shielded_data_only_in_its_own_area(people, who, purpose, in_scope):
    ctx = ctx_of(people[who], purpose=purpose)
    owners = perceel_zoeken(ctx=ctx, aanduiding="ZWL00 K 1234").rechten
    officers = onderneming_zoeken(ctx=ctx, kvk_nummer="12345678").functionarissen
    persons = persoon_zoeken(ctx=ctx, naam="Jan van der Berg")
    if in_scope:
        assert owners and officers and persons
    else:
        assert owners is None and officers is None and persons == []
        assert _refusals(who, OUT_OF_AREA) >= 2  # the parcel and the company


@pytest.mark.usefixtures("registers")
def test_the_area_of_a_signal_or_case_widens_a_municipalitys_scope(people):
    """A source (e.g. signals: the cases whose team the organisation is in) adds municipalities."""
    almelo = people["almelo"]

    def cases_of(organisation_id):
        return {"GM0193"} if organisation_id == almelo.organisation_id else set()

    area_scope_sources.register("test-cases")(cases_of)
    try:
        ctx = ctx_of(almelo, purpose="signaalverrijking")
        assert ctx.area_scope == {"GM0141", "GM0193"}
        assert perceel_zoeken(ctx=ctx, aanduiding="ZWL00 K 1234").rechten
    finally:
        area_scope_sources._items.pop("test-cases")


@pytest.mark.usefixtures("registers")
def test_the_api_asks_for_the_purpose_in_a_header_and_keeps_to_the_area(people):
    zwolle, almelo = Client(), Client()
    login_verified(zwolle, people["zwolle"])
    login_verified(almelo, people["almelo"])
    url = "/api/v1/kadastrale-objecten/ZWL00 K 1234"
    assert zwolle.get(url).json()["zakelijkGerechtigden"] is None
    assert zwolle.get(url, HTTP_DOELBINDING="gebiedsanalyse").json()["zakelijkGerechtigden"]
    assert almelo.get(url, HTTP_DOELBINDING="gebiedsanalyse").json()["zakelijkGerechtigden"] is None
    entry = AuditEntry.objects.using(AUDIT_DB).filter(actor="zwolle", result="allowed").latest("id")
    assert (entry.processing_activity, entry.legal_basis) == ("gebiedsanalyse", "gemeentewet-172")
