"""The checklist pages: advice for partners, rules edited, previewed and published by advisers."""

import pytest
import yaml
from django.test import Client

from weerbaar.checklist.models import RuleSet, RuleSetStatus
from weerbaar.core.access import Role
from weerbaar.core.testing import persona_client

HOLIDAY_PARK = {
    "verschijnsel": "vakantiepark",
    "locatie": "vakantiepark",
    "regio": "twente",
    "behoefte": ["informatie", "expertise"],
}


def test_advice_page_names_factsheets_contacts_and_next_steps(starter):
    html = (
        persona_client(Client, Role.GEMEENTELIJK_ANALIST)
        .get("/checklist/advies", HOLIDAY_PARK)
        .content.decode()
    )
    assert 'data-factsheet="recreatieparkenregister"' in html
    assert 'data-contact="pv-expertisecentrum-vakantieparken"' in html
    assert "Begeleidingstraject expertisecentrum vitale vakantieparken" in html
    assert "checklist/print.css" in html


def test_advice_as_json_can_be_attached_to_a_signal(starter):
    body = (
        persona_client(Client, Role.RIEC_ANALIST)
        .get("/checklist/advies", {**HOLIDAY_PARK, "formaat": "json"})
        .json()
    )
    assert body["ruleSetVersion"] == 1 and "recreatieparkenregister" in body["factsheets"]


def test_advice_is_in_german_for_german_partners(starter):
    client = persona_client(Client, Role.PARTNER)
    client.cookies["weerbaar_language"] = "de"
    html = client.get("/checklist/advies", HOLIDAY_PARK).content.decode()
    assert "Fragen Sie das Expertisezentrum" in html


def test_adviser_drafts_previews_and_publishes_a_new_version(starter):
    client = persona_client(Client, Role.PROVINCIAAL_ADVISEUR)
    content = RuleSet.objects.get(version=1).content
    content["rules"].append(
        {"id": "haven-extra", "when": {"locatie": ["haven"]}, "factsheets": ["luchtfotos"]}
    )
    response = client.post(
        "/checklist/regels/nieuw", {"content": yaml.safe_dump(content, allow_unicode=True), "note": "haven"}
    )
    assert response.status_code == 302
    draft = RuleSet.objects.get(version=2)
    assert draft.status == RuleSetStatus.DRAFT
    assert "haven-extra" in client.get("/checklist/regels/2").context["changes"].added["rules"]
    analyst = persona_client(Client, Role.GEMEENTELIJK_ANALIST)
    assert (
        "luchtfotos"
        not in analyst.get("/checklist/advies", {"locatie": "haven", "formaat": "json"}).json()["factsheets"]
    )
    preview = client.get("/checklist/advies", {"locatie": "haven", "versie": 2, "formaat": "json"}).json()
    assert "luchtfotos" in preview["factsheets"]
    assert analyst.get("/checklist/advies", {"locatie": "haven", "versie": 2}).status_code == 404
    client.post("/checklist/regels/2/publiceren")
    assert RuleSet.objects.get(version=1).status == RuleSetStatus.RETIRED
    assert (
        "luchtfotos"
        in analyst.get("/checklist/advies", {"locatie": "haven", "formaat": "json"}).json()["factsheets"]
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("questions: [", "Geen geldige YAML"),
        ("questions: []\nrules: []", "must be a non-empty list"),
    ],
)
def test_a_broken_draft_is_refused_with_the_reason(starter, text, message):
    client = persona_client(Client, Role.PROVINCIAAL_ADVISEUR)
    response = client.post("/checklist/regels/nieuw", {"content": text})
    assert response.status_code == 400 and message in response.content.decode()
    assert RuleSet.objects.count() == 1


def test_only_provincial_advisers_edit_rules(starter):
    assert persona_client(Client, Role.GEMEENTELIJK_ANALIST).get("/checklist/regels").status_code == 403


