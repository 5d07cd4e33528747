"""Keeping partners informed: a decision reaches the subscribers it matches, through a real
callback receiver process and a real SMTP server, with personal data only where the subscriber's
grant allows it; failing callbacks are retried with back-off and end on the dead-letter list."""

from __future__ import annotations

import datetime as dt
import json
import mailbox

import pytest
from django.contrib.gis.geos import Polygon
from django.core.exceptions import ValidationError
from django.utils import timezone

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.personal_data import platform_processing
from weerbaar.core.testing import login_verified
from weerbaar.jobs.testing import run_queued_jobs
from weerbaar.organisations.models import RD_NEW
from weerbaar.privacy.testing import ctx_of

from ..models import Beschikking, Bezorging, BezorgStatus, Bezorgwijze
from ..services import NIET_GEDEELD, abonnement_create, beschikking_share, bezorgingen_due
from . import factories as f

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture(autouse=True)
def _queued_jobs(settings):
    settings.WEERBAAR_JOBS_IMMEDIATE = False
    settings.WEERBAAR_BESCHIKKINGEN_POGINGEN = 3
    settings.WEERBAAR_BESCHIKKINGEN_WACHTTIJD_SECONDS = 60


def _subscribe(user, **kwargs):
    kwargs.setdefault("naam", "test")
    return abonnement_create(ctx=ctx_of(user, second_factor=True), **kwargs)


def _share(django_capture_on_commit_callbacks, user, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        item = f.decision(user, **kwargs)
    run_queued_jobs()
    return item


def test_a_matching_decision_reaches_the_callback_with_personal_data_and_the_mail_without(
    region, callback_receiver, smtp_server, django_capture_on_commit_callbacks
):
    """RIEC-ON holds a grant on the sharing basis (RIEC convenant): its callback gets the CloudEvent
    with the subject's key and name, with its own Authorization header. The province holds no
    grant on that basis: its e-mail says that something was decided and where to ask, without
    the subject. The police subscribed to another municipality: it gets nothing. Each choice is
    an audit entry."""
    _subscribe(
        f.riec(),
        bezorgwijze=Bezorgwijze.CALLBACK,
        gemeenten=["GM0193"],
        callback_url=callback_receiver.url + "/riec",
        callback_auth="Bearer riec-token",
    )
    _subscribe(
        f.provincie(), bezorgwijze=Bezorgwijze.EMAIL, gemeenten=["GM0193"], email="bibob@provincie.example"
    )
    _subscribe(
        f.politie(),
        bezorgwijze=Bezorgwijze.CALLBACK,
        gemeenten=["GM0153"],
        callback_url=callback_receiver.url + "/politie",
    )

    item = _share(django_capture_on_commit_callbacks, f.gemeente_zwolle())

    received = callback_receiver.requests()
    assert [r["path"] for r in received] == ["/riec"]
    assert received[0]["headers"]["Authorization"] == "Bearer riec-token"
    assert received[0]["headers"]["Content-Type"] == "application/cloudevents+json"
    event = json.loads(received[0]["body"])
    assert (
        event["specversion"] == "1.0" and event["type"] == "nl.weerbaar.beschikkingen.beschikking-vastgesteld"
    )
    assert event["data"]["kanaal"] == "beschikkingen"
    assert event["data"]["onderwerp"] == {
        "soort": "onderneming",
        "sleutel": "onderneming:12345678",
        "naam": "Fictieve Handel B.V.",
    }
    assert event["data"]["vragen"] == "Team OOV Zwolle, oov@zwolle.example"

    mails = list(mailbox.Maildir(smtp_server))
    assert len(mails) == 1 and mails[0]["To"] == "bibob@provincie.example"
    body = mails[0].get_payload(decode=True).decode()
    assert "oov@zwolle.example" in body and "13b" in mails[0]["Subject"]
    assert "Fictieve Handel" not in body and "12345678" not in body

    states = {
        b.abonnement.organisation.code: (b.status, b.met_persoonsgegevens) for b in Bezorging.objects.all()
    }
    assert states == {"RIEC-ON": (BezorgStatus.BEZORGD, True), "PV23": (BezorgStatus.BEZORGD, False)}

    entries = AuditEntry.objects.using(AUDIT_DB).filter(
        object_type="beschikkingen.beschikking", action="disclose"
    )
    by_org = {e.detail["aan"]: e for e in entries}
    assert by_org["RIEC-ON"].result == "allowed" and by_org["RIEC-ON"].legal_basis == "riec-convenant"
    assert by_org["RIEC-ON"].data_subject_id == "onderneming:12345678"
    assert by_org["PV23"].result == "refused"
    assert item.gedeeld_op is not None


def test_a_polygon_subscription_and_the_kind_filters_decide_who_hears(
    region, callback_receiver, django_capture_on_commit_callbacks
):
    """A drawn area around the decision's location matches; a subscription to other decision
    kinds or other subject kinds in the same area does not."""
    x, y = f.ZWOLLE
    around = Polygon.from_bbox((x - 500, y - 500, x + 500, y + 500))
    around.srid = RD_NEW
    elsewhere = Polygon.from_bbox((x + 5000, y + 5000, x + 6000, y + 6000))
    elsewhere.srid = RD_NEW
    _subscribe(
        f.riec(),
        naam="gebied",
        bezorgwijze=Bezorgwijze.CALLBACK,
        gebied=around,
        callback_url=callback_receiver.url + "/gebied",
    )
    _subscribe(
        f.riec(),
        naam="elders",
        bezorgwijze=Bezorgwijze.CALLBACK,
        gebied=elsewhere,
        callback_url=callback_receiver.url + "/elders",
    )
    _subscribe(
        f.politie(),
        naam="bibob",
        bezorgwijze=Bezorgwijze.CALLBACK,
        gemeenten=["GM0193"],
        beschikking_soorten=["bibob-weigering"],
        callback_url=callback_receiver.url + "/bibob",
    )
    _subscribe(
        f.provincie(),
        naam="personen",
        bezorgwijze=Bezorgwijze.CALLBACK,
        gemeenten=["GM0193"],
        onderwerp_soorten=["persoon"],
        callback_url=callback_receiver.url + "/personen",
    )
    _share(django_capture_on_commit_callbacks, f.gemeente_zwolle())
    assert [r["path"] for r in callback_receiver.requests()] == ["/gebied"]


def test_a_failing_callback_is_retried_with_back_off_and_lands_on_the_dead_letter_list(
    region, callback_receiver, client, django_capture_on_commit_callbacks
):
    """The receiver answers 500: the delivery waits 60 s, then 120 s, and after the third attempt
    it is onbestelbaar, on the administrators' page, from where a retry sends it again."""
    _subscribe(
        f.riec(),
        bezorgwijze=Bezorgwijze.CALLBACK,
        gemeenten=["GM0193"],
        callback_url=callback_receiver.url + "/500",
    )
    before = timezone.now()
    _share(django_capture_on_commit_callbacks, f.gemeente_zwolle())
    delivery = Bezorging.objects.get()
    assert (delivery.status, delivery.pogingen) == (BezorgStatus.WACHTEND, 1)
    first_wait = delivery.volgende_poging
    assert 60 <= (first_wait - before).total_seconds() <= 70

    assert bezorgingen_due(now=first_wait - dt.timedelta(seconds=1)) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert bezorgingen_due(now=first_wait) == [delivery.pk]
    before = timezone.now()
    run_queued_jobs()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.pogingen) == (BezorgStatus.WACHTEND, 2)
    assert 120 <= (delivery.volgende_poging - before).total_seconds() <= 130  # 60 s, then 120 s

    with django_capture_on_commit_callbacks(execute=True):
        bezorgingen_due(now=delivery.volgende_poging)
    run_queued_jobs()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.pogingen) == (BezorgStatus.ONBESTELBAAR, 3)
    assert delivery.laatste_fout.startswith("HTTP 500")
    assert len(callback_receiver.requests()) == 3

    login_verified(client, f.beheerder())
    page = client.get("/beschikkingen/onbestelbaar/").content.decode()
    assert "HTTP 500" in page and "Z-2026-001" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/beschikkingen/onbestelbaar/{delivery.pk}/opnieuw")
    run_queued_jobs()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.pogingen) == (BezorgStatus.WACHTEND, 1)
    assert len(callback_receiver.requests()) == 4


