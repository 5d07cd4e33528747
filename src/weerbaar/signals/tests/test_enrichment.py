"""Enrichment: register facts with source and freshness; hit / no hit for what the viewer may not see."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse

from weerbaar.audit.models import AuditEntry
from weerbaar.core.subjects import Freshness, SubjectRef, subject_kinds
from weerbaar.privacy.testing import ctx_of
from weerbaar.signals import enrichment, selectors, services
from weerbaar.signals.selectors import network
from weerbaar.signals.workflow import State

from .conftest import org
from .factories import add_subject, client_for, make_signal


def _signal_with_subjects(actor):
    return services.signal_create(
        ctx=ctx_of(actor),
        data={"title": "Loods", "phenomenon": "drugs", "address": "8011AB 12", "parcel": "zwl00-k-1234"},
        subjects=[
            {"kind": "onderneming", "identifier": "12345678"},
            {
                "kind": "persoon",
                "identifier": "Jan de Vries",
                "name": "Jan de Vries",
                "birth_date": dt.date(1980, 1, 1),
            },
            {"kind": "adres", "identifier": "8011 AB 12"},
            {"kind": "perceel", "identifier": "ZWL00 K 1234"},
            {"kind": "voertuig", "identifier": "12-ABC-3"},
        ],
    )


def _values(facts, label):
    return [f for f in facts if f["label"] == label]


def enrich(user, signal):
    return services.enrich(ctx=ctx_of(user), signal=signal)


def facts_for(user, run):
    return selectors.facts_for(ctx=ctx_of(user), run=run)


def test_enrichment_collects_facts_with_source_and_freshness(gemeente, registers_data):
    signal = _signal_with_subjects(gemeente)
    run = enrich(gemeente, signal)
    facts = facts_for(gemeente, run)
    assert all(f["source"] for f in facts)
    assert any(f["value"] == "Kweek Handel B.V." for f in facts)
    assert any("Jan de Vries" in f["value"] for f in _values(facts, "Bewoner"))
    assert any(f["label"].startswith("Eigenaar") and "Jan de Vries" in f["value"] for f in facts)
    assert _values(facts, "Gemeente")[0]["value"] == "Zwolle"
    border = _values(facts, "Afstand tot de Duitse grens")[0]["value"]
    # Zwolle is some 50 km from the border, written with the Dutch decimal comma
    assert "," in border and 40 < float(border.split()[0].replace(",", ".")) < 70
    kenteken = _values(facts, "Kenteken")[0]
    assert kenteken["hit"] is None and "RDW" in kenteken["holder"]
    assert all(f["freshness"] for f in facts if f["category"] in {"bag", "kvk", "brk", "personen"})
    # the shielded reads went through the registers' selectors and were audited there
    assert (
        AuditEntry.objects.using("audit")
        .filter(object_type="registers.persoon", actor=gemeente.username)
        .exists()
    )
    assert run.duration_ms >= 0 and signal.timeline.filter(kind="enrichment").exists()


def test_a_viewer_without_clearance_sees_hit_no_hit_holder_and_how_to_ask(gemeente, registers_data):
    from weerbaar.core.access import Role
    from weerbaar.core.clearance import forget_clearance
    from weerbaar.core.testing import make_user

    signal = _signal_with_subjects(gemeente)
    run = enrich(gemeente, signal)
    lower = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="zonder-factor")
    forget_clearance(lower)
    facts = facts_for(lower, run)
    assert not any("Jan de Vries" in f["value"] for f in facts)
    masked = [f for f in facts if f["hit"] is True]
    assert masked and all(f["holder"] and f["request"] and f["value"] == "" for f in masked)


def test_enrichment_by_an_actor_without_persons_clearance_records_hits_only(
    riec, politie, gemeente, registers_data
):
    # politie holds only the informatieplein grant: shielded level, so it sees persons; a
    # provincial adviser without signaalverrijking-grant still is shielded. Use an unverified actor:
    from weerbaar.core.access import Role
    from weerbaar.core.testing import make_user

    signal = _signal_with_subjects(gemeente)
    actor = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="ongeverifieerd")
    ctx = ctx_of(actor)
    facts = subject_kinds["adres"].facts(ctx, SubjectRef("adres", "8011AB 12", label="adres"), Freshness(ctx))
    people = [f for f in facts if f["category"] == "personen"]
    assert people == [people[0]] and people[0]["hit"] is True and people[0]["value"] == ""
    assert signal.pk


def test_other_signals_show_as_hit_with_holder(gemeente, other_gemeente, registers_data):
    theirs = make_signal(reporter="GM0153")
    add_subject(theirs, "onderneming", "12345678")
    signal = _signal_with_subjects(gemeente)
    facts = facts_for(gemeente, enrich(gemeente, signal))
    hidden = [f for f in facts if f["category"] == "signalen" and f["hit"]]
    assert hidden and hidden[0]["holder"] == "Gemeente Enschede"
    assert theirs.number not in str(facts)


def test_border_distance_and_stale_flag(gemeente, registers_data):
    near = Point(265000, 480000, srid=28992)  # east of Enschede/Losser
    assert enrichment.border_distance_km(near) < 10
    signal = make_signal(point=near)
    run = enrich(gemeente, signal)
    assert not selectors.stale(ctx=ctx_of(gemeente), run=run)
    from weerbaar.registers.models import ImportRun

    ImportRun.objects.create(importer="bag-verblijfsobject", bestand="x", status="ok")
    assert selectors.stale(ctx=ctx_of(gemeente), run=run)


def test_network_starts_small_and_expands_one_step(gemeente, riec, registers_data):
    signal = _signal_with_subjects(gemeente)
    signal = services.signal_transition(ctx=ctx_of(gemeente), signal=signal, to=State.IN_BEHANDELING)
    signal = services.signal_transition(ctx=ctx_of(gemeente), signal=signal, to=State.INGEBRACHT)
    signal = services.signal_transition(ctx=ctx_of(riec), signal=signal, to=State.CASUS)
    graph = network.case_graph(ctx=ctx_of(riec), case=signal.case).as_dict()
    keys = {n["id"]: n["knoop"] for n in graph["nodes"]}
    assert f"signaal:{signal.pk}" in keys and "onderneming:12345678" in keys
    step = network.expand(ctx=ctx_of(riec), case=signal.case, key=keys["onderneming:12345678"]).as_dict()
    keys = {n["id"]: n["knoop"] for n in step["nodes"]}
    assert {"adres:8011AB|12||", "persoon:P-1"} <= set(keys)
    step = network.expand(ctx=ctx_of(riec), case=signal.case, key=keys["adres:8011AB|12||"]).as_dict()
    assert "onderneming:12345678" in {n["id"] for n in step["nodes"]}
    assert len(step["nodes"]) <= network.MAX_NEIGHBOURS
    assert org("RIEC-ON")


def test_network_expansion_is_bounded(riec, registers_data):
    from weerbaar.registers.models import Onderneming, Vestiging

    for i in range(network.MAX_NEIGHBOURS + 7):
        kvk = f"{20000000 + i}"
        company = Onderneming.objects.create(kvk_nummer=kvk, naam=f"Bedrijf {i}", naam_sleutel=f"bedrijf{i}")
        Vestiging.objects.create(
            vestigingsnummer=f"{100000000000 + i}",
            onderneming=company,
            kvk_nummer=kvk,
            eerste_handelsnaam=f"Bedrijf {i}",
            adres_sleutel="8011AB|12||",
            postcode_huisnummer="8011AB|12",
        )
    signal = make_signal(State.CASUS)
    add_subject(signal, "adres", "8011AB 12")
    key = network.node_key(signal.case, "adres:8011AB|12||")
    graph = network.expand(ctx=ctx_of(riec), case=signal.case, key=key).as_dict()
    assert len(graph["nodes"]) == network.MAX_NEIGHBOURS
    assert graph["more"] >= 1  # "there is more": counted up to the per-query bound


def test_a_person_subject_expands_to_register_matches_only_with_clearance(riec, registers_data):
    from weerbaar.core.access import Role
    from weerbaar.core.testing import make_user

    signal = make_signal(State.CASUS)
    subject = add_subject(
        signal, "persoon", "Jan de Vries", name="Jan de Vries", birth_date=dt.date(1980, 1, 1)
    )
    key = network.node_key(signal.case, f"onderwerp:{subject.key}")
    assert "persoon:P-1" in {
        n["id"] for n in network.expand(ctx=ctx_of(riec), case=signal.case, key=key).nodes.values()
    }
    unverified = make_user(Role.RIEC_ANALIST, "RIEC-ON", username="riec-zonder-factor")
    assert network.expand(ctx=ctx_of(unverified), case=signal.case, key=key).nodes == {}


def test_only_nodes_the_chart_of_this_case_handed_out_can_be_expanded(riec, registers_data):
    """A person or company that is no step from the case cannot be looked up through its chart."""
    from weerbaar.audit.routers import AUDIT_DB

    signal = make_signal(State.CASUS)
    other = make_signal(State.CASUS)
    add_subject(signal, "onderneming", "12345678")
    refused = [
        "persoon:P-1",  # a bare node id, never handed out
        network.node_key(other.case, "persoon:P-1"),  # handed out for another case
        network.node_key(signal.case, "persoon:P-1")[:-1] + "x",  # altered
    ]
    for key in refused:
        with pytest.raises(network.UnknownNode):
            network.expand(ctx=ctx_of(riec), case=signal.case, key=key)
    entries = AuditEntry.objects.using(AUDIT_DB).filter(object_type="signals.netwerk", result="refused")
    assert entries.count() == len(refused)
    client = client_for(riec)
    url = reverse("api:signals-netwerk", args=[signal.case.pk])
    assert client.get(url, {"knoop": "persoon:P-1"}).status_code == 403
    start = client.get(url).json()
    [company] = [n for n in start["nodes"] if n["id"] == "onderneming:12345678"]
    step = client.get(url, {"knoop": company["knoop"]})
    assert step.status_code == 200 and "persoon:P-1" in {n["id"] for n in step.json()["nodes"]}


def test_map_layers_give_holiday_park_context(gemeente, registers_data):
    from django.apps import apps
    from django.contrib.gis.geos import Polygon

    if not apps.is_installed("weerbaar.geo"):
        import pytest

        pytest.skip("no map layers in this deployment")
    layer_model, version_model, feature_model = (
        apps.get_model("geo", m) for m in ("Layer", "LayerVersion", "Feature")
    )
    layer = layer_model.objects.create(
        code="vakantieparken",
        title_nl="Vakantieparken",
        theme="economie",
        access_level="intern",
        freshness="2026",
    )
    version = version_model.objects.create(layer=layer, number=1, status="ready")
    layer.current_version = version
    layer.save()
    feature_model.objects.create(
        version=version,
        fid="vp-1",
        geometry=Polygon.from_bbox((202900, 502400, 203100, 502600)),
        properties={"naam": "Park De Vechtstreek"},
    )
    signal = make_signal()
    facts = facts_for(gemeente, enrich(gemeente, signal))
    park = _values(facts, "Vakantieparken")[0]
    assert park["value"] == "Park De Vechtstreek" and park["freshness"] == "2026"


def test_showing_shielded_facts_to_another_team_member_is_audited(gemeente, riec, politie, registers_data):
    signal = _signal_with_subjects(gemeente)
    run = enrich(gemeente, signal)
    services.signal_transition(ctx=ctx_of(gemeente), signal=signal, to=State.IN_BEHANDELING)
    services.signal_transition(ctx=ctx_of(gemeente), signal=signal, to=State.INGEBRACHT)
    signal = services.signal_transition(ctx=ctx_of(riec), signal=signal, to=State.CASUS)
    services.case_team_add(ctx=ctx_of(riec), case=signal.case, organisation=org("POLITIE-ON"))
    facts = facts_for(politie, run)
    assert any("Jan de Vries" in f["value"] for f in facts)
    entry = AuditEntry.objects.using("audit").filter(actor=politie.username).last()
    assert entry.action == "view" and entry.detail["afgeschermde_feiten"] > 0
    assert entry.processing_activity == "informatieplein"


def test_a_layer_published_by_a_factsheet_names_the_factsheet(gemeente, registers_data):
    import pytest
    from django.apps import apps
    from django.contrib.gis.geos import Polygon

    if not (apps.is_installed("weerbaar.geo") and apps.is_installed("weerbaar.catalog")):
        pytest.skip("no catalog or map layers in this deployment")
    layer_model, version_model, feature_model = (
        apps.get_model("geo", m) for m in ("Layer", "LayerVersion", "Feature")
    )
    layer = layer_model.objects.create(
        code="drugslabs", title_nl="Aangetroffen drugslabs", theme="bestuur", access_level="intern"
    )
    version = version_model.objects.create(layer=layer, number=1, status="ready")
    layer.current_version = version
    layer.save()
    feature_model.objects.create(
        version=version,
        fid="lab-1",
        geometry=Polygon.from_bbox((202900, 502400, 203100, 502600)),
        properties={},
    )
    factsheet_model, distribution_model = (
        apps.get_model("catalog", "Factsheet"),
        apps.get_model("catalog", "Distribution"),
    )
    factsheet = factsheet_model.objects.create(
        identifier="drugslabs",
        title_nl="Drugslabs en dumpingen",
        description_nl="x",
        owner=org("PV23"),
        maintainer=org("PV23"),
        donl_theme="openbare-orde-en-veiligheid",
        access_procedure_nl="x",
        access_level="intern",
        **_required_defaults(factsheet_model, skip={"owner", "maintainer"}),
    )
    distribution_model.objects.create(
        factsheet=factsheet, kind="viewer", format="MVT", title_nl="kaart", layer="drugslabs"
    )
    facts = facts_for(gemeente, enrich(gemeente, make_signal()))
    lab = _values(facts, "Aangetroffen drugslabs")[0]
    assert lab["value"] == "lab-1" and lab["source"] == "Factsheet: Drugslabs en dumpingen"


def _required_defaults(model, skip=()):
    """Values for the model's other required fields, so the test survives the catalog growing."""
    from django.db import models
    from django.utils import timezone

    values = {}
    for f in model._meta.concrete_fields:
        if f.null or f.has_default() or f.primary_key or f.name in skip or isinstance(f, models.ForeignKey):
            continue
        if isinstance(f, models.DateTimeField):
            values[f.name] = timezone.now()
        elif isinstance(f, models.DateField):
            values[f.name] = timezone.localdate()
        elif isinstance(f, models.BooleanField):
            values[f.name] = False
        elif isinstance(f, (models.IntegerField, models.FloatField)):
            values[f.name] = 0
        elif isinstance(f, models.JSONField):
            values[f.name] = []
    return values


