"""The rule engine applies rules as data; the starter rules give the advice the issue asks for."""

import pytest
import yaml

from weerbaar.checklist.engine import (
    RuleSetError,
    clean_answers,
    compare,
    evaluate,
    rule_matches,
    validate_ruleset,
)
from weerbaar.checklist.starter import RULES

STARTER = yaml.safe_load(RULES.read_text(encoding="utf-8"))


def _minimal(**rule):
    return {
        "questions": [
            {
                "id": "locatie",
                "text": {"nl": "Waar?"},
                "options": [{"id": "haven", "text": {"nl": "Haven"}}, {"id": "park", "text": {"nl": "Park"}}],
            }
        ],
        "rules": [{"id": "r1", **rule}],
    }


def test_starter_rules_are_consistent():
    """The shipped rules reference only known questions and options."""
    validate_ruleset(STARTER)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"when": {"onbekend": ["x"]}}, "unknown question"),
        ({"when": {"locatie": ["bos"]}}, "unknown options"),
        ({"factsheets": ["bestaat-niet"]}, "unknown factsheets"),
        ({"contacts": ["niemand"]}, "unknown contacts"),
        ({"next_steps": [{"de": "nur Deutsch"}]}, "needs a Dutch text"),
    ],
)
def test_inconsistent_rules_are_refused_with_the_rule_named(change, message):
    with pytest.raises(RuleSetError, match=message) as info:
        validate_ruleset(_minimal(**change), factsheets={"bag"}, contacts={"c1"}, legal_bases=set())
    assert "r1" in str(info.value)


def test_a_rule_matches_when_every_named_question_shares_an_answer():
    rule = {"when": {"locatie": ["haven", "park"], "behoefte": ["informatie"]}}
    assert rule_matches(rule, {"locatie": ["park"], "behoefte": ["informatie", "expertise"]})
    assert not rule_matches(rule, {"locatie": ["park"]})
    assert rule_matches({"when": {}}, {})


def test_single_choice_questions_keep_one_answer_and_unknown_options_are_dropped():
    cleaned = clean_answers(
        STARTER, {"locatie": ["vakantiepark", "haven"], "behoefte": ["informatie", "x"], "foo": ["bar"]}
    )
    assert cleaned == {"locatie": ["vakantiepark"], "behoefte": ["informatie"]}


def test_holiday_park_case_names_the_park_sources_instruments_and_contacts():
    advice = evaluate(
        STARTER,
        {
            "verschijnsel": ["vakantiepark"],
            "locatie": ["vakantiepark"],
            "regio": ["twente"],
            "behoefte": ["informatie", "expertise"],
        },
    )
    assert advice.factsheets[:3] == [
        "recreatieparkenregister",
        "vitaliteit-vakantieparken",
        "bewoning-recreatiewoningen",
    ]
    assert "expertisecentrum-vakantieparken" in advice.instruments
    assert {
        "pv-expertisecentrum-vakantieparken",
        "pv-adviseur-ondermijning-twente",
        "riec-informatieplein-twente",
    } <= set(advice.contacts)
    assert "riec-informatieplein-ijsselland" not in advice.contacts
    assert len(advice.factsheets) == len(set(advice.factsheets)), "no duplicates"


def test_rural_drugs_case_in_ijsselland_adds_the_label_partnership():
    advice = evaluate(
        STARTER,
        {
            "verschijnsel": ["drugs"],
            "locatie": ["buitengebied"],
            "regio": ["ijsselland"],
            "behoefte": ["instrument"],
        },
    )
    assert {"vab-inventarisatie", "drugsafvaldumpingen", "luchtfotos", "keurmerk-veilig-buitengebied"} <= set(
        advice.factsheets
    )
    assert {"ervencoaches", "keurmerk-veilig-buitengebied"} <= set(advice.instruments)
    assert {"pv-vab-ervencoaches", "kvb-ijsselland"} <= set(advice.contacts)
    assert "opiumwet-13b" in advice.legal_bases and "wet-bibob" in advice.legal_bases


def test_instruments_bring_their_own_legal_basis_and_contact():
    advice = evaluate(STARTER, {"verschijnsel": ["malafide-onderneming"]})
    assert "bibob-subsidies" in advice.instruments
    assert "wet-bibob" in advice.legal_bases and "pv-bibob" in advice.contacts


def test_no_answers_still_give_the_basic_advice():
    advice = evaluate(STARTER, {})
    assert advice.matched_rules == ["basis"]
    assert advice.contacts == ["pv-adviseur-ondermijning"]


def test_compare_names_added_removed_and_changed_parts():
    import copy

    new = copy.deepcopy(STARTER)
    new["rules"] = [r for r in new["rules"] if r["id"] != "duitsland"]
    new["rules"][0]["contacts"] = ["pv-bibob"]
    new["rules"].append({"id": "nieuw", "when": {}})
    changes = compare(STARTER, new)
    assert changes.added == {"rules": ["nieuw"]}
    assert changes.removed == {"rules": ["duitsland"]}
    assert changes.changed == {"rules": ["basis"]}
    assert compare(STARTER, STARTER).empty