def test_a_partner_may_not_see_the_dead_letter_list(region, client):
    login_verified(client, f.riec())
    assert client.get("/beschikkingen/onbestelbaar/").status_code == 403


def test_a_decision_without_a_legal_basis_for_sharing_is_not_shared(
    region, callback_receiver, django_capture_on_commit_callbacks
):
    """The AVG check: asked to share without a basis, the service refuses with the reason and
    stores nothing; recorded without sharing, a later share is refused the same way."""
    _subscribe(
        f.riec(),
        bezorgwijze=Bezorgwijze.CALLBACK,
        gemeenten=["GM0193"],
        callback_url=callback_receiver.url + "/riec",
    )
    zwolle = f.gemeente_zwolle()
    with pytest.raises(ValidationError) as refused:
        f.decision(zwolle, grondslag_delen=None, delen=True)
    assert refused.value.message_dict["grondslag_delen"] == [NIET_GEDEELD]
    with platform_processing("test"):
        assert not Beschikking.objects.exists()
    item = f.decision(zwolle, grondslag_delen=None, delen=False)
    with pytest.raises(ValidationError, match="geen grondslag voor delen"):
        beschikking_share(ctx=ctx_of(zwolle, second_factor=True), beschikking=item)
    run_queued_jobs()
    assert callback_receiver.requests() == []
    assert not Bezorging.objects.exists()


def test_a_subscription_needs_an_area_and_an_address(region):
    with pytest.raises(ValidationError) as refused:
        _subscribe(f.riec(), bezorgwijze=Bezorgwijze.CALLBACK)
    assert set(refused.value.message_dict) == {"gemeenten", "callback_url"}