def test_border_distance_is_written_in_the_language_of_the_enrichment(gemeente, registers_data):
    """'11.8 km' on a Dutch page is wrong: the decimal separator is the language's."""
    from django.utils import translation

    signal = _signal_with_subjects(gemeente)
    with translation.override("en"):
        run = enrich(gemeente, signal)
    border = _values(facts_for(gemeente, run), "Distance to the German border")[0]["value"]
    assert "." in border and "," not in border.split()[0]


def test_one_node_per_entity_a_matched_person_and_a_repeated_subject_merge(riec, registers_data):
    """A person named in two signals of the case is one node, and when the registers hold exactly
    one person with that name and date of birth the subject *is* that register node: expanding a
    neighbour that leads back to the person adds no second node for them."""
    signal = make_signal(State.CASUS)
    second = make_signal(State.CASUS)
    type(second).objects.filter(pk=second.pk).update(case=signal.case)
    for s in (signal, second):
        add_subject(s, "persoon", "Jan de Vries", name="Jan de Vries", birth_date=dt.date(1980, 1, 1))
        add_subject(s, "onderneming", "12345678")
    graph = network.case_graph(ctx=ctx_of(riec), case=signal.case).as_dict()
    ids = [n["id"] for n in graph["nodes"]]
    assert sorted(ids) == sorted(
        [f"signaal:{signal.pk}", f"signaal:{second.pk}", "persoon:P-1", "onderneming:12345678"]
    )
    person = next(n for n in graph["nodes"] if n["id"] == "persoon:P-1")
    assert person["label"] == "Jan de Vries" and person["kind_label"] == "persoon"
    company = next(n for n in graph["nodes"] if n["id"] == "onderneming:12345678")
    step = network.expand(ctx=ctx_of(riec), case=signal.case, key=company["knoop"]).as_dict()
    assert "persoon:P-1" in {n["id"] for n in step["nodes"]}  # the same node the chart already has
    assert not any(i.startswith("onderwerp:") for i in ids)


