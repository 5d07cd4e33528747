"""Dumping reports: who may report and change, the transition table, the one-step signal."""

from __future__ import annotations

import io
from decimal import Decimal
from itertools import product

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.privacy.testing import ctx_of

from .. import services
from ..models import Betaler, Drugsafvaldumping, DumpingFoto, VondstSoort
from ..workflow import TRANSITIONS, DumpingStatus
from .conftest import jpeg_with_gps, point_in

pytestmark = pytest.mark.django_db


def _report(user, code="GM0193", **extra):
    data = {
        "gevonden_op": "2026-03-01",
        "soort": VondstSoort.objects.get(code="vaten"),
        "hoeveelheid": Decimal("12"),
        "eenheid": "stuks",
        "punt": point_in(code),
        **extra,
    }
    return services.dumping_create(ctx=ctx_of(user), data=data)


def test_the_location_comes_from_the_photo_and_the_stored_photo_has_no_exif(region, media):
    """No coordinates given: the report lies where the photo's GPS says (in Hardenberg), and the
    file on disk has no EXIF (no GPS) left."""
    analist = make_user(Role.GEMEENTELIJK_ANALIST, "GM0160")
    photo = jpeg_with_gps(point_in("GM0160"))
    dumping = services.dumping_create(
        ctx=ctx_of(analist),
        data={
            "gevonden_op": "2026-03-01",
            "soort": VondstSoort.objects.get(code="jerrycans"),
            "hoeveelheid": Decimal("8"),
            "eenheid": "stuks",
        },
        foto_bestanden=[photo],
    )
    assert dumping.gemeente.cbs_code == "GM0160"
    stored = DumpingFoto.objects.get(dumping=dumping)
    content = stored.bestand.read()
    assert content != photo
    assert len(Image.open(io.BytesIO(content)).getexif()) == 0
    assert b"Exif" not in content


def test_a_report_without_location_names_the_field_and_stores_nothing(region, media):
    analist = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193")
    with pytest.raises(ValidationError) as refused:
        services.dumping_create(
            ctx=ctx_of(analist),
            data={
                "gevonden_op": "2026-03-01",
                "soort": VondstSoort.objects.first(),
                "hoeveelheid": Decimal("1"),
                "eenheid": "stuks",
            },
            foto_bestanden=[b"not a photo"],
        )
    assert set(refused.value.message_dict) >= {"punt", "foto"}
    assert not Drugsafvaldumping.objects.exists() and not DumpingFoto.objects.exists()


