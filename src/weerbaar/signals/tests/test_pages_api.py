"""Pages and /api/v1/ endpoints: the same policies, problem+json errors, downloads behind checks."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from weerbaar.core.testing import pdf_text
from weerbaar.privacy.testing import ctx_of
from weerbaar.signals import services
from weerbaar.signals.workflow import State

from .conftest import org
from .factories import add_subject, client_for, make_signal, subject_rows


def test_intake_form_warns_about_duplicates_then_registers(gemeente, registers_data):
    existing = make_signal()
    add_subject(existing, "onderneming", "12345678")
    client = client_for(gemeente)
    data = {
        "title": "Verdachte loods",
        "phenomenon": "drugs",
        "received_on": "2026-11-01",
        "source_reliability": "B",
        "information_reliability": "2",
        "address": "8011AB 12",
        **subject_rows(
            {"kind": "onderneming", "identifier": "12345678"},
            {"kind": "persoon", "identifier": "Jan de Vries", "birth_date": "1980-01-01"},
        ),
    }
    response = client.post(reverse("signals:create"), data)
    assert response.status_code == 200
    assert existing.number in response.content.decode()
    response = client.post(reverse("signals:create"), {**data, "confirm": "True"})
    assert response.status_code == 302
    detail = client.get(response["Location"])
    body = detail.content.decode()
    assert "Verdachte loods" in body and existing.number in body
    assert detail["Cache-Control"].startswith("no-store") or "no-store" in detail["Cache-Control"]


def test_detail_page_shows_steps_and_takes_one(gemeente):
    signal = make_signal()
    client = client_for(gemeente)
    body = client.get(reverse("signals:detail", args=[signal.pk])).content.decode()
    assert 'name="to" value="in_behandeling"' in body
    assert 'value="casus"' not in body
    response = client.post(reverse("signals:transition", args=[signal.pk]), {"to": "in_behandeling"})
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.state == State.IN_BEHANDELING


def test_pages_refuse_other_organisations(other_gemeente, politie):
    signal = make_signal()
    for user in (other_gemeente, politie):
        client = client_for(user)
        assert client.get(reverse("signals:detail", args=[signal.pk])).status_code == 404
        assert client.post(reverse("signals:comment", args=[signal.pk]), {"text": "x"}).status_code == 404
        assert signal.number not in client.get(reverse("signals:list")).content.decode()


def test_attachment_is_served_only_through_the_checked_view(gemeente, other_gemeente, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    signal = make_signal()
    client = client_for(gemeente)
    upload = SimpleUploadedFile("verslag.txt", b"waarneming bij de loods", content_type="text/plain")
    client.post(reverse("signals:attachment_upload", args=[signal.pk]), {"file": upload})
    attachment = signal.attachments.get()
    response = client.get(reverse("signals:attachment", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"waarneming bij de loods"
    assert "attachment" in response["Content-Disposition"]
    assert (
        client_for(other_gemeente).get(reverse("signals:attachment", args=[attachment.pk])).status_code == 404
    )
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_case_pdf_in_german_minimises_personal_data(riec, gemeente):
    signal = make_signal(State.EVALUATIE)
    add_subject(signal, "persoon", "Jan de Vries", name="Jan de Vries")
    add_subject(signal, "onderneming", "12345678", name="Kweek Handel", shareable=True)
    response = client_for(riec).get(reverse("signals:export", args=[signal.case.pk]) + "?taal=de")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Kweek Handel" in text and "Jan de Vries" not in text
    assert "1 onderwerp" in text or "1 Betroffene" in text or "nicht geteilt" in text
    assert signal.timeline.filter(kind="export").exists()


def test_case_page_and_network_endpoint(riec, gemeente):
    """The case page shows the case, the way back to its signal, its dated facts (the signal's
    timeline and the interventions) and the chart's start; the endpoint gives the first nodes."""
    signal = make_signal(State.INGEBRACHT)
    add_subject(signal, "onderneming", "12345678")
    signal = services.signal_transition(ctx=ctx_of(riec), signal=signal, to=State.CASUS)
    services.intervention_add(
        ctx=ctx_of(riec),
        case=signal.case,
        data={"kind": "bibob", "legal_basis": "Wet Bibob art. 3", "planned_on": timezone.localdate()},
    )
    client = client_for(riec)
    body = client.get(reverse("signals:case", args=[signal.case.pk])).content.decode()
    assert f"{signal.case.number} — {signal.title}" in body
    assert reverse("signals:detail", args=[signal.pk]) in body and "network.js" in body
    assert f"{signal.number}:" in body and "→ casus" in body  # the step, from the signal's timeline
    assert "bestuurlijk: Bibob-weigering of -intrekking" in body  # the intervention, planned today
    data = client.get(reverse("api:signals-netwerk", args=[signal.case.pk])).json()
    assert {"signaal", "onderneming"} <= {n["kind"] for n in data["nodes"]}
    assert {n["label"] for n in data["nodes"]} >= {signal.number, "12345678"}