def test_advice_api_for_partners(starter):
    body = (
        persona_client(Client, Role.RIEC_ANALIST)
        .get("/api/v1/checklist/advies", {"locatie": "natuurgebied"})
        .json()
    )
    assert {"natura2000-gebieden", "natuurvergunningen"} <= set(body["factsheets"])
    assert "natuurvergunning" in body["instrumenten"] and body["regelsetVersie"] == 1
    assert Client().get("/api/v1/checklist/advies").status_code == 401


def test_advice_api_refuses_questions_and_options_it_does_not_know(starter):
    """The questions are query parameters the rule set, not the OpenAPI document, declares; a
    question or option it does not know is a 400 naming it, never silently ignored."""
    client = persona_client(Client, Role.RIEC_ANALIST)
    response = client.get("/api/v1/checklist/advies", {"locatie": "maan", "bestaatniet": "1"})
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    codes = {p["name"]: p["code"] for p in response.json()["invalidParams"]}
    assert codes == {"locatie": "enum", "bestaatniet": "unknownParam"}


def test_adviser_edits_one_rule_of_a_draft_with_a_form(starter):
    client = persona_client(Client, Role.PROVINCIAAL_ADVISEUR)
    client.post(
        "/checklist/regels/nieuw", {"content": yaml.safe_dump(RuleSet.objects.get(version=1).content)}
    )
    form = client.get("/checklist/regels/2/regels/locatie-haven").context["form"]
    assert form.initial["when_locatie"] == ["haven"]
    response = client.post(
        "/checklist/regels/2/regels/locatie-haven",
        {
            "id": "locatie-haven",
            "when_locatie": ["haven", "bedrijventerrein"],
            "factsheets": ["havens", "luchtfotos"],
            "contacts": ["pv-vaarwegbeheer"],
            "steps_nl": "Bel de havenmeester.\nVraag de luchtfoto's op.",
            "steps_de": "Rufen Sie den Hafenmeister an.\nFordern Sie die Luftbilder an.",
            "steps_en": "",
        },
    )
    assert response.status_code == 302
    rule = next(r for r in RuleSet.objects.get(version=2).content["rules"] if r["id"] == "locatie-haven")
    assert rule["when"] == {"locatie": ["haven", "bedrijventerrein"]}
    assert rule["next_steps"][1] == {"nl": "Vraag de luchtfoto's op.", "de": "Fordern Sie die Luftbilder an."}
    assert RuleSet.objects.get(version=1).content != RuleSet.objects.get(version=2).content


def test_a_published_rule_set_is_not_edited_in_place(starter):
    client = persona_client(Client, Role.PROVINCIAAL_ADVISEUR)
    before = RuleSet.objects.get(version=1).content
    response = client.post("/checklist/regels/1/regel-toevoegen", {"id": "extra", "factsheets": ["bag"]})
    assert (
        response.status_code == 400 and "Alleen een concept kan worden gewijzigd" in response.content.decode()
    )
    assert RuleSet.objects.get(version=1).content == before


def test_unequal_translations_of_next_steps_are_refused(starter):
    client = persona_client(Client, Role.PROVINCIAAL_ADVISEUR)
    client.post(
        "/checklist/regels/nieuw", {"content": yaml.safe_dump(RuleSet.objects.get(version=1).content)}
    )
    response = client.post(
        "/checklist/regels/2/regel-toevoegen", {"id": "extra", "steps_nl": "a\nb", "steps_de": "a"}
    )
    assert response.status_code == 400


def test_without_answers_the_page_says_it_cannot_advise_yet(starter):
    """No answer given: no advice to involve the province, no contacts or steps, but a clear
    statement that advice needs answers and a way back to the questions."""
    html = persona_client(Client, Role.GEMEENTELIJK_ANALIST).get("/checklist/advies").content.decode()
    assert "Nog geen advies mogelijk" in html
    assert "Advies: de provincie betrekken" not in html
    assert 'id="contacten"' not in html and 'id="vervolgstappen"' not in html
    assert 'href="/checklist?' in html