def test_the_form_names_the_field_of_bad_input(client, region):
    """A posted form with text as quantity and one coordinate only: the page names both fields."""
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193"))
    page = client.post(
        "/buitengebied/dumpingen/melden",
        {
            "gevonden_op": "2026-03-01",
            "soort": "vaten",
            "hoeveelheid": "veel",
            "eenheid": "liter",
            "breedtegraad": "52.5",
        },
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert 'href="#id_hoeveelheid"' in html and 'href="#id_lengtegraad"' in html
    assert not Drugsafvaldumping.objects.exists()


def test_the_public_and_the_administrator_may_not_report(region):
    for user in (None, make_user(Role.BEHEERDER, "GM0193"), make_user(Role.PUBLIEK, "GM0193")):
        with pytest.raises(PermissionDenied):
            _report(user)


def test_every_transition_outside_the_table_is_refused_and_changes_nothing(region, media):
    """All 5 × 5 (from, to) pairs: only the table's pairs pass (with the figures they need);
    every other pair raises and leaves the status and history as they were."""
    province = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23")
    for start, target in product(DumpingStatus.values, DumpingStatus.values):
        dumping = _report(
            province, opruimkosten=Decimal("900"), betaald_door=Betaler.GRONDEIGENAAR, vergoeding=None
        )
        Drugsafvaldumping.objects.filter(pk=dumping.pk).update(status=start, vergoeding=Decimal("900"))
        history = dumping.historie.count()
        if target in TRANSITIONS[start]:
            after = services.dumping_transition(ctx=ctx_of(province), dumping=dumping, naar=target)
            assert after.status == target
            assert dumping.historie.count() == history + 1
        else:
            with pytest.raises(ValidationError) as refused:
                services.dumping_transition(ctx=ctx_of(province), dumping=dumping, naar=target)
            assert "naar" in refused.value.message_dict
            dumping.refresh_from_db()
            assert dumping.status == start and dumping.historie.count() == history


def test_the_province_reimburses_only_landowners_and_alone_decides(region, media):
    gemeente = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193")
    province = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23")
    dumping = _report(gemeente)
    with pytest.raises(ValidationError) as refused:  # cleaned up without the cost: refused
        services.dumping_transition(ctx=ctx_of(gemeente), dumping=dumping, naar="opgeruimd")
    assert "opruimkosten" in refused.value.message_dict
    services.dumping_transition(
        ctx=ctx_of(gemeente),
        dumping=dumping,
        naar="opgeruimd",
        opruimkosten=Decimal("4200"),
        betaald_door=Betaler.GEMEENTE,
    )
    with pytest.raises(ValidationError) as refused:
        services.dumping_transition(ctx=ctx_of(gemeente), dumping=dumping, naar="vergoeding_aangevraagd")
    assert "betaald_door" in refused.value.message_dict
    services.dumping_transition(
        ctx=ctx_of(gemeente),
        dumping=dumping,
        naar="vergoeding_aangevraagd",
        betaald_door=Betaler.GRONDEIGENAAR,
    )
    with pytest.raises(PermissionDenied):
        services.dumping_transition(
            ctx=ctx_of(gemeente), dumping=dumping, naar="vergoed", vergoeding=Decimal("4200")
        )
    with pytest.raises(ValidationError) as refused:
        services.dumping_transition(
            ctx=ctx_of(province), dumping=dumping, naar="vergoed", vergoeding=Decimal("5000")
        )
    assert "vergoeding" in refused.value.message_dict
    dumping.refresh_from_db()
    assert dumping.status == "vergoeding_aangevraagd" and dumping.vergoeding is None
    services.dumping_transition(
        ctx=ctx_of(province), dumping=dumping, naar="vergoed", vergoeding=Decimal("4200")
    )
    dumping.refresh_from_db()
    assert dumping.status == "vergoed" and dumping.vergoeding == Decimal("4200")


def test_another_municipality_may_see_but_not_change_a_report(region, media):
    dumping = _report(make_user(Role.GEMEENTELIJK_ANALIST, "GM0193"))
    other = make_user(Role.GEMEENTELIJK_ANALIST, "GM0160", username="hardenberg")
    with pytest.raises(PermissionDenied):
        services.dumping_transition(
            ctx=ctx_of(other),
            dumping=dumping,
            naar="opgeruimd",
            opruimkosten=Decimal("1"),
            betaald_door="gemeente",
        )


def test_a_signal_is_made_from_a_report_in_one_step_and_only_once(client, region, media):
    """The button makes a signal with phenomenon 'dumping van drugsafval' at the report's point,
    through the signals' service (its number), links the report to it, and refuses a second one."""
    analist = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193")
    dumping = _report(analist, proces_verbaalnummer="PL0600-2026123456")
    login_verified(client, analist)
    response = client.post(f"/buitengebied/dumpingen/{dumping.pk}/signaal")
    dumping.refresh_from_db()
    assert dumping.signaal_nummer and response["Location"] == f"/signalen/{dumping.signaal_id}"
    signal = client.get(response["Location"]).content.decode()
    assert dumping.signaal_nummer in signal and "PL0600-2026123456" in signal
    with pytest.raises(ValidationError):
        services.dumping_signal_create(ctx=ctx_of(analist), dumping=dumping)


def test_the_public_sees_no_report(client, region, media):
    _report(make_user(Role.GEMEENTELIJK_ANALIST, "GM0193"), proces_verbaalnummer="PV-GEHEIM")
    assert "PV-GEHEIM" not in client.get("/api/v1/buitengebied/dumpingen").content.decode()
    assert client.get("/buitengebied/dumpingen/").status_code == 302
