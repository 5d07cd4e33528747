"""Subjects typed per kind on the intake form (issue 16 item 3): a formset that works without
JavaScript, names the row and field of every error and stores nothing while one row is wrong."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from weerbaar.privacy.testing import ctx_of
from weerbaar.signals.forms import ADD_SUBJECT, SubjectForm, subject_formset, suggested_kinds
from weerbaar.signals.models import Signal, Subject

from .factories import client_for, subject_rows

SIGNAL = {
    "title": "Loods met verdachte activiteit",
    "phenomenon": "drugs",
    "received_on": "2026-11-01",
    "source_reliability": "B",
    "information_reliability": "2",
}


def test_typed_rows_become_the_subjects_the_service_takes(gemeente):
    """Empty rows are left out; a person's name is its identifier; the birth date is a date."""
    rows = subject_rows(
        {"kind": "adres", "identifier": "8011AB 12", "role": "pand"},
        {"kind": "onderneming", "identifier": "12345678", "name": "Kweek Handel B.V.", "shareable": "on"},
        {"kind": "persoon", "identifier": "Jan de Vries", "birth_date": "1980-01-01"},
        {"kind": "perceel", "identifier": ""},  # a row left empty: no subject
    )
    formset = subject_formset(ctx_of(gemeente), rows)
    assert formset.is_valid(), formset.errors
    subjects = formset.subjects()
    assert [(s["kind"], s["identifier"]) for s in subjects] == [
        ("adres", "8011AB 12"),
        ("onderneming", "12345678"),
        ("persoon", "Jan de Vries"),
    ]
    assert subjects[0]["role"] == "pand" and subjects[1]["shareable"] is True
    assert subjects[2]["name"] == "Jan de Vries" and subjects[2]["birth_date"] == dt.date(1980, 1, 1)


def test_a_bad_row_is_named_and_nothing_is_stored(gemeente):
    client = client_for(gemeente)
    rows = subject_rows(
        {"kind": "adres", "identifier": "8011AB 12"},
        {"kind": "onderneming", "identifier": "1234"},
        {"kind": "persoon", "identifier": "", "birth_date": "1-1-80x"},
    )
    response = client.post(reverse("signals:create"), {**SIGNAL, **rows})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Onderwerp 2, KvK-nummer: Geen geldig kenmerk voor onderneming: vul KvK-nummer in." in body
    assert 'href="#id_onderwerp-1-identifier"' in body
    assert "Onderwerp 3, Naam: Dit veld is verplicht." in body  # a person's identifier is its name
    assert "Onderwerp 3, Geboortedatum:" in body
    assert "Onderwerp 1" not in body.split("Er is een probleem met de onderwerpen")[1].split("</ul>")[0]
    assert not Signal.objects.filter(title=SIGNAL["title"]).exists()
    assert not Subject.objects.exists()


def test_a_valid_form_registers_the_signal_with_its_typed_subjects(gemeente, registers_data):
    client = client_for(gemeente)
    rows = subject_rows(
        {"kind": "adres", "identifier": "8011AB 12"},
        {"kind": "perceel", "identifier": "zwl00-k-1234"},
    )
    response = client.post(reverse("signals:create"), {**SIGNAL, **rows})
    assert response.status_code == 302, response.content.decode()[:2000]
    signal = Signal.objects.get(title=SIGNAL["title"])
    assert sorted(signal.subjects.values_list("key", flat=True)) == [
        "adres:8011AB|12||",
        "perceel:ZWL00 K 1234",
    ]


def test_one_more_subject_without_javascript_keeps_what_was_typed(gemeente):
    """The button posts the form: shown again with one row more, without errors about the rows
    not finished, and nothing registered."""
    client = client_for(gemeente)
    rows = subject_rows({"kind": "onderneming", "identifier": "1234"})
    response = client.post(reverse("signals:create"), {**SIGNAL, **rows, ADD_SUBJECT: "1"})
    body = response.content.decode()
    assert response.status_code == 200 and not Signal.objects.exists()
    assert 'name="onderwerp-TOTAL_FORMS" value="2"' in body
    assert 'name="onderwerp-0-identifier" value="1234"' in body
    assert 'name="onderwerp-1-identifier"' in body
    assert 'value="Loods met verdachte activiteit"' in body
    assert "Er is een probleem" not in body


def test_the_kind_options_carry_what_the_form_shows_and_persons_are_suggested_only_when_cleared(gemeente):
    """The identifier's label and fields per kind; the register search of persons only for a
    context with shielded clearance (the registers refuse the others)."""
    cleared = str(SubjectForm(suggesting={"persoon", "adres"})["kind"])
    assert 'value="onderneming" data-identifier-label="KvK-nummer" data-fields="name"' in cleared
    assert 'value="persoon" data-identifier-label="Naam" data-fields="birth_date"' in cleared
    assert "data-search-hint" in cleared.split('value="persoon"')[1].split(">")[0]
    assert suggested_kinds(ctx_of(gemeente, second_factor=False)) == {"adres", "onderneming", "perceel"}
    assert "persoon" in suggested_kinds(ctx_of(gemeente, purpose="signaalverrijking"))
    gemeente_page = client_for(gemeente).get(reverse("signals:create")).content.decode()
    assert (
        'value="persoon" data-identifier-label="Naam" data-fields="birth_date" data-search-hint'
        in gemeente_page
    )
    assert 'data-suggest-url="/api/v1/registers/suggesties"' in gemeente_page
    assert "Onderwerpen (één per regel" not in gemeente_page
