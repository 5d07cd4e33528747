"""The checklist's rule engine: rules are data, this module only checks and applies them.

A rule set holds `questions` (each with options), `instruments` and `rules`. A rule matches when,
for every question named in its `when`, the answers share at least one option with the listed
ones; an empty `when` always matches. The advice is the union of all matching rules, in order.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("nl", "de", "en")
RULE_LISTS = ("factsheets", "instruments", "legal_bases", "contacts")


class RuleSetError(ValueError):
    """The rule set is not consistent; the message names the question, instrument or rule."""


def _check_text(value: Any, label: str) -> None:
    if not isinstance(value, dict) or not isinstance(value.get("nl"), str) or not value["nl"].strip():
        raise RuleSetError(f"{label}: needs a Dutch text (nl)")
    for language, text in value.items():
        if language not in LANGUAGES or not isinstance(text, str):
            raise RuleSetError(f"{label}: unexpected text {language!r}")


def validate_ruleset(
    content: Any,
    *,
    factsheets: Collection[str] | None = None,
    contacts: Collection[str] | None = None,
    legal_bases: Collection[str] | None = None,
) -> None:
    """Raise RuleSetError unless the content is consistent (and its references exist)."""
    if not isinstance(content, dict):
        raise RuleSetError("expected a mapping with questions, instruments and rules")
    for key in ("questions", "rules"):
        if not isinstance(content.get(key), list) or not content[key]:
            raise RuleSetError(f"{key!r} must be a non-empty list")
    options: dict[str, set[str]] = {}
    for index, question in enumerate(content["questions"], start=1):
        qid = question.get("id") if isinstance(question, dict) else None
        if not qid:
            raise RuleSetError(f"question {index}: needs an id")
        _check_text(question.get("text"), f"question {qid}")
        if not question.get("options"):
            raise RuleSetError(f"question {qid}: needs options")
        options[qid] = set()
        for option in question["options"]:
            if not option.get("id"):
                raise RuleSetError(f"question {qid}: an option needs an id")
            _check_text(option.get("text"), f"question {qid}, option {option['id']}")
            options[qid].add(option["id"])
    instruments: set[str] = set()
    for index, instrument in enumerate(content.get("instruments") or [], start=1):
        code = instrument.get("code")
        if not code:
            raise RuleSetError(f"instrument {index}: needs a code")
        _check_text(instrument.get("name"), f"instrument {code}")
        _check_text(instrument.get("role"), f"instrument {code}")
        if contacts is not None and instrument.get("contact") and instrument["contact"] not in contacts:
            raise RuleSetError(f"instrument {code}: unknown contact {instrument['contact']!r}")
        instruments.add(code)
    known = {
        "factsheets": factsheets,
        "contacts": contacts,
        "legal_bases": legal_bases,
        "instruments": instruments,
    }
    seen: set[str] = set()
    for index, rule in enumerate(content["rules"], start=1):
        rid = rule.get("id") if isinstance(rule, dict) else None
        if not rid:
            raise RuleSetError(f"rule {index}: needs an id")
        if rid in seen:
            raise RuleSetError(f"rule {rid}: id occurs twice")
        seen.add(rid)
        for qid, wanted in (rule.get("when") or {}).items():
            if qid not in options:
                raise RuleSetError(f"rule {rid}: unknown question {qid!r}")
            unknown = set(wanted) - options[qid]
            if unknown:
                raise RuleSetError(f"rule {rid}: unknown options {sorted(unknown)} for {qid!r}")
        for key in RULE_LISTS:
            values = rule.get(key) or []
            if not isinstance(values, list):
                raise RuleSetError(f"rule {rid}: {key} must be a list")
            if known[key] is not None:
                unknown = set(values) - set(known[key])  # type: ignore[arg-type]
                if unknown:
                    raise RuleSetError(f"rule {rid}: unknown {key} {sorted(unknown)}")
        for step in rule.get("next_steps") or []:
            _check_text(step, f"rule {rid}, next step")


def clean_answers(content: Mapping[str, Any], answers: Mapping[str, Collection[str]]) -> dict[str, list[str]]:
    """Keep only known questions and options; single-choice questions keep one answer."""
    cleaned: dict[str, list[str]] = {}
    for question in content["questions"]:
        allowed = [o["id"] for o in question["options"]]
        chosen = [a for a in allowed if a in set(answers.get(question["id"], ()))]
        if not question.get("multiple"):
            chosen = chosen[:1]
        if chosen:
            cleaned[question["id"]] = chosen
    return cleaned


@dataclass
class Advice:
    """The outcome: codes in rule order, without duplicates, and the rules that produced it."""

    answers: dict[str, list[str]]
    matched_rules: list[str] = field(default_factory=list)
    factsheets: list[str] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    legal_bases: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    next_steps: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "matchedRules": self.matched_rules,
            "factsheets": self.factsheets,
            "instruments": self.instruments,
            "legalBases": self.legal_bases,
            "contacts": self.contacts,
            "nextSteps": self.next_steps,
        }


def rule_matches(rule: Mapping[str, Any], answers: Mapping[str, Collection[str]]) -> bool:
    return all(set(wanted) & set(answers.get(qid, ())) for qid, wanted in (rule.get("when") or {}).items())


def evaluate(content: Mapping[str, Any], answers: Mapping[str, Collection[str]]) -> Advice:
    """Apply the rules to the answers."""
    cleaned = clean_answers(content, answers)
    advice = Advice(answers=cleaned)
    for rule in content["rules"]:
        if not rule_matches(rule, cleaned):
            continue
        advice.matched_rules.append(rule["id"])
        for key in RULE_LISTS:
            target = getattr(advice, key)
            for code in rule.get(key) or []:
                if code not in target:
                    target.append(code)
        for step in rule.get("next_steps") or []:
            if step not in advice.next_steps:
                advice.next_steps.append(step)
    # instruments bring their own legal bases and contact
    instruments = {i["code"]: i for i in content.get("instruments") or []}
    for code in advice.instruments:
        instrument = instruments.get(code, {})
        for basis in instrument.get("legal_bases") or []:
            if basis not in advice.legal_bases:
                advice.legal_bases.append(basis)
        contact = instrument.get("contact")
        if contact and contact not in advice.contacts:
            advice.contacts.append(contact)
    return advice


@dataclass
class RuleSetChanges:
    """What a version changes against another, per part: ids added, removed and changed."""

    added: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)
    changed: dict[str, list[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> RuleSetChanges:
    """Compare two rule sets by question id, instrument code and rule id."""
    changes = RuleSetChanges()
    for part, key in (("questions", "id"), ("instruments", "code"), ("rules", "id")):
        before = {item[key]: item for item in old.get(part) or []}
        after = {item[key]: item for item in new.get(part) or []}
        for target, ids in (
            (changes.added, [i for i in after if i not in before]),
            (changes.removed, [i for i in before if i not in after]),
            (changes.changed, [i for i in after if i in before and after[i] != before[i]]),
        ):
            if ids:
                target[part] = ids
    return changes