# --- API ------------------------------------------------------------------------------------


def test_api_register_read_step_and_enrich(gemeente, registers_data):
    client = client_for(gemeente)
    payload = {
        "titel": "Drugsafval in sloot",
        "fenomeen": "drugsafval",
        "adres": "8011AB 12",
        "onderwerpen": [{"soort": "onderneming", "kenmerk": "12345678"}],
    }
    response = client.post(
        reverse("api:signals-signalen"), json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    signal = response.json()
    assert signal["toegangsniveau"] == "afgeschermd" and signal["gemeente"] == "GM0193"
    assert signal["onderwerpen"][0]["kenmerk"] == "12345678"
    listed = client.get(reverse("api:signals-signalen") + "?status=ontvangen").json()
    assert [s["nummer"] for s in listed] == [signal["nummer"]]
    steps = client.get(reverse("api:signals-transities", args=[signal["id"]])).json()
    assert {t["naar"] for t in steps["mogelijk"]} == {"in_behandeling", "geen_vervolg"}
    moved = client.post(
        reverse("api:signals-transities", args=[signal["id"]]),
        json.dumps({"naar": "in_behandeling"}),
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["status"] == "in_behandeling"
    run = client.post(reverse("api:signals-verrijking", args=[signal["id"]]))
    assert run.status_code == 201 and any(f["bron"].startswith("BAG") for f in run.json()["feiten"])
    assert client.get(reverse("api:signals-verrijking", args=[signal["id"]])).json()["id"] == run.json()["id"]


def test_api_errors_are_problem_json(gemeente, other_gemeente):
    client = client_for(gemeente)
    response = client.post(
        reverse("api:signals-signalen"),
        json.dumps({"titel": "", "fenomeen": "x"}),
        content_type="application/json",
    )
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert {"titel"} <= names
    response = client.post(
        reverse("api:signals-signalen"),
        json.dumps({"titel": "t", "fenomeen": "onbekend", "adres": "nergens"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert {"fenomeen", "adres"} <= {p["name"] for p in response.json()["invalidParams"]}
    signal = make_signal()
    response = client.post(
        reverse("api:signals-transities", args=[signal.pk]),
        json.dumps({"naar": "casus"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    response = client_for(other_gemeente).get(reverse("api:signals-signaal", args=[signal.pk]))
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    response = Client().get(reverse("api:signals-signalen"))
    assert response.status_code == 401


def test_api_interventions_and_evaluation(riec, politie):
    signal = make_signal(State.EVALUATIE)
    signal.case.evaluation.delete()
    client = client_for(riec)
    url = reverse("api:signals-interventies", args=[signal.case.pk])
    created = client.post(
        url,
        json.dumps({"soort": "bibob", "uitvoerendePartner": "GM0193", "grondslag": "Wet Bibob art. 3"}),
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["uitvoerendePartner"] == "GM0193"
    assert len(client.get(url).json()) == 2
    evaluation_url = reverse("api:signals-evaluatie", args=[signal.case.pk])
    assert client.get(evaluation_url).status_code == 404
    saved = client.put(
        evaluation_url,
        json.dumps(
            {"effect": "gesloten", "watWerkte": "samenwerking", "knelpunten": "BRP", "lessen": "eerder"}
        ),
        content_type="application/json",
    )
    assert saved.status_code == 200 and client.get(evaluation_url).json()["knelpunten"] == "BRP"
    seen = client_for(politie).get(url).json()  # politie is in the team
    assert {i["soort"] for i in seen} == {"sluiting_13b", "bibob"}
    assert org("POLITIE-ON")


def test_api_errors_name_the_api_fields_not_the_model_fields(riec):
    """The service validates `kind`, `legal_basis`, `executing_organisation`; the caller sent
    `soort`, `grondslag`, `uitvoerendePartner` and must read those names back (issue 17)."""
    signal = make_signal(State.EVALUATIE)
    client = client_for(riec)
    url = reverse("api:signals-interventies", args=[signal.case.pk])

    def names(body):
        response = client.post(url, json.dumps(body), content_type="application/json")
        assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
        return sorted(p["name"] for p in response.json()["invalidParams"])

    assert names({"soort": "kraken", "grondslag": "Wet Bibob"}) == ["soort"]
    assert names({"soort": "bibob", "grondslag": "x" * 201}) == ["grondslag"]
    assert names({"soort": "bibob", "grondslag": "Wet Bibob", "uitvoerendePartner": "GM0153"}) == [
        "uitvoerendePartner"
    ]
    assert names({"soort": "bibob", "grondslag": "Wet Bibob", "uitvoerendePartner": "NIEMAND"}) == [
        "uitvoerendePartner"
    ]
    assert len(client.get(url).json()) == 1  # nothing stored by the refused writes


@pytest.mark.parametrize("path", ["/api/v1/signalen/", "/signalen/"])
def test_no_trailing_slash_redirects(gemeente, path):
    assert client_for(gemeente).get(path).status_code == 404


def test_services_are_not_bypassed_by_the_api(gemeente):
    signal = make_signal(State.INGEBRACHT)
    response = client_for(gemeente).post(
        reverse("api:signals-transities", args=[signal.pk]),
        json.dumps({"naar": "casus"}),
        content_type="application/json",
    )
    assert response.status_code == 403  # the reporter sees it, but only the RIEC makes a case
    assert services is not None


def test_marking_a_subject_shareable_and_team_legal_basis(riec, other_gemeente):
    from weerbaar.audit.models import AuditEntry
    from weerbaar.privacy.models import LegalBasis

    signal = make_signal(State.CASUS)
    subject = add_subject(signal, "persoon", "Jan de Vries", name="Jan de Vries")
    client = client_for(riec)
    url = reverse("signals:subject_share", args=[subject.pk])
    assert client_for(other_gemeente).post(url, {"shareable": "1"}).status_code == 404
    assert client.post(url, {"shareable": "1"}).status_code == 302
    subject.refresh_from_db()
    assert subject.shareable
    assert (
        AuditEntry.objects.using("audit")
        .filter(
            action="view",
            object_type="signals.subject",
            object_id=str(subject.pk),
            data_subject_id=subject.key,
        )
        .exists()
    )  # the subject was read through the audited selector
    basis = LegalBasis.objects.get(code="riec-convenant")
    client.post(
        reverse("signals:team", args=[signal.case.pk]),
        {"organisation": org("BD").pk, "legal_basis": basis.pk},
    )
    assert signal.case.members.get(organisation__code="BD").legal_basis == basis
    text = pdf_text(client.get(reverse("signals:export", args=[signal.case.pk]) + "?taal=nl").content)
    assert "Jan de Vries" in text


def test_assign_to_an_organisation_and_a_person(gemeente, politie):
    signal = make_signal()
    client = client_for(gemeente)
    url = reverse("signals:assign", args=[signal.pk])
    client.post(url, {"organisation": org("GM0193").pk, "person": politie.pk})
    signal.refresh_from_db()
    assert signal.assigned_to is None  # a person of another organisation is refused
    client.post(url, {"organisation": org("POLITIE-ON").pk, "person": politie.pk})
    signal.refresh_from_db()
    assert signal.assigned_organisation.code == "POLITIE-ON" and signal.assigned_to == politie
    body = client_for(politie).get(reverse("signals:detail", args=[signal.pk])).content.decode()
    assert signal.number in body and f"Politie Eenheid Oost-Nederland ({politie.username})" in body


def test_disclosure_request_grant_with_legal_basis_shares_the_hidden_signal(gemeente, other_gemeente):
    from weerbaar.audit.models import AuditEntry
    from weerbaar.privacy.models import LegalBasis
    from weerbaar.signals.models import DisclosureRequest

    theirs = make_signal(reporter="GM0153")
    add_subject(theirs, "onderneming", "12345678")
    mine = make_signal()
    add_subject(mine, "onderneming", "1234 5678")
    zwolle = client_for(gemeente)
    body = zwolle.get(reverse("signals:detail", args=[mine.pk])).content.decode()
    assert "Gemeente Enschede" in body and theirs.number not in body
    request_url = reverse("signals:disclosure_request", args=[mine.pk])
    zwolle.post(request_url, {"holder": "GM0153", "purpose": ""})
    assert not DisclosureRequest.objects.exists()  # a purpose is required
    zwolle.post(request_url, {"holder": "GM0153", "purpose": "zelfde BV bij hennepteelt"})
    item = DisclosureRequest.objects.get()
    assert item.holder.code == "GM0153" and item.keys == ["onderneming:12345678"]
    assert (
        zwolle.post(reverse("signals:disclosure_decide", args=[item.pk]), {"decision": "grant"}).status_code
        == 403
    )
    item.refresh_from_db()
    assert item.status == "aangevraagd"  # only the holder decides
    enschede = client_for(other_gemeente)
    page = enschede.get(reverse("signals:disclosures")).content.decode()
    assert "zelfde BV bij hennepteelt" in page and "onderneming met KvK-nummer 12345678" in page
    assert (
        AuditEntry.objects.using("audit")
        .filter(action="list", object_type="signals.verstrekkingsverzoek", actor_id=str(other_gemeente.pk))
        .exists()
    )  # the list names subjects' keys: its read is logged
    enschede.post(reverse("signals:disclosure_decide", args=[item.pk]), {"decision": "grant"})
    item.refresh_from_db()
    assert item.status == "aangevraagd"  # no legal basis, no disclosure
    basis = LegalBasis.objects.get(code="riec-convenant")
    enschede.post(
        reverse("signals:disclosure_decide", args=[item.pk]), {"decision": "grant", "legal_basis": basis.pk}
    )
    item.refresh_from_db()
    assert item.status == "verstrekt" and item.legal_basis == basis
    shared = zwolle.get(reverse("signals:detail", args=[theirs.pk])).content.decode()
    assert f"{theirs.number} — {theirs.title}" in shared and "Gemeente Enschede" in shared
    entry = AuditEntry.objects.using("audit").filter(action="disclose", result="allowed").last()
    assert entry.legal_basis == "riec-convenant" and entry.detail["signalen"] == [theirs.number]


def test_disclosure_refusal_needs_a_note_and_shares_nothing(gemeente, other_gemeente):
    from weerbaar.signals import services as s
    from weerbaar.signals.models import DisclosureRequest

    theirs = make_signal(reporter="GM0153")
    add_subject(theirs, "voertuig", "12-ABC-3")
    mine = make_signal()
    add_subject(mine, "voertuig", "12ABC3")
    item = s.disclosure_request(
        ctx=ctx_of(gemeente), signal=mine, holder=org("GM0153"), purpose="kenteken bij loods"
    )
    with pytest.raises(Exception, match="toelichting"):
        s.disclosure_decide(ctx=ctx_of(other_gemeente), item=item, grant=False)
    s.disclosure_decide(ctx=ctx_of(other_gemeente), item=item, grant=False, note="lopend onderzoek")
    assert DisclosureRequest.objects.get().status == "geweigerd"
    assert client_for(gemeente).get(reverse("signals:detail", args=[theirs.pk])).status_code == 404
    with pytest.raises(Exception, match="geen signaal"):
        s.disclosure_request(ctx=ctx_of(gemeente), signal=mine, holder=org("GM0141"), purpose="x")


def test_list_notifications_and_bottleneck_pages_show_what_they_hold(
    gemeente, riec, django_capture_on_commit_callbacks
):
    """The list shows the signals with their number and title, the count of unread notifications;
    the notifications page their messages (number and state only); the bottleneck page the items."""
    from weerbaar.signals.models import Bottleneck

    signal = make_signal(State.INGEBRACHT, title="Drugsafval bij de Vecht")
    with django_capture_on_commit_callbacks(execute=True):
        services.signal_transition(ctx=ctx_of(riec), signal=signal, to=State.CASUS)
    client = client_for(gemeente)
    listing = client.get(reverse("signals:list")).content.decode()
    assert signal.number in listing and "Drugsafval bij de Vecht" in listing
    assert "1 ongelezen melding" in listing
    notes = client.get(reverse("signals:notifications")).content.decode()
    assert f"Signaal {signal.number}: casus" in notes and "Drugsafval" not in notes
    client.post(reverse("signals:notifications_read"))
    assert "0 ongelezen meldingen" in client.get(reverse("signals:list")).content.decode()
    Bottleneck.objects.create(text="BRP-gegevens te laat gedeeld")
    assert "BRP-gegevens te laat gedeeld" in client.get(reverse("signals:bottlenecks")).content.decode()


@pytest.mark.parametrize(
    ("language", "expected", "unexpected"),
    [
        ("nl", "5-3-2026", "5 maart 2026"),
        ("de", "05.03.2026", "5. März 2026"),
        ("en", "03/05/2026", "March 5, 2026"),
    ],
)
def test_detail_page_writes_dates_in_one_short_format_per_language(gemeente, language, expected, unexpected):
    """The signal's date, its deadline and its history use the language's short date format, not a
    mix of long, abbreviated and ISO forms on one page."""
    import datetime as dt

    from django.utils import translation

    signal = make_signal(received_on=dt.date(2026, 3, 5))
    client = client_for(gemeente)
    client.cookies["weerbaar_language"] = language
    with translation.override("nl"):  # the request activates its language; leave none behind
        body = client.get(reverse("signals:detail", args=[signal.pk])).content.decode()
    assert expected in body
    assert unexpected not in body
    assert " mrt " not in body and " Mär " not in body and " Mar " not in body


def test_the_sharing_page_names_companies_and_addresses_not_keys(gemeente, other_gemeente, registers_data):
    """The holder reads "Kweek Handel B.V. (KvK-nummer 12345678)" and "Loodsweg 12, 8011AB Zwolle",
    not "onderneming:12345678, adres:8011AB|12||"; the names come through the registers'
    selectors, and a label reads no people: no officer or resident is read, refused or logged
    for the holder."""
    from weerbaar.audit.models import AuditEntry
    from weerbaar.signals import services as s

    theirs = make_signal(reporter="GM0153", address="Loodsweg 12", address_key="8011AB|12||")
    add_subject(theirs, "onderneming", "12345678")
    mine = make_signal(address="Loodsweg 12", address_key="8011AB|12||")
    add_subject(mine, "onderneming", "12345678")
    item = s.disclosure_request(
        ctx=ctx_of(gemeente), signal=mine, holder=org("GM0153"), purpose="zelfde loods"
    )
    assert set(item.keys) == {"onderneming:12345678", "adres:8011AB|12||"}
    page = client_for(other_gemeente).get(reverse("signals:disclosures")).content.decode()
    assert "Kweek Handel B.V. (KvK-nummer 12345678)" in page
    assert "Loodsweg 12, 8011AB" in page
    assert "onderneming:" not in page and "8011AB|12" not in page
    read = AuditEntry.objects.using("audit").filter(actor_id=str(other_gemeente.pk))
    assert not read.filter(object_type__in=["registers.functionaris", "registers.persoon"]).exists()
