"""Subject kinds: keys, the hit / no-hit answers of the enrichment, the audited network steps,
and a kind another app registers working in the enrichment and the network without signals code."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import Role
from weerbaar.core.subjects import (
    About,
    Neighbour,
    Source,
    SubjectKind,
    register_source,
    register_subject_kind,
    sources,
    subject_kinds,
)
from weerbaar.core.testing import make_user
from weerbaar.privacy.testing import ctx_of
from weerbaar.signals import selectors, services
from weerbaar.signals.keys import address_key, subject_key
from weerbaar.signals.models import Signal, Subject
from weerbaar.signals.selectors import network
from weerbaar.signals.workflow import State

from .factories import add_subject, client_for, make_signal


@pytest.mark.parametrize(
    ("kind", "identifier", "name", "birth_date", "key"),
    [
        ("onderneming", "1234 5678", "", None, "onderneming:12345678"),
        ("adres", " 8011 ab 12-2 ", "", None, "adres:8011AB|12||2"),
        ("adres", "Loodsweg zonder nummer", "", None, "adres:LOODSWEG ZONDER NUMMER"),
        ("perceel", "zwl00-k-1234", "", None, "perceel:ZWL00 K 1234"),
        ("voertuig", "12-abc-3", "", None, "voertuig:12ABC3"),
        ("persoon", "Jan de Vries", "Jan de Vries", dt.date(1980, 1, 1), "persoon:vries|J|1980-01-01"),
        ("persoon", "Berg, J. van der", "", None, "persoon:berg|J|"),
    ],
)
def test_each_kind_makes_the_key_that_finds_the_subject_again(kind, identifier, name, birth_date, key):
    """The registered kinds normalise as signals/keys.py did before the registry: the same subject
    written differently has one key."""
    assert subject_key(kind, identifier, name, birth_date) == key


def test_the_signal_address_key_is_empty_for_what_is_no_dutch_address():
    assert address_key("7411 ab 12") == "7411AB|12||"
    assert address_key("Loodsweg") == "" and address_key("") == ""


def test_a_kind_no_app_registered_is_refused_with_the_field(gemeente):
    signal = make_signal()
    with pytest.raises(ValidationError) as info:
        services.subject_add(ctx=ctx_of(gemeente), signal=signal, kind="raket", identifier="x")
    assert "kind" in info.value.message_dict and not Subject.objects.exists()
    response = client_for(gemeente).post(
        reverse("api:signals-onderwerp-nieuw", args=[signal.pk]),
        json.dumps({"soort": "raket", "kenmerk": "x"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert any("soort" in p["name"] for p in response.json()["invalidParams"])
    schema = client_for(gemeente).get("/api/v1/openapi.json").json()["components"]["schemas"]
    kinds = schema["OnderwerpIn"]["properties"]["soort"]["enum"]
    assert kinds == ["persoon", "onderneming", "adres", "perceel", "voertuig", "vakantiepark"]  # in order


def test_a_birth_date_is_kept_only_for_the_kinds_that_use_it(gemeente):
    signal = make_signal()
    company = services.subject_add(
        ctx=ctx_of(gemeente),
        signal=signal,
        kind="onderneming",
        identifier="12345678",
        name="Kweek Handel",
        birth_date=dt.date(1980, 1, 1),
    )
    person = services.subject_add(
        ctx=ctx_of(gemeente), signal=signal, kind="persoon", identifier="Jan", birth_date=dt.date(1980, 1, 1)
    )
    assert (company.name, company.birth_date) == ("Kweek Handel", None)
    assert person.birth_date == dt.date(1980, 1, 1) and person.key.endswith("|1980-01-01")


# --- hit / no hit ----------------------------------------------------------------------------


def _intern(signal: Signal) -> Signal:
    """A signal (and its subjects) at level intern, which a partner without shielded clearance sees;
    the model shields every new signal, so the level is lowered afterwards."""
    Signal.objects.filter(pk=signal.pk).update(access_level="intern")
    Subject.objects.filter(signal=signal).update(access_level="intern")
    signal.refresh_from_db()
    return signal


def test_hit_no_hit_answers_of_an_enrichment_without_clearance_are_logged(registers_data):
    """An analyst without a verified second factor may work on an intern signal but not see
    persons, owners or functionarissen: each register answers hit / no hit instead, and each
    answer is an `exists` entry with the question asked and the answer given."""
    signal = make_signal(address="8011AB 12", address_key="8011AB|12||", parcel="ZWL00 K 1234")
    add_subject(signal, "onderneming", "12345678")
    add_subject(signal, "persoon", "Jan de Vries", name="Jan de Vries", birth_date=dt.date(1980, 1, 1))
    add_subject(signal, "persoon", "Piet Onbekend", name="Piet Onbekend")
    signal = _intern(signal)
    analyst = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="zonder-factor")
    ctx = ctx_of(analyst)
    assert not ctx.clearance.shielded

    run = services.enrich(ctx=ctx, signal=signal)

    answers = {
        (e.object_type, json.dumps(e.detail["vraag"], sort_keys=True)): e.detail["antwoord"]
        for e in AuditEntry.objects.using(AUDIT_DB).filter(actor="zonder-factor", action="exists")
    }

    def answer(object_type: str, question: dict) -> bool:
        return answers[(object_type, json.dumps(question, sort_keys=True))]

    assert answer("registers.persoon", {"bewoners op adres": ["8011AB|12||"]}) is True
    assert answer("registers.zakelijkrecht", {"eigenaren van": "ZWL00 K 1234"}) is True
    assert answer("registers.functionaris", {"functionarissen van": "12345678"}) is True
    assert answer("registers.persoon", {"naam": "Jan de Vries", "geboortedatum": "1980-01-01"}) is True
    assert answer("registers.persoon", {"naam": "Piet Onbekend", "geboortedatum": ""}) is False
    # the refused reads themselves are logged too, with the clearance's reason
    refused = AuditEntry.objects.using(AUDIT_DB).filter(actor="zonder-factor", result="refused")
    assert {"registers.persoon", "registers.zakelijkrecht"} <= set(
        refused.values_list("object_type", flat=True)
    )
    assert all("second factor not verified" in e.detail["reden"] for e in refused)
    # the stored facts hold the answers and no person
    assert "Jan de Vries" not in json.dumps([f["value"] for f in run.facts])
    hits = {f["label"]: f["hit"] for f in run.facts if f["hit"] is not None}
    assert hits["Ingeschreven personen"] is True and hits["Functionarissen"] is True
    assert hits["Eigenaren (zakelijk gerechtigden)"] is True
    assert [f["hit"] for f in run.facts if f["label"] == "Persoon in de registers"] == [True, False]


def test_the_kinds_answer_hit_no_hit_themselves(registers_data):
    """`SubjectKind.hit`: the question another app (cross-referencing) asks of a subject."""
    from weerbaar.core.subjects import SubjectRef

    ctx = ctx_of(make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="vraagt"))
    assert subject_kinds["adres"].hit(ctx, SubjectRef("adres", "8011 AB 12")) is True
    assert subject_kinds["adres"].hit(ctx, SubjectRef("adres", "8011 AB 99")) is False
    assert subject_kinds["perceel"].hit(ctx, SubjectRef("perceel", "ZWL00 K 1234")) is True
    assert subject_kinds["onderneming"].hit(ctx, SubjectRef("onderneming", "12345678")) is True
    assert subject_kinds["persoon"].hit(ctx, SubjectRef("persoon", "Jan de Vries")) is True
    assert subject_kinds["voertuig"].hit(ctx, SubjectRef("voertuig", "12ABC3")) is None  # not in the platform
    entries = AuditEntry.objects.using(AUDIT_DB).filter(actor="vraagt", action="exists")
    assert entries.count() == 5 and all("vraag" in e.detail and "antwoord" in e.detail for e in entries)


# --- the network -------------------------------------------------------------------------------


def _entries_after(last_id: int):
    return list(AuditEntry.objects.using(AUDIT_DB).filter(id__gt=last_id))


def _last_id() -> int:
    last = AuditEntry.objects.using(AUDIT_DB).order_by("-id").first()
    return last.id if last else 0


def test_every_kind_of_node_expands_through_audited_selectors(riec, registers_data):
    """Each step logs the step under the case (`signals.netwerk`, the node and the number of
    neighbours) and every person it shows under the register that holds them."""
    signal = make_signal(State.CASUS)
    add_subject(signal, "onderneming", "12345678")
    person = add_subject(
        signal, "persoon", "Jan de Vries", name="Jan de Vries", birth_date=dt.date(1980, 1, 1)
    )
    add_subject(signal, "voertuig", "12-ABC-3")
    other = make_signal(State.INGEBRACHT)
    add_subject(other, "voertuig", "12abc3")
    ctx, case = ctx_of(riec), signal.case
    steps = {
        "onderneming:12345678": ("registers.functionaris", "persoon:P-1"),
        "adres:8011AB|12||": ("registers.persoon", "persoon:P-1"),
        "perceel:ZWL00 K 1234": ("registers.zakelijkrecht", "persoon:P-1"),
        "persoon:P-1": ("registers.functionaris", "onderneming:12345678"),
        f"onderwerp:{person.key}": ("registers.persoon", "persoon:P-1"),
    }
    for node, (object_type, neighbour) in steps.items():
        before = _last_id()
        graph = network.expand(ctx=ctx, case=case, key=network.node_key(case, node))
        assert neighbour in graph.nodes, node
        entries = _entries_after(before)
        [step] = [e for e in entries if e.object_type == "signals.netwerk"]
        assert step.object_id == case.number and step.detail == {"knoop": node, "buren": len(graph.nodes)}
        assert step.processing_activity == "informatieplein" and step.actor == riec.username
        assert any(e.object_type == object_type and e.data_subject_id == "P-1" for e in entries), node
    # a vehicle is in no register of the platform: its step finds the other signal with its kenteken
    before = _last_id()
    graph = network.expand(ctx=ctx, case=case, key=network.node_key(case, "voertuig:12ABC3"))
    assert set(graph.nodes) == {f"signaal:{signal.pk}", f"signaal:{other.pk}"}
    assert [e.detail["knoop"] for e in _entries_after(before)] == ["voertuig:12ABC3"]


def test_a_step_without_clearance_shows_no_person_and_logs_the_refusal(riec, registers_data):
    signal = make_signal(State.CASUS)
    unverified = make_user(Role.RIEC_ANALIST, "RIEC-ON", username="riec-ongeverifieerd")
    before = _last_id()
    graph = network.expand(
        ctx=ctx_of(unverified), case=signal.case, key=network.node_key(signal.case, "adres:8011AB|12||")
    )
    assert set(graph.nodes) == {"onderneming:12345678"}  # the KvK establishment is intern
    entries = _entries_after(before)
    refused = [e for e in entries if e.result == "refused"]
    assert [(e.object_type, e.object_id) for e in refused] == [("registers.persoon", "8011AB|12||")]
    assert not any(e.data_subject_id for e in entries)


# --- a kind of another app ---------------------------------------------------------------------


class BoatKind(SubjectKind):
    """A boat by its registration: a kind an app outside signals and registers could declare."""

    name = "boot"
    label = "boot"
    order = 60

    def normalise(self, identifier, *, name="", birth_date=None):
        return "".join(identifier.split()).upper()

    def facts(self, ctx, subject, fresh):
        return [
            About(subject.label, "havenregister", fresh).fact(
                label="Ligplaats", value="Haven Zwolle, steiger 3"
            )
        ]

    def neighbours(self, ctx, value, *, limit):
        return [Neighbour("haven", "zwolle", "Haven Zwolle", "ligplaats")]


@pytest.fixture
def boat_kind():
    register_subject_kind(BoatKind)
    register_source(Source("havenregister", "Havenregister (test)", freshness=lambda ctx: "2026-01-01"))
    yield subject_kinds["boot"]
    subject_kinds.unregister("boot")
    sources.unregister("havenregister")


def test_a_kind_registered_by_another_app_works_in_enrichment_and_network(boat_kind, gemeente, riec):
    signal = make_signal(State.CASUS)
    client = client_for(gemeente)
    page = client.get(reverse("signals:detail", args=[signal.pk])).content.decode()
    assert '<option value="boot" data-identifier-label="Kenmerk" data-fields="name">boot</option>' in page
    client.post(reverse("signals:subject", args=[signal.pk]), {"kind": "boot", "identifier": "nl 123 ab"})
    subject = Subject.objects.get(signal=signal)
    assert subject.key == "boot:NL123AB" and str(subject) == "boot: nl 123 ab"

    run = services.enrich(ctx=ctx_of(gemeente), signal=signal)
    [berth] = [f for f in selectors.facts_for(ctx=ctx_of(gemeente), run=run) if f["label"] == "Ligplaats"]
    assert (berth["subject"], berth["value"]) == ("boot: nl 123 ab", "Haven Zwolle, steiger 3")
    assert (berth["source"], berth["freshness"]) == ("Havenregister (test)", "2026-01-01")

    chart = network.case_graph(ctx=ctx_of(riec), case=signal.case)
    assert chart.nodes["boot:NL123AB"]["kind"] == "boot"
    step = network.expand(ctx=ctx_of(riec), case=signal.case, key=chart.nodes["boot:NL123AB"]["knoop"])
    assert step.nodes["haven:zwolle"]["label"] == "Haven Zwolle"
    assert {"source": "boot:NL123AB", "target": "haven:zwolle", "kind": "ligplaats"} in step.edges