def test_without_a_unique_match_a_person_subject_stays_one_node_per_subject_key(riec, registers_data):
    """No date of birth: no merge with the registers, but two signals naming the same person
    still give one node; its kind is shown in the page's language."""
    from django.utils import translation

    signal = make_signal(State.CASUS)
    second = make_signal(State.CASUS)
    type(second).objects.filter(pk=second.pk).update(case=signal.case)
    for s in (signal, second):
        add_subject(s, "persoon", "Piet Jansen", name="Piet Jansen")
    with translation.override("de"):
        graph = network.case_graph(ctx=ctx_of(riec), case=signal.case).as_dict()
    people = [n for n in graph["nodes"] if n["kind"] == "persoon"]
    assert len(people) == 1 and people[0]["id"].startswith("onderwerp:persoon:")
    assert people[0]["kind_label"] == "Person"
    signal_node = next(n for n in graph["nodes"] if n["kind"] == "signaal")
    assert signal_node["kind_label"] == "Signal"


def test_enrichment_asks_the_partners_datasets_hit_or_no_hit_and_the_holder_sees_the_question(
    gemeente, registers_data
):
    """A partner dataset of another organisation answers the enrichment from its keyed index
    only: hit for the signal's person (written otherwise there), no hit for its company, the
    holder and whom to ask, no record; the holder's log has both questions."""
    from weerbaar.core.access import AccessLevel, Role
    from weerbaar.core.clearance import forget_clearance
    from weerbaar.core.testing import make_user
    from weerbaar.crossref import hitindex, indexfile
    from weerbaar.crossref import selectors as crossref
    from weerbaar.crossref import services as crossref_services
    from weerbaar.crossref.services.index import index_publish

    holder = make_user(Role.GEMEENTELIJK_ANALIST, "GM0153", username="houder-enschede")
    holder.is_verified = lambda: True
    forget_clearance(holder)
    dataset = crossref_services.dataset_create(
        ctx=ctx_of(holder),
        name="Bewoners recreatiepark",
        access_level=AccessLevel.AFGESCHERMD,
        contact="rie@enschede.example",
    )
    person = {
        "id": "x1",
        "schema": "Person",
        "properties": {"name": ["Vries, J. de"], "birthDate": ["01-01-1980"]},
    }
    made_at_home = io.BytesIO()
    indexfile.write(hitindex.build([person], dataset.hit_secret), made_at_home)
    made_at_home.seek(0)
    index_publish(ctx=ctx_of(holder), dataset=dataset, upload=made_at_home)

    signal = _signal_with_subjects(gemeente)
    facts = facts_for(gemeente, enrich(gemeente, signal))
    asked = [f for f in facts if f["category"] == "partnerbestanden"]
    by_subject = {f["subject"].split(":")[0].strip().lower(): f for f in asked}
    assert by_subject["persoon"]["hit"] is True and by_subject["onderneming"]["hit"] is False
    assert all(f["holder"] and f["request"] == "rie@enschede.example" and f["value"] == "" for f in asked)
    questions = crossref.questions_for(ctx=ctx_of(holder), dataset=dataset)
    assert {(q.kind, q.hit) for q in questions} == {("persoon", True), ("kvk", False), ("adres", False)}
